package org.parley.cli;

/**
 * A command failed in a way the user can act on: the message names the problem (the option, the
 * host, the status), and the exit code says which kind it was. Commands catch it at their top and
 * print the message; no stack trace reaches the user.
 */
final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A command that talks to no peer failed: an unknown user, a store that cannot be written. */
    static final int FAILED = 1;
    /** The peer refused (a 4xx-6xx final response). */
    static final int REFUSED = 1;
    /** Bad usage: an option, a URI or a credential source is wrong. */
    static final int USAGE = 2;
    /** No final response came in time (a 408 made locally, or our own wait ran out). */
    static final int TIMEOUT = 3;
    /** The peer could not be reached: its name does not resolve, or the transport failed. */
    static final int UNREACHABLE = 4;

    private final int exitCode;

    CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    static CliException usage(String message) {
        return new CliException(USAGE, message);
    }

    int exitCode() {
        return exitCode;
    }
}
