package org.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MainTest {

    private final CliRun cli = new CliRun();
    private final StringWriter out = cli.out;
    private final StringWriter err = cli.err;

    private int run(String... args) {
        return cli.run(args);
    }

    @Test
    void helpPrintsUsageAndSucceeds() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString())
            .contains("Usage: parley")
            .contains("SIP")
            .contains("--version");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void versionSucceeds() {
        assertThat(run("--version")).isZero();
        assertThat(out.toString()).startsWith("parley ");
    }

    @Test
    void noArgumentsPrintsUsageToStderrAndExitsWithUsageCode() {
        assertThat(run()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("Usage: parley");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void unknownCommandExitsWithUsageCode() {
        assertThat(run("no-such-command")).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("no-such-command");
    }

    @Test
    void helpCommandIsRegistered() {
        assertThat(run("help")).isZero();
        assertThat(out.toString()).contains("Usage: parley");
    }
}
