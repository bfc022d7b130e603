package org.parley.cli;

import java.io.Console;
import java.util.Arrays;

/**
 * Where a command gets a password: never from its command line (other users see it in the process
 * list, the shell keeps it in its history), but from an environment variable the user names, or else
 * from a prompt on the terminal with echo off.
 *
 * <p>Stateless; called on the main thread.
 */
final class PasswordSource {
    private PasswordSource() {
    }

    /**
     * The password from {@code envVar} when given, else asked on the terminal.
     *
     * @param envVar the variable named by {@code --password-env}, or null to ask
     * @param needing who needs it, for the message when there is no terminal ("--user alice")
     * @param promptName whose password the prompt asks for
     * @param confirm ask twice on the terminal and insist both agree (for setting a password)
     * @throws CliException (usage) when the variable is not set, there is no terminal, nothing was
     *     typed, or the two entries differ
     */
    static String read(String envVar, String needing, String promptName, boolean confirm) {
        if (envVar != null) {
            String p = System.getenv(envVar);
            if (p == null) {
                throw CliException.usage("--password-env " + envVar + ": that environment variable is not set");
            }
            return p;
        }
        Console console = System.console();
        if (console == null) {
            throw CliException.usage(needing + " needs a password: give --password-env VAR (no terminal to ask on)");
        }
        char[] p = console.readPassword("Password for %s: ", promptName);
        if (p == null) {
            throw CliException.usage("no password given");
        }
        if (confirm) {
            char[] again = console.readPassword("Password for %s, again: ", promptName);
            boolean same = Arrays.equals(p, again);
            if (again != null) {
                Arrays.fill(again, '\0');
            }
            if (!same) {
                Arrays.fill(p, '\0');
                throw CliException.usage("the two passwords differ; nothing was changed");
            }
        }
        String password = new String(p);
        Arrays.fill(p, '\0');
        return password;
    }
}
