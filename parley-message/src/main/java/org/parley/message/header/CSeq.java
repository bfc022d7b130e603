package org.parley.message.header;

import java.util.Objects;
import org.parley.message.Method;
import org.parley.message.SipParseException;

/**
 * A CSeq value (RFC 3261 §20.16, §25.1): {@code 1*DIGIT LWS Method}, e.g. {@code 4711 INVITE}.
 * Immutable and thread-safe.
 *
 * @param number the sequence number, 0 .. 2^31-1: RFC 3261 §8.1.1.5 keeps it below 2^31 so that
 *     it can grow within the 32-bit field; values at or above are refused
 * @param method the request method, not null
 */
public record CSeq(long number, Method method) {
    /** The largest sequence number, 2^31-1 (RFC 3261 §8.1.1.5). */
    public static final long MAX_NUMBER = (1L << 31) - 1;

    /** The largest number RFC 3261 §25.1 allows on the wire, 2^32-1. */
    private static final long MAX_WIRE = (1L << 32) - 1;

    /** Names of the known methods, so that parsing them allocates no string. */
    private static final String[] METHODS = {
        "INVITE", "ACK", "BYE", "CANCEL", "OPTIONS", "REGISTER", "PRACK", "SUBSCRIBE", "NOTIFY", "PUBLISH", "INFO",
        "REFER", "MESSAGE", "UPDATE",
    };

    /**
     * Checks the parts.
     *
     * @throws IllegalArgumentException when the number is negative or at or above 2^31
     * @throws NullPointerException when the method is null
     */
    public CSeq {
        if (number < 0 || number > MAX_NUMBER) {
            throw new IllegalArgumentException("CSeq number must be 0..2^31-1 (RFC 3261 §8.1.1.5), was " + number);
        }
        Objects.requireNonNull(method, "method");
    }

    /**
     * Parses a CSeq value. Leading zeros are allowed ("0009 INVITE" is 9); LWS may include a
     * folded line break.
     *
     * @throws SipParseException (400 naming CSeq) for a missing or non-numeric number, a number
     *     above 2^32-1 (RFC 4475 §3.1.2.4) or at or above 2^31 (RFC 3261 §8.1.1.5), or a missing or
     *     malformed method
     */
    public static CSeq parse(String element) {
        HeaderScanner s = new HeaderScanner("CSeq", element);
        s.skipLws();
        long number = s.readNumber("sequence number", MAX_WIRE);
        if (number > MAX_NUMBER) {
            throw s.error("sequence number must be below 2^31 (RFC 3261 §8.1.1.5)");
        }
        if (!s.skipLws()) {
            throw s.atEnd() ? s.error("missing method")
                    : s.error("expected whitespace after sequence number, found " + HeaderScanner.describe(s.peek()));
        }
        if (s.atEnd()) {
            throw s.error("missing method");
        }
        String name = s.readToken("method", METHODS);
        s.expectEnd();
        return new CSeq(number, Method.of(name));
    }

    /** This CSeq with the next number, for the next request of a dialog (RFC 3261 §12.2.1.1). */
    public CSeq next(Method nextMethod) {
        if (number == MAX_NUMBER) {
            throw new IllegalStateException("CSeq number " + number + " cannot grow (RFC 3261 §8.1.1.5)");
        }
        return new CSeq(number + 1, nextMethod);
    }

    /** The wire form: {@code number SP method}. */
    @Override
    public String toString() {
        return Long.toString(number) + ' ' + method;
    }
}
