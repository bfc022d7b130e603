package org.parley.message.uri;

import java.util.Objects;
import org.parley.message.SipParseException;

/**
 * A URI as SIP carries it in the Request-URI and in header fields (RFC 3261 §19, §25.1
 * {@code Request-URI = SIP-URI / SIPS-URI / absoluteURI}): a {@link SipUri} for the sip and sips
 * schemes, a {@link TelUri} for tel (RFC 3966), and an {@link AbsoluteUri} for any other scheme,
 * kept as written.
 *
 * <p>{@link #toString()} is the wire form: the text as received for a parsed URI, the canonical
 * form for a built one. Implementations are immutable.
 */
public sealed interface Uri permits SipUri, TelUri, AbsoluteUri {

    /** The scheme in lower case: "sip", "sips", "tel", "http", ... */
    String scheme();

    /**
     * Parses a URI, choosing the type by its scheme, compared case-insensitively: sip and sips give
     * a {@link SipUri}, tel a {@link TelUri}, any other scheme of RFC 3986 §3.1 grammar an
     * {@link AbsoluteUri}.
     *
     * @throws SipParseException (400, reason phrase naming the URI) when the text breaks the
     *     grammar of its scheme, has no scheme, holds whitespace, or is enclosed in '&lt;' '&gt;'
     */
    static Uri parse(String text) {
        Objects.requireNonNull(text, "text");
        return parse(text, 0, text.length());
    }

    /**
     * Parses the URI {@code s[from, to)} as {@link #parse(String)} parses that text, without copying
     * it first: a sip or sips URI keeps {@code s} and makes its own text when asked for. Offsets in
     * errors are within {@code s}.
     *
     * @throws SipParseException (400, reason phrase naming the URI) as {@link #parse(String)}
     * @throws IndexOutOfBoundsException when the range is not within {@code s}
     */
    static Uri parse(String s, int from, int to) {
        Objects.checkFromToIndex(from, to, s.length());
        int colon = UriChars.schemeEnd(s, from, to);
        if (SipUriParser.isSipScheme(s, from, colon)) {
            return SipUriParser.parse(s, from, colon, to);
        }
        String text = from == 0 && to == s.length() ? s : s.substring(from, to);
        colon -= from;
        if (TelUriParser.isTelScheme(text, colon)) {
            return TelUriParser.parse(text, colon);
        }
        return AbsoluteUri.parse(text, colon);
    }
}
