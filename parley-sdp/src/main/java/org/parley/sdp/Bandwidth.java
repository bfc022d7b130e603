package org.parley.sdp;

/**
 * A {@code b=} line (RFC 8866 §5.8): a bandwidth type such as {@code AS}, {@code CT}, {@code TIAS}
 * (RFC 3890) or {@code RS}/{@code RR} (RFC 3556), and its value (kilobits per second for AS and CT).
 * Unknown types are kept. Immutable.
 *
 * @param type the bandwidth type token
 * @param value the bandwidth, >= 0
 */
public record Bandwidth(String type, long value) {
    /** Checks that the type is a token and the value not negative. */
    public Bandwidth {
        Syntax.requireToken(type, "bandwidth type");
        if (value < 0) {
            throw new IllegalArgumentException("bandwidth must be >= 0, was " + value);
        }
    }

    /**
     * Parses {@code type:value}.
     *
     * @throws SdpParseException naming the problem
     */
    public static Bandwidth parse(String line) {
        int colon = line.indexOf(':');
        if (colon <= 0 || !Syntax.isToken(line.substring(0, colon))) {
            throw SdpParseException.badValue("bandwidth", "expected \"type:value\", got \"" + line + "\"");
        }
        long value = Syntax.number(line.substring(colon + 1), 18);
        if (value < 0) {
            throw SdpParseException.badValue("bandwidth", "value must be a number, got \"" + line + "\"");
        }
        return new Bandwidth(line.substring(0, colon), value);
    }

    /** The value of the {@code b=} line. */
    @Override
    public String toString() {
        return type + ':' + value;
    }
}
