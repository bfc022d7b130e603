package org.parley.message.header;

import org.parley.message.Parameters;
import org.parley.message.Syntax;
import org.parley.message.uri.SipUri;

/**
 * Reads a plain name-addr straight from the message bytes (RFC 3261 §25.1
 * {@code name-addr = [ display-name ] LAQUOT addr-spec RAQUOT} followed by {@code *( SEMI generic-param )}),
 * without decoding the header value to a string first: a proxy reads every Route and Contact of
 * every request it forwards, and nearly all of them have this shape.
 *
 * <p>It accepts only {@code "<" sip-uri ">" *( ";" token [ "=" token ] )} with no display name and
 * no whitespace, the URI of the plain form {@link SipUri#parsePlain} reads. Anything else (a
 * display name, whitespace, a quoted or IPv6 parameter value, a ',' that starts another element,
 * another URI scheme, a tag without a value, anything that breaks the grammar) makes it answer
 * null, and the caller parses the decoded value with {@link Address#parse(String, String)}, which
 * accepts it or reports exactly what is wrong. Whatever it accepts, {@code Address.parse} accepts
 * with an equal result, whichever address header it is. Stateless.
 */
final class AddressScanner {
    private AddressScanner() {
    }

    /** The address in the unfolded header value {@code b[from, to)}, or null when the scan is unsure. */
    static Address nameAddr(byte[] b, int from, int to) {
        if (from >= to || b[from] != '<') {
            return null;
        }
        int close = Syntax.indexOf(b, from + 1, to, (byte) '>');
        if (close < 0) {
            return null;
        }
        SipUri uri = SipUri.parsePlain(b, from + 1, close).orElse(null);
        if (uri == null) {
            return null;
        }
        Parameters parameters = Parameters.EMPTY;
        int p = close + 1;
        if (p < to) {
            parameters = parameters(b, p, to);
            if (parameters == null) {
                return null;
            }
        }
        return Address.checked(uri, parameters);
    }

    /**
     * The header parameters {@code 1*( ";" token [ "=" token ] )} filling {@code b[p, to)}, names from
     * the vocabulary {@link HeaderScanner#readParameters()} uses, or null when they are of another form.
     */
    private static Parameters parameters(byte[] b, int p, int to) {
        Parameters.Builder out = Parameters.builder();
        while (p < to) {
            if (b[p] != ';') {
                return null;
            }
            int nameStart = p + 1;
            int nameEnd = skipToken(b, nameStart, to);
            if (nameEnd == nameStart) {
                return null;
            }
            String value = null;
            p = nameEnd;
            if (p < to && b[p] == '=') {
                int valueStart = p + 1;
                p = skipToken(b, valueStart, to);
                if (p == valueStart) {
                    return null;
                }
                value = Syntax.latin1(b, valueStart, p);
            } else if (nameEnd - nameStart == 3 && Syntax.regionEqualsIgnoreCase(b, nameStart, "tag")) {
                // RFC 3261 §25.1 tag-param = "tag" EQUAL token: Address.parse reports the missing value.
                return null;
            }
            out.add(HeaderScanner.word(b, nameStart, nameEnd), value);
        }
        return out.build();
    }

    private static int skipToken(byte[] b, int p, int to) {
        while (p < to && Syntax.isTokenChar(b[p])) {
            p++;
        }
        return p;
    }
}
