package org.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MainTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
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
