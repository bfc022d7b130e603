package org.parley.message.header;

import org.parley.message.SipParseException;

/**
 * A Max-Forwards value (RFC 3261 §20.22): {@code 1*DIGIT}, 0..255. Immutable and thread-safe.
 *
 * @param hops how many more times the request may be forwarded, 0..255
 */
public record MaxForwards(int hops) {
    /** The value a UAC puts in new requests: 70 (RFC 3261 §8.1.1.6). */
    public static final MaxForwards DEFAULT = new MaxForwards(70);

    /**
     * Checks the hop count.
     *
     * @throws IllegalArgumentException when {@code hops} is outside 0..255
     */
    public MaxForwards {
        if (hops < 0 || hops > 255) {
            throw new IllegalArgumentException("Max-Forwards must be 0..255, was " + hops);
        }
    }

    /**
     * Parses a Max-Forwards value; leading zeros are allowed ("0068" is 68, RFC 4475 §3.1.1.1).
     *
     * @throws SipParseException (400 naming Max-Forwards) for anything but digits or a value above
     *     255 (RFC 4475 §3.1.2.4)
     */
    public static MaxForwards parse(String element) {
        HeaderScanner s = new HeaderScanner("Max-Forwards", element);
        s.skipLws();
        int hops = (int) s.readNumber("hop count", 255);
        s.expectEnd();
        return new MaxForwards(hops);
    }

    /** True when no hops are left: a proxy answers 483 instead of forwarding (RFC 3261 §16.3). */
    public boolean isZero() {
        return hops == 0;
    }

    /**
     * One hop fewer, as a proxy forwards (RFC 3261 §16.6 step 3).
     *
     * @throws IllegalStateException when no hops are left
     */
    public MaxForwards decremented() {
        if (hops == 0) {
            throw new IllegalStateException("Max-Forwards is 0 and cannot be decremented (RFC 3261 §16.3)");
        }
        return new MaxForwards(hops - 1);
    }

    /** The wire form: the decimal hop count. */
    @Override
    public String toString() {
        return Integer.toString(hops);
    }
}
