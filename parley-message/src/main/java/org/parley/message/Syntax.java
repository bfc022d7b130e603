package org.parley.message;

import java.nio.charset.StandardCharsets;

/**
 * Character classes of the RFC 3261 §25.1 grammar, shared by the parser, URIs and header values.
 * Stateless.
 */
public final class Syntax {
    private static final boolean[] TOKEN = new boolean[128];

    static {
        for (char c = 'a'; c <= 'z'; c++) {
            TOKEN[c] = true;
            TOKEN[c - 32] = true;
        }
        for (char c = '0'; c <= '9'; c++) {
            TOKEN[c] = true;
        }
        // RFC 3261 §25.1: token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~")
        for (char c : "-.!%*_+`'~".toCharArray()) {
            TOKEN[c] = true;
        }
    }

    private Syntax() {
    }

    /** True when {@code b} may appear in a token (RFC 3261 §25.1). */
    public static boolean isTokenChar(int b) {
        return b >= 0 && b < 128 && TOKEN[b];
    }

    /** True when {@code s} is a non-empty token. */
    public static boolean isToken(CharSequence s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isTokenChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * True when {@code s} is a Call-ID: {@code word ["@" word]} (RFC 3261 §25.1), where a word is
     * alphanumerics and {@code -.!%*_+`'~()<>:\"/[]?{}}.
     */
    public static boolean isCallId(String s) {
        int at = -1;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '@' && at < 0) {
                at = i;
            } else if (!(isTokenChar(c) || "()<>:\\\"/[]?{}".indexOf(c) >= 0)) {
                return false;
            }
        }
        return !s.isEmpty() && at != 0 && at != s.length() - 1;
    }

    /** {@code s} without leading and trailing SP and HTAB (the WSP the grammar allows there). */
    public static String trimWsp(String s) {
        int from = 0;
        int to = s.length();
        while (from < to && isWsp(s.charAt(from))) {
            from++;
        }
        while (to > from && isWsp(s.charAt(to - 1))) {
            to--;
        }
        return from == 0 && to == s.length() ? s : s.substring(from, to);
    }

    /** True for SP and HTAB, the WSP of RFC 3261 §25.1. */
    public static boolean isWsp(int b) {
        return b == ' ' || b == '\t';
    }

    /** The index of the first {@code c} in {@code b[from, to)}, or -1. */
    public static int indexOf(byte[] b, int from, int to, byte c) {
        for (int i = from; i < to; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    /** The first index at or after {@code p} (and before {@code to}) that is not SP or HTAB. */
    public static int skipWsp(byte[] b, int p, int to) {
        while (p < to && isWsp(b[p])) {
            p++;
        }
        return p;
    }

    /** True when {@code bytes[from..]} starts with the ASCII {@code s}, exactly. */
    public static boolean regionEquals(byte[] bytes, int from, String s) {
        if (from + s.length() > bytes.length) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (bytes[from + i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** True when {@code bytes[from..]} starts with the ASCII {@code s}, ignoring ASCII case. */
    public static boolean regionEqualsIgnoreCase(byte[] bytes, int from, String s) {
        if (from + s.length() > bytes.length) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            int a = bytes[from + i] | 0x20;
            int b = s.charAt(i) | 0x20;
            if (a != b || (a < 'a' || a > 'z') && bytes[from + i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code text} made fit for a Reason-Phrase (RFC 3261 §25.1: reserved, unreserved, escaped,
     * UTF-8 and whitespace): quotes become apostrophes, brackets become parentheses, control
     * characters and the other characters the grammar leaves out become spaces.
     */
    public static String reasonPhrase(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            char r = reasonChar(c);
            if (r != c && out == null) {
                out = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (out != null) {
                out.append(r);
            }
        }
        return out == null ? text : out.toString();
    }

    private static char reasonChar(char c) {
        if (c >= 0xA0 || c == ' ' || c == '\t' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                || ";/?:@&=+$,-_.!~*'()".indexOf(c) >= 0) {
            return c;
        }
        return switch (c) {
            case '"', '`' -> '\'';
            case '<', '[', '{' -> '(';
            case '>', ']', '}' -> ')';
            default -> ' ';
        };
    }

    /** The bytes as ISO-8859-1 text: one char per byte, for ASCII-only grammar elements. */
    public static String latin1(byte[] bytes, int from, int to) {
        return new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
    }

    /** The bytes as UTF-8 text (header values may carry UTF-8, RFC 3261 §25.1 TEXT-UTF8char). */
    public static String utf8(byte[] bytes, int from, int to) {
        return new String(bytes, from, to - from, StandardCharsets.UTF_8);
    }
}
