package org.parley.message.header;

import org.parley.message.SipParseException;

/**
 * delta-seconds (RFC 3261 §25.1: {@code 1*DIGIT}) as the Expires, Min-Expires and Retry-After
 * headers and the expires parameters carry it: 0 .. 2^32-1 seconds. Stateless.
 */
public final class DeltaSeconds {
    /** The largest value, 2^32-1 seconds (RFC 3261 §25.1 and RFC 4475 §3.1.2.4). */
    public static final long MAX = (1L << 32) - 1;

    private DeltaSeconds() {
    }

    /**
     * Parses delta-seconds; leading zeros and surrounding whitespace are allowed.
     *
     * @param headerName the header (or "Contact expires" and the like), named in the error
     * @param value the text
     * @throws SipParseException (400 naming the header) for anything but digits or a value above
     *     2^32-1
     */
    public static long parse(String headerName, String value) {
        HeaderScanner s = new HeaderScanner(headerName, value);
        s.skipLws();
        long seconds = s.readNumber("delta-seconds", MAX);
        s.expectEnd();
        return seconds;
    }

    /**
     * Returns {@code seconds} when it is 0 .. 2^32-1.
     *
     * @param what the field, quoted in the message (e.g. "Expires")
     * @throws IllegalArgumentException "Expires must be 0..2^32-1, was -5" otherwise
     */
    public static long requireValid(String what, long seconds) {
        if (seconds < 0 || seconds > MAX) {
            throw new IllegalArgumentException(what + " must be 0..2^32-1, was " + seconds);
        }
        return seconds;
    }
}
