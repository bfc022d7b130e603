package org.parley.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code parley} command: the top of Parley's command-line tool, started by the {@code ./parley}
 * launcher at the repository root.
 *
 * <p>It holds only the global options ({@code --help}, {@code --version}); the work is done by its
 * subcommands, all registered in the {@code subcommands} list of the {@link Command} annotation below.
 * A new command is one class plus one entry in that list. Run with no command, it prints its usage
 * to stderr and exits with {@link CommandLine.ExitCode#USAGE} (2).
 *
 * <p>Thread model: confined to the main thread; one instance serves one run of the tool.
 */
@Command(
        name = "parley",
        mixinStandardHelpOptions = true,
        versionProvider = Main.ManifestVersion.class,
        subcommands = {
            CommandLine.HelpCommand.class,
            LintCommand.class,
            OptionsCommand.class,
            MessageCommand.class,
            ListenCommand.class,
            CallCommand.class,
            RegisterCommand.class,
            UserCommand.class,
            ServerCommand.class,
            ConfigCommand.class,
        },
        description = {
            "Parley: a SIP (RFC 3261) stack, proxy/registrar server and toolkit for the JVM.",
            "This tool runs Parley from the command line, one command per task; see Commands.",
        },
        footerHeading = "%n",
        footer = {
            "Run 'parley help COMMAND' or 'parley COMMAND --help' for a command's options.",
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:the command failed (a message says why)",
            "2:bad usage: unknown command or option, or a missing argument",
        })
public final class Main implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    /**
     * Runs the tool and exits the JVM with the command's exit code.
     *
     * @param args the command line, as given to {@code ./parley}
     */
    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    /**
     * Called when no subcommand is given: prints the usage to stderr.
     *
     * @return {@link CommandLine.ExitCode#USAGE}
     */
    @Override
    public Integer call() {
        CommandLine commandLine = spec.commandLine();
        commandLine.usage(commandLine.getErr());
        return CommandLine.ExitCode.USAGE;
    }

    /**
     * Reports the version written into the jar's manifest ({@code Implementation-Version}, set by the
     * shade plugin from the project version), plus the JVM and OS it runs on. Outside the packaged
     * jar (in tests, from an IDE) the version is "development build".
     *
     * <p>Thread model: stateless.
     */
    static final class ManifestVersion implements IVersionProvider {

        @Override
        public String[] getVersion() {
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[] {
                "parley " + (version == null ? "development build" : version),
                "JVM: " + System.getProperty("java.vendor") + " " + System.getProperty("java.version"),
                "OS: " + System.getProperty("os.name") + " " + System.getProperty("os.version")
                    + " " + System.getProperty("os.arch"),
            };
        }
    }
}
