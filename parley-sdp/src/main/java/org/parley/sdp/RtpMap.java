package org.parley.sdp;

import java.util.OptionalInt;

/**
 * The value of {@code a=rtpmap} (RFC 8866 §6.6): {@code <payload type> <encoding name>/<clock rate>
 * [/<encoding parameters>]}, where the parameters are the number of audio channels. Immutable.
 *
 * @param payloadType the RTP payload type, 0..127
 * @param encoding the encoding name as written (compare ignoring case)
 * @param clockRate the clock rate in Hz, > 0
 * @param channels the number of channels, if written
 */
public record RtpMap(int payloadType, String encoding, int clockRate, OptionalInt channels) {
    /** Checks the ranges and that the encoding is a token. */
    public RtpMap {
        if (payloadType < 0 || payloadType > 127) {
            throw new IllegalArgumentException("payload type must be 0..127, was " + payloadType);
        }
        Syntax.requireToken(encoding, "encoding name");
        if (encoding.indexOf('/') >= 0) {
            throw new IllegalArgumentException("encoding name must not contain '/', was \"" + encoding + "\"");
        }
        if (clockRate <= 0) {
            throw new IllegalArgumentException("clock rate must be > 0, was " + clockRate);
        }
        if (channels.isPresent() && channels.getAsInt() <= 0) {
            throw new IllegalArgumentException("channels must be > 0, was " + channels.getAsInt());
        }
    }

    /**
     * Parses an rtpmap value.
     *
     * @throws SdpParseException naming the problem
     */
    public static RtpMap parse(String value) {
        int space = value.indexOf(' ');
        if (space < 0) {
            throw bad(value);
        }
        long pt = Syntax.number(value.substring(0, space), 3);
        String[] parts = value.substring(space + 1).split("/", -1);
        if (pt < 0 || pt > 127 || parts.length < 2 || parts.length > 3 || !Syntax.isToken(parts[0])) {
            throw bad(value);
        }
        long rate = Syntax.number(parts[1], 9);
        long channels = parts.length == 3 ? Syntax.number(parts[2], 3) : 1;
        if (rate <= 0 || channels <= 0) {
            throw bad(value);
        }
        return new RtpMap((int) pt, parts[0], (int) rate,
            parts.length == 3 ? OptionalInt.of((int) channels) : OptionalInt.empty());
    }

    private static SdpParseException bad(String value) {
        return SdpParseException.badValue("rtpmap",
            "expected \"<payload type> <encoding>/<clock rate>[/<channels>]\", got \"" + value + "\"");
    }

    /** The number of channels, 1 when not written (RFC 8866 §6.6). */
    public int channelCount() {
        return channels.orElse(1);
    }

    /** The attribute value. */
    @Override
    public String toString() {
        String base = payloadType + " " + encoding + '/' + clockRate;
        return channels.isPresent() ? base + '/' + channels.getAsInt() : base;
    }
}
