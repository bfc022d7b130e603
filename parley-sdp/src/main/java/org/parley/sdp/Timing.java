package org.parley.sdp;

import java.util.List;

/**
 * A time description (RFC 8866 §5.9, §5.10): a {@code t=} line with its start and stop times (NTP
 * seconds; {@code 0 0} for an unbounded session, as SIP uses) and the {@code r=} repeat lines that
 * follow it, kept as written. Immutable.
 *
 * @param start the start time, >= 0
 * @param stop the stop time, >= 0 (0 for unbounded)
 * @param repeats the values of the {@code r=} lines, in order
 */
public record Timing(long start, long stop, List<String> repeats) {
    /** The time description SIP sessions use: {@code t=0 0} (RFC 3264 §5). */
    public static final Timing UNBOUNDED = new Timing(0, 0, List.of());

    /** Checks the times and copies the repeat lines. */
    public Timing {
        if (start < 0 || stop < 0) {
            throw new IllegalArgumentException("times must be >= 0, were " + start + " " + stop);
        }
        repeats = List.copyOf(repeats);
        for (String repeat : repeats) {
            Syntax.requireText(repeat, "repeat");
            if (repeat.isBlank()) {
                throw new IllegalArgumentException("repeat line must not be empty");
            }
        }
    }

    /** The value of the {@code t=} line. */
    public String timeLine() {
        return start + " " + stop;
    }
}
