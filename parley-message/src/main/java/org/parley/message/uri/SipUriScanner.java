package org.parley.message.uri;

import java.nio.charset.StandardCharsets;
import org.parley.message.Parameters;
import org.parley.message.SipParseException;
import org.parley.message.Syntax;

/**
 * Reads a plain sip or sips URI straight from the message bytes (RFC 3261 §19.1, §25.1
 * {@code SIP-URI}): the form almost every Route, Record-Route and Contact carries, so that a
 * proxy reading them does not decode the header value to a string and scan it several times.
 *
 * <p>It accepts only printable ASCII, a user part of unescaped user characters (no password),
 * a host name or IPv4 host, an optional port, and uri-parameters of unescaped paramchars whose
 * known names (RFC 3261 §19.1.1 transport, user, method) have token values. Anything else (escapes,
 * a password, an IPv6 reference, the ttl and maddr parameters, URI headers, anything that breaks
 * the grammar) makes it answer null, and the caller parses the text with
 * {@link SipUriParser#parse(String, int, int, int)}, which accepts it or reports exactly what is
 * wrong. Whatever it accepts, {@code SipUriParser} accepts with an equal result: the same text,
 * user, host and parameters, checked the same way and built on first access. Stateless.
 */
final class SipUriScanner {
    private SipUriScanner() {
    }

    /** The sip or sips URI {@code b[from, to)}, or null when the scan is unsure. */
    static SipUri plain(byte[] b, int from, int to) {
        if (to - from < 5 || b[to - 1] == '>') {
            return null;
        }
        int firstAt = -1;
        for (int i = from; i < to; i++) {
            // RFC 3261 §25.1: a URI is printable ASCII; whitespace and controls are errors.
            byte c = b[i];
            if (c <= 0x20 || c >= 0x7f) {
                return null;
            }
            if (c == '@' && firstAt < 0) {
                firstAt = i;
            }
        }
        int p = from;
        if ((b[p] | 0x20) != 's' || (b[p + 1] | 0x20) != 'i' || (b[p + 2] | 0x20) != 'p') {
            return null;
        }
        p += 3;
        boolean secure = (b[p] | 0x20) == 's';
        if (secure) {
            p++;
        }
        if (b[p] != ':') {
            return null;
        }
        int start = p + 1;
        int hostStart = start;
        if (firstAt >= 0) {
            // RFC 3261 §25.1 user = 1*( unreserved / escaped / user-unreserved ); no escapes or
            // password here.
            if (firstAt == start || !all(b, start, firstAt, UriChars.USER)) {
                return null;
            }
            hostStart = firstAt + 1;
        }
        int hostEnd = hostStart;
        while (hostEnd < to && b[hostEnd] != ':' && b[hostEnd] != ';' && b[hostEnd] != '?') {
            hostEnd++;
        }
        int i = hostEnd;
        int port = -1;
        if (i < to && b[i] == ':') {
            port = port(b, i + 1, to);
            if (port < 0) {
                return null;
            }
            i = paramsOrEnd(b, i + 1, to);
        }
        int parametersFrom = i;
        boolean hasParameters = i < to;
        while (i < to) {
            i = parameter(b, i, to);
            if (i < 0) {
                return null;
            }
        }
        String text = new String(b, from, to - from, StandardCharsets.ISO_8859_1);
        try {
            // RFC 3261 §25.1 hostname / IPv4address, with the string parser's own check and errors.
            if (!Host.checkNameOrIpv4(text, hostStart - from, hostEnd - from, "URI")) {
                return null;
            }
        } catch (SipParseException e) {
            return null;
        }
        String user = firstAt < 0 ? null : text.substring(start - from, firstAt - from);
        return new SipUri(secure, user, null, null, hostStart - from, hostEnd - from, port,
                hasParameters ? null : Parameters.EMPTY, parametersFrom - from, Parameters.EMPTY, text);
    }

    /** The port of 1 to 5 digits at {@code p}, ending at ';' or {@code to}, when at most 65535; else -1. */
    private static int port(byte[] b, int p, int to) {
        int end = paramsOrEnd(b, p, to);
        if (end == p || end - p > 5) {
            return -1;
        }
        int value = 0;
        for (int i = p; i < end; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            value = value * 10 + d;
        }
        return value <= 65535 ? value : -1;
    }

    /** The first ';' at or after {@code p}, or {@code to}; a '?' (URI headers) counts as a ';'. */
    private static int paramsOrEnd(byte[] b, int p, int to) {
        while (p < to && b[p] != ';' && b[p] != '?') {
            p++;
        }
        return p;
    }

    /**
     * Checks the uri-parameter {@code ";" pname ["=" pvalue]} at {@code p} (RFC 3261 §25.1); returns
     * where the next one starts, or -1 when the scan is unsure.
     */
    private static int parameter(byte[] b, int p, int to) {
        if (b[p] != ';') {
            return -1;
        }
        int nameStart = p + 1;
        int j = nameStart;
        while (j < to && b[j] != '=' && b[j] != ';' && b[j] != '?') {
            j++;
        }
        int nameEnd = j;
        if (nameEnd == nameStart || !all(b, nameStart, nameEnd, UriChars.PARAM)) {
            return -1;
        }
        int valueStart = -1;
        if (j < to && b[j] == '=') {
            valueStart = j + 1;
            j = valueStart;
            while (j < to && b[j] != ';' && b[j] != '?') {
                j++;
            }
            if (j == valueStart || !all(b, valueStart, j, UriChars.PARAM)) {
                return -1;
            }
        }
        if (j < to && b[j] == '?') {
            return -1;
        }
        return isPlainKnownParameter(b, nameStart, nameEnd, valueStart, j) ? j : -1;
    }

    /**
     * False for a parameter that RFC 3261 §25.1 gives a grammar of its own and that is not of the
     * plain form here: transport, user or method without a token value, or any ttl or maddr
     * (left to {@code SipUriParser.knownParameterProblem}).
     */
    private static boolean isPlainKnownParameter(byte[] b, int nameStart, int nameEnd, int valueStart, int end) {
        int length = nameEnd - nameStart;
        boolean tokenValued = length == 9 && Syntax.regionEqualsIgnoreCase(b, nameStart, "transport")
                || length == 4 && Syntax.regionEqualsIgnoreCase(b, nameStart, "user")
                || length == 6 && Syntax.regionEqualsIgnoreCase(b, nameStart, "method");
        if (tokenValued) {
            if (valueStart < 0) {
                return false;
            }
            for (int i = valueStart; i < end; i++) {
                if (!Syntax.isTokenChar(b[i])) {
                    return false;
                }
            }
            return true;
        }
        return !(length == 3 && Syntax.regionEqualsIgnoreCase(b, nameStart, "ttl")
                || length == 5 && Syntax.regionEqualsIgnoreCase(b, nameStart, "maddr"));
    }

    /** True when every byte of {@code b[from, to)} is in a class of {@code mask} (no escapes). */
    private static boolean all(byte[] b, int from, int to, int mask) {
        for (int i = from; i < to; i++) {
            if (!UriChars.is((char) b[i], mask)) {
                return false;
            }
        }
        return true;
    }
}
