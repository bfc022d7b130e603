package org.parley.message.uri;

import java.util.Locale;
import org.parley.message.Parameters;
import org.parley.message.SipParseException;
import org.parley.message.Syntax;

/**
 * Reads sip and sips URIs (RFC 3261 §25.1 {@code SIP-URI}, {@code SIPS-URI}) with one pass of
 * index scanning per component, and checks the components of built URIs against the same grammar.
 * Parsing allocates the component strings and, only when there are some, the parameters and
 * headers. Stateless.
 */
final class SipUriParser {
    /**
     * uri-parameter names and values returned without allocating when spelled exactly so (RFC 3261
     * §19.1.1 transport, lr, user, method, ttl, maddr; RFC 5626 ob; RFC 5627 gr).
     */
    private static final String[] COMMON_WORDS = {
        "lr", "transport", "udp", "tcp", "tls", "sctp", "ws", "wss", "user", "phone", "ip", "method", "ttl", "maddr",
        "ob", "gr", "UDP", "TCP", "TLS",
    };

    private SipUriParser() {
    }

    /** True when {@code s[0, colon)} is "sip" or "sips", in any case. */
    static boolean isSipScheme(String s, int colon) {
        return isSipScheme(s, 0, colon);
    }

    /** True when {@code s[from, colon)} is "sip" or "sips", in any case. */
    static boolean isSipScheme(String s, int from, int colon) {
        int length = colon - from;
        return (length == 3 || length == 4 && (s.charAt(from + 3) | 0x20) == 's')
                && s.regionMatches(true, from, "sip", 0, 3);
    }

    /**
     * Parses {@code s}, whose scheme ends at {@code colon} and which passed
     * {@link UriChars#schemeEnd(String)}.
     */
    static SipUri parse(String s, int colon) {
        return parse(s, 0, colon, s.length());
    }

    /**
     * Parses the URI {@code s[from, n)}, whose scheme ends at {@code colon} and which passed
     * {@link UriChars#schemeEnd(String, int, int)}; error offsets are within {@code s}.
     */
    static SipUri parse(String s, int from, int colon, int n) {
        int start = colon + 1;
        int at = userinfoEnd(s, start, n);
        String user = at < 0 ? null : user(s, start, at);
        String password = at < 0 ? null : password(s, start, at);
        int hostStart = at < 0 ? start : at + 1;
        int hostEnd = hostEnd(s, hostStart, n);
        // A host name or IPv4 address is checked now and built when first asked for (a proxy
        // forwards on a Route URI without looking at its host when the next hop is known).
        Host host = Host.checkNameOrIpv4(s, hostStart, hostEnd, "URI") ? null
                : Host.parse(s, hostStart, hostEnd, false, "URI");
        int i = hostEnd;
        int port = -1;
        if (i < n && s.charAt(i) == ':') {
            int end = firstOf(s, i + 1, n);
            port = port(s, i + 1, end);
            i = end;
        }
        Parameters parameters = Parameters.EMPTY;
        int parametersFrom = i;
        if (i < n && s.charAt(i) == ';') {
            // Checked now, built when first asked for: see SipUri.parameters().
            i = parameters(s, i, n, null);
            parameters = null;
        }
        Parameters headers = Parameters.EMPTY;
        if (i < n && s.charAt(i) == '?') {
            Parameters.Builder b = Parameters.builder(count(s, i, n, '&', (char) 0) + 1);
            i = headers(s, i, n, b);
            headers = b.build();
        }
        if (i < n) {
            throw UriChars.bad("unexpected character " + UriChars.show(s.charAt(i)) + " after host", i);
        }
        return new SipUri(colon - from == 4, user, password, host, hostStart, hostEnd, port, parameters,
                parametersFrom, headers, s, from, n);
    }

