package org.parley.message.uri;

import org.parley.message.SipParseException;

/**
 * Character classes of the URI grammars (RFC 3261 §25.1, RFC 3966 §3, RFC 3986 §2) as bit masks
 * over ASCII, plus the error helpers the URI parsers share. Stateless.
 */
final class UriChars {
    /** RFC 3261 §25.1 unreserved = alphanum / mark. */
    static final int UNRESERVED = 1;
    /** RFC 3261 §25.1 user-unreserved = "&" / "=" / "+" / "$" / "," / ";" / "?" / "/". */
    static final int USER_EXTRA = 1 << 1;
    /** The extra characters of RFC 3261 §25.1 password: "&" / "=" / "+" / "$" / ",". */
    static final int PASSWORD_EXTRA = 1 << 2;
    /** RFC 3261 §25.1 param-unreserved = "[" / "]" / "/" / ":" / "&" / "+" / "$" (also RFC 3966). */
    static final int PARAM_EXTRA = 1 << 3;
    /** RFC 3261 §25.1 hnv-unreserved = "[" / "]" / "/" / "?" / ":" / "+" / "$". */
    static final int HEADER_EXTRA = 1 << 4;
    /** RFC 2396 §2.2 reserved = ";" / "/" / "?" / ":" / "@" / "&" / "=" / "+" / "$" / ",". */
    static final int RESERVED = 1 << 5;
    /** Characters RFC 3986 §2 allows outside escapes: unreserved, gen-delims and sub-delims. */
    static final int RFC3986 = 1 << 6;
    /** RFC 3986 §3.1 scheme characters after the first: ALPHA / DIGIT / "+" / "-" / ".". */
    static final int SCHEME = 1 << 7;
    /** RFC 3966 §3 visual-separator = "-" / "." / "(" / ")". */
    static final int VISUAL = 1 << 8;

    /** RFC 3261 §25.1 user. */
    static final int USER = UNRESERVED | USER_EXTRA;
    /** RFC 3261 §25.1 password. */
    static final int PASSWORD = UNRESERVED | PASSWORD_EXTRA;
    /** RFC 3261 §25.1 paramchar, RFC 3966 §3 paramchar. */
    static final int PARAM = UNRESERVED | PARAM_EXTRA;
    /** RFC 3261 §25.1 hname / hvalue. */
    static final int HEADER = UNRESERVED | HEADER_EXTRA;
    /** RFC 3966 §3 uric = reserved / unreserved / pct-encoded. */
    static final int URIC = UNRESERVED | RESERVED;

    /** Longest piece of input quoted in an error message. */
    private static final int QUOTE_LIMIT = 64;

    private static final short[] CLASSES = new short[128];

    static {
        for (char c = 'a'; c <= 'z'; c++) {
            CLASSES[c] = UNRESERVED | RFC3986 | SCHEME;
            CLASSES[c - 32] = UNRESERVED | RFC3986 | SCHEME;
        }
        for (char c = '0'; c <= '9'; c++) {
            CLASSES[c] = UNRESERVED | RFC3986 | SCHEME;
        }
        mark("-_.!~*'()", UNRESERVED);
        mark("&=+$,;?/", USER_EXTRA);
        mark("&=+$,", PASSWORD_EXTRA);
        mark("[]/:&+$", PARAM_EXTRA);
        mark("[]/?:+$", HEADER_EXTRA);
        mark(";/?:@&=+$,", RESERVED);
        mark("-._~:/?#[]@!$&'()*+,;=", RFC3986);
        mark("+-.", SCHEME);
        mark("-.()", VISUAL);
    }

    private UriChars() {
    }

    private static void mark(String chars, int mask) {
        for (int i = 0; i < chars.length(); i++) {
            CLASSES[chars.charAt(i)] |= (short) mask;
        }
    }

    /** True when {@code c} is ASCII and in one of the classes of {@code mask}. */
    static boolean is(char c, int mask) {
        return c < 128 && (CLASSES[c] & mask) != 0;
    }

