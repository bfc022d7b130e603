package org.parley.message.header;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;
import org.parley.message.SipParseException;

/**
 * A Timestamp value (RFC 3261 §20.38, §25.1): {@code 1*DIGIT ["." *DIGIT] [LWS delay]} with
 * {@code delay = *DIGIT ["." *DIGIT]}, e.g. {@code 54.21 0.3}.
 *
 * <p>The time and delay are kept as the strings they were written as: a UAS copies the time
 * exactly into its response and adds its delay (RFC 3261 §8.2.6.1), which
 * {@link #withDelay(String)} does. Immutable and thread-safe.
 */
public final class Timestamp {
    private static final String HEADER = "Timestamp";

    private final String time;
    private final String delay;

    private Timestamp(String time, String delay) {
        this.time = time;
        this.delay = delay;
    }

    /**
     * A timestamp without delay.
     *
     * @throws IllegalArgumentException when {@code time} is not {@code 1*DIGIT ["." *DIGIT]}
     */
    public static Timestamp of(String time) {
        Objects.requireNonNull(time, "time");
        if (!isDecimal(time, 0, time.length(), false)) {
            throw new IllegalArgumentException("Timestamp must be digits with an optional fraction, was \""
                    + time + "\"");
        }
        return new Timestamp(time, null);
    }

    /**
     * Parses a Timestamp value.
     *
     * @throws SipParseException (400 naming Timestamp) when it does not follow the grammar
     */
    public static Timestamp parse(String element) {
        HeaderScanner s = new HeaderScanner(HEADER, element);
        s.skipLws();
        int start = s.position();
        skipDecimal(s);
        int timeEnd = s.position();
        if (!isDecimal(element, start, timeEnd, false)) {
            throw s.error("time must be digits with an optional fraction");
        }
        String delay = null;
        if (s.skipLws() && !s.atEnd()) {
            int delayStart = s.position();
            skipDecimal(s);
            if (s.position() != delayStart) {
                if (!isDecimal(element, delayStart, s.position(), true)) {
                    throw s.error("delay must be digits with an optional fraction");
                }
                delay = s.textFrom(delayStart);
            }
        }
        s.expectEnd();
        return new Timestamp(element.substring(start, timeEnd), delay);
    }

    private static void skipDecimal(HeaderScanner s) {
        int c = s.peek();
        while (HostSyntax.isDigit(c) || c == '.') {
            s.position(s.position() + 1);
            c = s.peek();
        }
    }

    /** True for {@code digits ["." *DIGIT]}; with {@code emptyIntegerOk} the digits may be none. */
    private static boolean isDecimal(String s, int from, int to, boolean emptyIntegerOk) {
        int i = from;
        while (i < to && HostSyntax.isDigit(s.charAt(i))) {
            i++;
        }
        if (i == from && !emptyIntegerOk) {
            return false;
        }
        if (i < to && s.charAt(i) == '.') {
            i++;
            while (i < to && HostSyntax.isDigit(s.charAt(i))) {
                i++;
            }
        }
        return i == to;
    }

    /** The time as written. */
    public String time() {
        return time;
    }

    /** The delay as written, when there is one. */
    public Optional<String> delay() {
        return Optional.ofNullable(delay);
    }

    /** The time as a number ("54." is 54). */
    public BigDecimal timeValue() {
        return decimal(time);
    }

    /** The delay as a number, when there is one ("." counts as 0). */
    public Optional<BigDecimal> delayValue() {
        return delay == null ? Optional.empty() : Optional.of(decimal(delay));
    }

    private static BigDecimal decimal(String s) {
        return s.equals(".") ? BigDecimal.ZERO : new BigDecimal(s);
    }

    /**
     * This time with a delay: what a UAS puts in its response (RFC 3261 §8.2.6.1).
     *
     * @param newDelay seconds, {@code *DIGIT ["." *DIGIT]}, e.g. "0.3"
     * @throws IllegalArgumentException when {@code newDelay} does not follow that grammar
     */
    public Timestamp withDelay(String newDelay) {
        Objects.requireNonNull(newDelay, "newDelay");
        if (newDelay.isEmpty() || !isDecimal(newDelay, 0, newDelay.length(), true)) {
            throw new IllegalArgumentException("Timestamp delay must be digits with an optional fraction, was \""
                    + newDelay + "\"");
        }
        return new Timestamp(time, newDelay);
    }

    /** The wire form: {@code time[ delay]}. */
    @Override
    public String toString() {
        return delay == null ? time : time + ' ' + delay;
    }

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof Timestamp t && t.time.equals(time) && Objects.equals(t.delay, delay);
    }

    @Override
    public int hashCode() {
        return 31 * time.hashCode() + Objects.hashCode(delay);
    }
}
