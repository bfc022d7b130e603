package org.parley.sdp;

/**
 * The value of {@code a=fmtp} (RFC 8866 §6.15): a media format and its format-specific parameters, kept
 * as written since their syntax belongs to each format. Immutable.
 *
 * @param format the format (payload type for RTP)
 * @param parameters the parameters, e.g. {@code 0-16} for telephone-event (RFC 4733)
 */
public record Fmtp(String format, String parameters) {
    /** Checks that the format is a token and the parameters are text. */
    public Fmtp {
        Syntax.requireToken(format, "fmtp format");
        Syntax.requireText(parameters, "fmtp parameters");
    }

    /**
     * Parses an fmtp value: {@code <format> <parameters>}.
     *
     * @throws SdpParseException naming the problem
     */
    public static Fmtp parse(String value) {
        int space = value.indexOf(' ');
        String format = space < 0 ? value : value.substring(0, space);
        if (!Syntax.isToken(format)) {
            throw SdpParseException.badValue("fmtp", "expected \"<format> <parameters>\", got \"" + value + "\"");
        }
        return new Fmtp(format, space < 0 ? "" : value.substring(space + 1));
    }

    /** The attribute value. */
    @Override
    public String toString() {
        return parameters.isEmpty() ? format : format + ' ' + parameters;
    }
}