    static boolean isAlpha(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isAlphanum(char c) {
        return isAlpha(c) || isDigit(c);
    }

    /** The value of a hex digit, or -1. */
    static int hexValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    /**
     * The index of the first character of {@code s[from, to)} that is neither in {@code mask} nor the
     * start of a well-formed escape ("%" HEXDIG HEXDIG), or -1 when all are fine. A bad escape is
     * reported at its "%".
     */
    static int firstInvalid(String s, int from, int to, int mask) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= to) {
                    return i;
                }
                if (hexValue(s.charAt(i + 1)) < 0 || hexValue(s.charAt(i + 2)) < 0) {
                    return i;
                }
                i += 2;
            } else if (!is(c, mask)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Checks {@code s[from, to)} against {@code mask}; throws a 400 naming {@code what} on the first
     * bad character or escape.
     */
    static void check(String s, int from, int to, int mask, String what) {
        int bad = firstInvalid(s, from, to, mask);
        if (bad >= 0) {
            throw bad(describeInvalid(s, bad, to, what), bad);
        }
    }

    /** "bad escape in user" or "invalid character '#' in user", for the character at {@code at}. */
    static String describeInvalid(String s, int at, int to, String what) {
        char c = s.charAt(at);
        if (c == '%') {
            return "bad escape \"" + quote(s, at, Math.min(to, at + 3)) + "\" in " + what;
        }
        return "invalid character " + show(c) + " in " + what;
    }

    /**
     * Checks what every URI must satisfy and finds its scheme: the text is not empty, not enclosed in
     * angle brackets, holds no whitespace, control or non-ASCII character (RFC 3261 §25.1 allows
     * none inside a URI; LWS separates it from what follows), and starts with a scheme (RFC 3986
     * §3.1: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )) and a colon.
     *
     * @return the index of the colon after the scheme
     */
    static int schemeEnd(String s) {
        return schemeEnd(s, 0, s.length());
    }

    /** {@link #schemeEnd(String)} of the URI {@code s[from, n)}; the index and error offsets are within {@code s}. */
    static int schemeEnd(String s, int from, int n) {
        if (n == from) {
            throw bad("empty URI", from);
        }
        if (s.charAt(from) == '<' || s.charAt(n - 1) == '>') {
            throw bad("URI must not be enclosed in '<' '>'", s.charAt(from) == '<' ? from : n - 1);
        }
        for (int i = from; i < n; i++) {
            char c = s.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                throw bad(c == ' ' || c == '\t' || c == '\r' || c == '\n'
                        ? "whitespace inside URI" : "invalid character " + show(c) + " in URI", i);
            }
        }
        int i = from;
        if (isAlpha(s.charAt(from))) {
            i = from + 1;
            while (i < n && is(s.charAt(i), SCHEME)) {
                i++;
            }
        }
        if (i == from || i == n || s.charAt(i) != ':') {
            throw bad("missing scheme", from);
        }
        return i;
    }

    /** A 400 for a URI that breaks its grammar, located at {@code offset} within the URI text. */
    static SipParseException bad(String problem, int offset) {
        return SipParseException.badHeader("URI", problem).at(offset);
    }

    /** A printable, length-bounded rendering of {@code s[from, to)} for messages. */
    static String quote(String s, int from, int to) {
        StringBuilder out = new StringBuilder(Math.min(to - from, QUOTE_LIMIT) + 8);
        int end = Math.min(to, from + QUOTE_LIMIT);
        for (int i = from; i < end; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
                out.append(c);
            } else {
                out.append("\\u").append(String.format("%04X", (int) c));
            }
        }
        if (end < to) {
            out.append("...");
        }
        return out.toString();
    }

    /** A printable rendering of one character for messages: 'x', or U+0020 for others. */
    static String show(char c) {
        if (c > 0x20 && c < 0x7f && c != '\'' && c != '\\') {
            return "'" + c + "'";
        }
        return String.format("U+%04X", (int) c);
    }
}
