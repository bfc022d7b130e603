package org.parley.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.parley.server.DefaultDomains;
import org.parley.server.config.ConfigException;
import org.parley.server.config.ConfigPrinter;
import org.parley.server.config.ServerConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code parley config show}: prints the configuration a {@code parley server} with the same options
 * would run with (defaults, then {@code --config FILE}, then the flags; default domains detected), as
 * YAML that {@code --config} reads back. Secrets are masked.
 *
 * <p>Thread model: confined to the main thread.
 */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = "Inspect the server configuration.",
        subcommands = {ConfigCommand.Show.class})
final class ConfigCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** Without a subcommand: prints the usage to stderr. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return CommandLine.ExitCode.USAGE;
    }

    /** {@code config show}. */
    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Print the effective server configuration (defaults < --config FILE < flags) as YAML.",
            footerHeading = "%nExamples:%n", footer = {
                "  parley config show",
                "  parley config show --config /etc/parley/parley.yaml --listen udp:0.0.0.0:5080",
            },
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {
                "0:printed",
                "2:the file or a flag is refused (the message names the file, key or flag)",
            })
    static final class Show implements Callable<Integer> {
        @Mixin
        ServerFlags flags;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try {
                ServerConfig effective = DefaultDomains.resolve(flags.configuration());
                out.println("# effective configuration: defaults"
                        + (flags.config == null ? "" : " < " + flags.config) + " < flags");
                out.print(ConfigPrinter.toYaml(effective));
                return 0;
            } catch (ConfigException e) {
                err.println("parley config show: " + e.getMessage());
                return CliException.USAGE;
            } catch (CliException e) {
                err.println("parley config show: " + e.getMessage());
                return e.exitCode();
            } finally {
                out.flush();
                err.flush();
            }
        }
    }
}