    /**
     * The index of the '@' ending the userinfo, or -1 when there is none: the userinfo is the
     * longest run of user, password and ':' characters and escapes before an '@'. User and password
     * cannot hold '@' (RFC 3261 §25.1), so the first '@' ends it.
     */
    private static int userinfoEnd(String s, int from, int n) {
        int firstAt = s.indexOf('@', from);
        if (firstAt < 0 || firstAt >= n) {
            // No '@' at all (most Route and Contact URIs): skip the character-by-character scan.
            return -1;
        }
        for (int i = from; i < n; i++) {
            char c = s.charAt(i);
            if (c == '@') {
                return i;
            }
            if (c != ':' && c != '%' && !UriChars.is(c, UriChars.USER | UriChars.PASSWORD)) {
                return -1;
            }
        }
        return -1;
    }

    /** The user of the userinfo {@code s[from, at)}: up to the first ':'. */
    private static String user(String s, int from, int at) {
        int end = userEnd(s, from, at);
        if (end == from) {
            throw UriChars.bad("empty user part before '@'", from);
        }
        UriChars.check(s, from, end, UriChars.USER, "user part");
        return s.substring(from, end);
    }

    /** The password of the userinfo {@code s[from, at)}, or null when it has no ':'. */
    private static String password(String s, int from, int at) {
        int colon = userEnd(s, from, at);
        if (colon == at) {
            return null;
        }
        UriChars.check(s, colon + 1, at, UriChars.PASSWORD, "password");
        return s.substring(colon + 1, at);
    }

    private static int userEnd(String s, int from, int at) {
        int i = from;
        while (i < at && s.charAt(i) != ':') {
            i++;
        }
        return i;
    }

    private static int hostEnd(String s, int from, int n) {
        if (from < n && s.charAt(from) == '[') {
            int close = s.indexOf(']', from);
            if (close < 0 || close >= n) {
                throw UriChars.bad("'[' without ']' around IPv6 address", from);
            }
            return close + 1;
        }
        int i = from;
        while (i < n) {
            char c = s.charAt(i);
            if (c == ';' || c == '?') {
                break;
            }
            if (c == ':') {
                // RFC 5118 §4.2: an IPv6 address without brackets is refused with 400.
                if (looksLikeBareIpv6(s, from, firstOf(s, i + 1, n))) {
                    throw UriChars.bad("IPv6 address must be enclosed in '[' ']' (RFC 5118 §4.2)", from);
                }
                break;
            }
            i++;
        }
        return i;
    }

