package org.parley.message.uri;

import java.util.Locale;
import java.util.Objects;
import org.parley.message.SipParseException;

/**
 * A URI of a scheme other than sip, sips and tel (RFC 3261 §25.1 {@code absoluteURI}), such as
 * {@code http://www.example.com} in a Call-Info header or {@code isbn:2983792873} as a
 * Request-URI. The part after the scheme is kept as written, byte for byte, and not interpreted.
 *
 * <p>Two such URIs are equal when their schemes are equal ignoring case and the rest is identical.
 * Immutable.
 */
public final class AbsoluteUri implements Uri {
    private final String scheme;
    private final String schemeSpecificPart;
    private final String text;

    private AbsoluteUri(String scheme, String schemeSpecificPart, String text) {
        this.scheme = scheme;
        this.schemeSpecificPart = schemeSpecificPart;
        this.text = text;
    }

    /**
     * Parses a URI of any scheme but sip, sips and tel, which have their own types.
     *
     * @throws SipParseException (400) when there is no scheme, the scheme is one of those three,
     *     or the rest is empty or holds a character RFC 3986 §2 does not allow
     */
    public static AbsoluteUri parse(String text) {
        Objects.requireNonNull(text, "text");
        int colon = UriChars.schemeEnd(text);
        if (SipUriParser.isSipScheme(text, colon) || TelUriParser.isTelScheme(text, colon)) {
            throw UriChars.bad("scheme \"" + text.substring(0, colon) + "\" has its own URI type", 0);
        }
        return parse(text, colon);
    }

    /**
     * The URI {@code scheme:schemeSpecificPart}.
     *
     * @throws IllegalArgumentException when the scheme is not an RFC 3986 §3.1 scheme, is sip, sips
     *     or tel, or the rest is not a valid, non-empty URI body
     */
    public static AbsoluteUri of(String scheme, String schemeSpecificPart) {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(schemeSpecificPart, "schemeSpecificPart");
        String text = scheme + ":" + schemeSpecificPart;
        try {
            int colon = UriChars.schemeEnd(text);
            if (colon != scheme.length()) {
                throw UriChars.bad("bad scheme", 0);
            }
            return parse(text);
        } catch (SipParseException e) {
            throw new IllegalArgumentException("not an absolute URI: \"" + UriChars.quote(text, 0, text.length())
                    + "\": " + e.reason(), e);
        }
    }

    /** Parses a text whose scheme, ending at {@code colon}, is neither sip, sips nor tel. */
    static AbsoluteUri parse(String text, int colon) {
        int n = text.length();
        if (colon + 1 == n) {
            throw UriChars.bad("nothing after the scheme", colon);
        }
        UriChars.check(text, colon + 1, n, UriChars.RFC3986, "URI");
        return new AbsoluteUri(text.substring(0, colon), text.substring(colon + 1), text);
    }

    /** The scheme in lower case. */
    @Override
    public String scheme() {
        return scheme.toLowerCase(Locale.ROOT);
    }

    /** Everything after the first colon, as written. */
    public String schemeSpecificPart() {
        return schemeSpecificPart;
    }

    /** Same scheme ignoring case, and the same text after it. */
    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof AbsoluteUri u && u.scheme.equalsIgnoreCase(scheme)
                && u.schemeSpecificPart.equals(schemeSpecificPart);
    }

    @Override
    public int hashCode() {
        return 31 * SipUriComparison.asciiLowerHash(scheme) + schemeSpecificPart.hashCode();
    }

    /** The URI as written. */
    @Override
    public String toString() {
        return text;
    }
}
