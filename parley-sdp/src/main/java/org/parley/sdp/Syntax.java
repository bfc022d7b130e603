package org.parley.sdp;

/**
 * Character classes of the RFC 8866 §9 grammar, shared by the parser, the model's constructors and
 * the typed attribute views. Stateless.
 */
final class Syntax {
    private Syntax() {
    }

    /** RFC 8866 §9 token-char: visible ASCII except the separators {@code "(),/:;<=>?@[\]{}} and space. */
    static boolean isTokenChar(char c) {
        return c == '!' || (c >= '#' && c <= '\'') || c == '*' || c == '+' || c == '-' || c == '.'
            || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= '^' && c <= '~');
    }

    static boolean isToken(String s) {
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

    static boolean isDigits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** Visible characters (no space, control or DEL); non-ASCII counts as visible (UTF-8 text). */
    static boolean isNonWhitespace(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= ' ' || c == 0x7f) {
                return false;
            }
        }
        return true;
    }

    /** RFC 8866 §9 byte-string / text: anything but NUL, CR and LF. */
    static boolean isText(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 0 || c == '\r' || c == '\n') {
                return false;
            }
        }
        return true;
    }

    /** A decimal number of at most {@code maxDigits} digits, or -1 when {@code s} is not one. */
    static long number(String s, int maxDigits) {
        if (!isDigits(s) || s.length() > maxDigits) {
            return -1;
        }
        return Long.parseLong(s);
    }

    static String requireToken(String value, String what) {
        if (value == null || !isToken(value)) {
            throw new IllegalArgumentException(what + " must be a token, was \"" + value + "\"");
        }
        return value;
    }

    static String requireNonWhitespace(String value, String what) {
        if (value == null || !isNonWhitespace(value)) {
            throw new IllegalArgumentException(what + " must be non-empty without spaces, was \"" + value + "\"");
        }
        return value;
    }

    static String requireText(String value, String what) {
        if (value == null || !isText(value)) {
            throw new IllegalArgumentException(what + " must not contain NUL, CR or LF, was \"" + value + "\"");
        }
        return value;
    }
}