    /** True when {@code s[from, to)} holds two colons and nothing but hex digits, colons and dots. */
    private static boolean looksLikeBareIpv6(String s, int from, int to) {
        int colons = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == ':') {
                colons++;
            } else if (c != '.' && UriChars.hexValue(c) < 0) {
                return false;
            }
        }
        return colons >= 2;
    }

    /**
     * How many {@code c} there are in {@code s[from, n)} before the first {@code stop}: the number of
     * parameters, since neither a name nor a value may hold ';' (RFC 3261 §25.1 paramchar), nor a
     * header '&' (hnv-unreserved), so that the builder's array is filled exactly.
     */
    private static int count(String s, int from, int n, char c, char stop) {
        int count = 0;
        for (int i = from; i < n; i++) {
            char x = s.charAt(i);
            if (x == stop) {
                break;
            }
            if (x == c) {
                count++;
            }
        }
        return count;
    }

    /** The index of the first ';' or '?' at or after {@code from}, or {@code n}. */
    private static int firstOf(String s, int from, int n) {
        for (int i = from; i < n; i++) {
            char c = s.charAt(i);
            if (c == ';' || c == '?') {
                return i;
            }
        }
        return n;
    }

    private static int port(String s, int from, int to) {
        if (from == to) {
            throw UriChars.bad("empty port after ':'", from);
        }
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!UriChars.isDigit(c)) {
                throw UriChars.bad("port must be digits, found " + UriChars.show(c), i);
            }
            value = value * 10 + c - '0';
            if (value > 65535) {
                throw UriChars.bad("port must be 0..65535, was \"" + UriChars.quote(s, from, to) + "\"", from);
            }
        }
        return value;
    }

    /**
     * The uri-parameters of the URI {@code s[.., n)} that {@link #parse} checked, from the ';' at
     * {@code from} to the headers or the end.
     */
    static Parameters readParameters(String s, int from, int n) {
        Parameters.Builder b = Parameters.builder(count(s, from, n, ';', '?'));
        parameters(s, from, n, b);
        return b.build();
    }

    /**
     * Reads {@code *( ";" pname [ "=" pvalue ] )} from {@code s[i]} into {@code out}, or only checks
     * them when {@code out} is null; returns where it stopped.
     */
    private static int parameters(String s, int i, int n, Parameters.Builder out) {
        while (i < n && s.charAt(i) == ';') {
            int nameStart = i + 1;
            int j = nameStart;
            char c = 0;
            while (j < n && (c = s.charAt(j)) != '=' && c != ';' && c != '?') {
                j++;
            }
            if (j == nameStart) {
                throw UriChars.bad("empty parameter name", i);
            }
            UriChars.check(s, nameStart, j, UriChars.PARAM, "parameter name");
            String name = normalName(text(s, nameStart, j));
            String value = null;
            if (j < n && c == '=') {
                int valueStart = j + 1;
                j = valueStart;
                while (j < n && (c = s.charAt(j)) != ';' && c != '?') {
                    j++;
                }
                if (j == valueStart) {
                    throw UriChars.bad("empty value of parameter \"" + UriChars.quote(name, 0, name.length())
                            + "\"", valueStart);
                }
                UriChars.check(s, valueStart, j, UriChars.PARAM, "parameter value");
                value = text(s, valueStart, j);
            }
            String problem = knownParameterProblem(name, value);
            if (problem != null) {
                throw UriChars.bad(problem, nameStart);
            }
            if (out != null) {
                out.add(name, value);
            }
            i = j;
        }
        return i;
    }

    /**
     * A parameter name with its escapes undone when that gives a token: RFC 3261 §19.1.4 makes an
     * escaped unreserved character equal to the character, so {@code ;%6C%72} is the lr parameter
     * (RFC 4475 §3.1.1.3). A name whose escapes stand for other characters keeps them. The URI's
     * text is kept as written either way.
     */
    private static String normalName(String name) {
        if (name.indexOf('%') < 0) {
            return name;
        }
        String decoded = UriEscapes.decode(name);
        return Syntax.isToken(decoded) ? decoded : name;
    }

    /** {@code s[from, to)}: the {@link #COMMON_WORDS} entry spelled exactly so, else a new string. */
    private static String text(String s, int from, int to) {
        int len = to - from;
        for (String word : COMMON_WORDS) {
            if (word.length() == len && s.startsWith(word, from)) {
                return word;
            }
        }
        return s.substring(from, to);
    }

    /** Reads {@code "?" hname "=" hvalue *( "&" hname "=" hvalue )}; returns where it stopped. */
    private static int headers(String s, int i, int n, Parameters.Builder out) {
        do {
            int nameStart = i + 1;
            int j = nameStart;
            while (j < n && s.charAt(j) != '=' && s.charAt(j) != '&') {
                j++;
            }
            if (j == nameStart) {
                throw UriChars.bad("empty header name", i);
            }
            UriChars.check(s, nameStart, j, UriChars.HEADER, "header name");
            if (j == n || s.charAt(j) != '=') {
                throw UriChars.bad("header without '='", j);
            }
            int valueStart = j + 1;
            j = s.indexOf('&', valueStart);
            if (j < 0 || j > n) {
                j = n;
            }
            UriChars.check(s, valueStart, j, UriChars.HEADER, "header value");
            out.add(s.substring(nameStart, valueStart - 1), s.substring(valueStart, j));
            i = j;
        } while (i < n);
        return i;
    }

    /**
     * What is wrong with the uri-parameter {@code name=value} if it is one of those RFC 3261 §25.1
     * gives a grammar (transport, user, method, ttl, maddr), or null when it is fine.
     */
    static String knownParameterProblem(String name, String value) {
        switch (name.length()) {
            case 3:
                return name.equalsIgnoreCase("ttl") && !isTtl(value)
                        ? "ttl parameter must be 0..255, was " + shown(value) : null;
            case 4:
                return name.equalsIgnoreCase("user") ? tokenProblem(name, value) : null;
            case 5:
                return name.equalsIgnoreCase("maddr") ? maddrProblem(value) : null;
            case 6:
                return name.equalsIgnoreCase("method") ? tokenProblem(name, value) : null;
            case 9:
                return name.equalsIgnoreCase("transport") ? tokenProblem(name, value) : null;
            default:
                return null;
        }
    }

    private static boolean isTtl(String value) {
        if (value == null || value.isEmpty() || value.length() > 3) {
            return false;
        }
        int v = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!UriChars.isDigit(c)) {
                return false;
            }
            v = v * 10 + c - '0';
        }
        return v <= 255;
    }

    private static String tokenProblem(String name, String value) {
        return value != null && Syntax.isToken(value) ? null
                : name.toLowerCase(Locale.ROOT) + " parameter must be a token, was " + shown(value);
    }

    private static String maddrProblem(String value) {
        if (value == null) {
            return "maddr parameter must be a host, was empty";
        }
        try {
            Host.parse(value);
            return null;
        } catch (SipParseException e) {
            return "maddr parameter must be a host: " + e.reason();
        }
    }

    private static String shown(String value) {
        return value == null ? "empty" : "\"" + UriChars.quote(value, 0, value.length()) + "\"";
    }

    /** Checks a built user and password (RFC 3261 §25.1 userinfo). */
    static void checkUserinfo(String user, String password) {
        if (user != null) {
            if (user.isEmpty() || !UriEscapes.isValid(user, UriEscapes.Component.USER)) {
                throw new IllegalArgumentException("user must be 1*( unreserved / escaped / user-unreserved )"
                        + " (RFC 3261 §25.1), was \"" + UriChars.quote(user, 0, user.length()) + "\"");
            }
        }
        if (password != null) {
            if (user == null) {
                throw new IllegalArgumentException("a password needs a user");
            }
            if (!UriEscapes.isValid(password, UriEscapes.Component.PASSWORD)) {
                throw new IllegalArgumentException("password must be *( unreserved / escaped / \"&\" / \"=\" / \"+\""
                        + " / \"$\" / \",\" ) (RFC 3261 §25.1), was \""
                        + UriChars.quote(password, 0, password.length()) + "\"");
            }
        }
    }

    /** Checks built uri-parameters: paramchar names and values, and the known parameters' grammar. */
    static void checkParameters(Parameters parameters) {
        for (int i = 0; i < parameters.size(); i++) {
            String name = parameters.name(i);
            String value = parameters.value(i).orElse(null);
            if (!UriEscapes.isValid(name, UriEscapes.Component.PARAMETER)
                    || value != null
                    && (value.isEmpty() || !UriEscapes.isValid(value, UriEscapes.Component.PARAMETER))) {
                throw new IllegalArgumentException("uri-parameter must be 1*paramchar [ \"=\" 1*paramchar ]"
                        + " (RFC 3261 §25.1), was \"" + UriChars.quote(name, 0, name.length())
                        + (value == null ? "" : "=" + UriChars.quote(value, 0, value.length())) + "\"");
            }
            String problem = knownParameterProblem(name, value);
            if (problem != null) {
                throw new IllegalArgumentException(problem);
            }
        }
    }

    /** Checks built headers: hname "=" hvalue, each of hnv-unreserved / unreserved / escaped. */
    static void checkHeaders(Parameters headers) {
        for (int i = 0; i < headers.size(); i++) {
            String name = headers.name(i);
            String value = headers.value(i).orElse(null);
            if (value == null || !UriEscapes.isValid(name, UriEscapes.Component.HEADER)
                    || !UriEscapes.isValid(value, UriEscapes.Component.HEADER)) {
                throw new IllegalArgumentException("URI header must be hname \"=\" hvalue (RFC 3261 §25.1), was \""
                        + UriChars.quote(name, 0, name.length())
                        + (value == null ? "" : "=" + UriChars.quote(value, 0, value.length())) + "\"");
            }
        }
    }
}
