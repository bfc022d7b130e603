package org.parley.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class OutputLinesTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    private static ByteArrayInputStream text(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void splitsAtLineBreaksAndCarriageReturnsAndKeepsNoEmptyLines() {
        OutputLines out = OutputLines.read(text("a\nb\r\n\rc\r\rd"), "test");

        assertThat(out.await(0, "never"::equals, WAIT)).isEmpty();
        assertThat(out.hasEnded()).isTrue();
        assertThat(out.lines()).containsExactly("a", "b", "c", "d");
        assertThat(out.count()).isEqualTo(4);
        assertThat(out.tail(2)).isEqualTo("c\nd");
    }

    @Test
    void aWaitFromANumberSeesOnlyLaterLinesAndAFilterDropsLines() {
        OutputLines out = OutputLines.read(text("x 1\nstatus\nx 2\n"), "test", line -> !line.equals("status"));

        assertThat(out.await(1, l -> l.startsWith("x"), WAIT)).contains("x 2");
        assertThat(out.lines()).containsExactly("x 1", "x 2");
    }

    @Test
    void aPromptWithoutALineBreakIsSeenWhileTheProgramWaits() throws IOException {
        PipedOutputStream program = new PipedOutputStream();
        OutputLines out = OutputLines.read(new PipedInputStream(program), "test");
        program.write("Warning: something\nlinphonec> ".getBytes(StandardCharsets.UTF_8));
        program.flush();

        assertThat(out.await(0, l -> l.startsWith("linphonec>"), WAIT)).contains("linphonec> ");
        program.close();
    }

    @Test
    void onlyAPromptCountsAsAnUnfinishedLine() {
        assertThat(OutputLines.isPrompt("linphonec> ")).isTrue();
        assertThat(OutputLines.isPrompt("half a log li")).isFalse();
        assertThat(OutputLines.isPrompt("> ")).isTrue();
        assertThat(OutputLines.isPrompt(" ")).isFalse();
    }

    @Test
    void keepsABoundedTailOfLongOutput() {
        String many = "line\n".repeat(OutputLines.MAX_LINES + 10) + "x".repeat(OutputLines.MAX_LINE_CHARS + 5) + "\n";
        OutputLines out = OutputLines.read(text(many), "test");

        assertThat(out.await(0, l -> l.startsWith("x"), WAIT)).hasValueSatisfying(
                l -> assertThat(l).hasSize(OutputLines.MAX_LINE_CHARS));
        assertThat(out.lines()).hasSize(OutputLines.MAX_LINES);
        assertThat(out.count()).isEqualTo(OutputLines.MAX_LINES + 11L);
    }
}
