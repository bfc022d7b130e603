package org.parley.testkit.sipp;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a SIPp run did. Exit codes (man sipp): 0 every call succeeded, 1 at least one failed, 97
 * exit on an internal command, 99 normal exit without calls processed, 254/255 fatal error (e.g. a
 * socket could not be bound), -1 when the harness killed SIPp. Call counts come from the last line
 * of {@code -trace_stat} ({@code SuccessfulCall(C)}, {@code FailedCall(C)}), else from the final
 * screen of {@code -trace_screen}; -1 when neither says. The texts are the last 64 KiB of each file.
 * Immutable.
 *
 * @param exitCode SIPp's exit status
 * @param successfulCalls calls that reached the end of the scenario
 * @param failedCalls calls that failed (unexpected message, timeout, retransmissions exhausted, …)
 * @param errors the {@code -trace_err} file: unexpected messages and why calls failed
 * @param messages the {@code -trace_msg} file: every message sent and received
 * @param screen the final statistics screen
 * @param output SIPp's standard error, where it reports fatal errors
 */
public record SippResult(int exitCode, long successfulCalls, long failedCalls, String errors, String messages,
        String screen, String output) {

    private static final Pattern SCREEN_COUNT =
            Pattern.compile("(Successful|Failed) call\\s*\\|\\s*\\d+\\s*\\|\\s*(\\d+)");

    /** Whether SIPp exited with 0: every call succeeded. */
    public boolean isSuccess() {
        return exitCode == 0;
    }

    /** A summary for an assertion message: exit code, counts, errors, SIPp's output and the messages. */
    public String describe() {
        return "SIPp exit code " + exitCode + ", " + successfulCalls + " successful and " + failedCalls
                + " failed calls" + section("errors", errors) + section("output", output)
                + section("messages", messages);
    }

    private static String section(String name, String text) {
        return text.isBlank() ? "" : "\n--- " + name + " ---\n" + text.strip();
    }

    static SippResult read(Path dir, int exitCode) {
        String stats = SippProcess.Texts.tail(dir.resolve(SippProcess.STATS));
        String screen = SippProcess.Texts.tail(dir.resolve(SippProcess.SCREEN));
        long ok = statColumn(stats, "SuccessfulCall(C)").orElse(screenCount(screen, "Successful"));
        long failed = statColumn(stats, "FailedCall(C)").orElse(screenCount(screen, "Failed"));
        return new SippResult(exitCode, ok, failed, SippProcess.Texts.tail(dir.resolve(SippProcess.ERRORS)),
                SippProcess.Texts.tail(dir.resolve(SippProcess.MESSAGES)), screen,
                SippProcess.Texts.tail(dir.resolve(SippProcess.STDERR)));
    }

    /** A cumulative column of the stat file: found by the header line's name, read from the last line. */
    static OptionalLong statColumn(String stats, String name) {
        List<String> lines = stats.lines().filter(l -> !l.isBlank()).toList();
        int header = -1;
        for (int i = lines.size() - 1; i >= 0 && header < 0; i--) {
            if (lines.get(i).contains(name)) {
                header = i;
            }
        }
        if (header < 0 || header == lines.size() - 1) {
            return OptionalLong.empty();
        }
        int column = Arrays.asList(lines.get(header).split(";")).indexOf(name);
        String[] last = lines.get(lines.size() - 1).split(";");
        if (column < 0 || column >= last.length) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(last[column].strip()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    static long screenCount(String screen, String kind) {
        long count = -1;
        Matcher m = SCREEN_COUNT.matcher(screen);
        while (m.find()) {
            if (m.group(1).equals(kind)) {
                count = Long.parseLong(m.group(2));
            }
        }
        return count;
    }
}
