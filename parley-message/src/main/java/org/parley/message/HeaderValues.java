package org.parley.message;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a header field value into the elements of a comma-separated list (RFC 3261 §7.3.1):
 * commas inside quoted strings (with their backslash escapes) or angle brackets do not separate.
 * Elements are trimmed of surrounding SP and HTAB. Stateless.
 */
public final class HeaderValues {
    private HeaderValues() {
    }

    /**
     * The first element of {@code value}: what {@code split(headerName, value).get(0)} gives, without
     * splitting the rest (the topmost Via is read for every message).
     *
     * @throws SipParseException when the first element leaves a quoted string or '<' open
     */
    public static String first(String headerName, String value) {
        int comma = nextSeparator(headerName, value, 0);
        return Syntax.trimWsp(value.substring(0, comma));
    }

    /**
     * The elements of {@code value}, in order. Empty elements (",," or a trailing comma) are kept as
     * empty strings so that a caller can refuse them; a value that is only whitespace gives none.
     *
     * @throws SipParseException when a quoted string or an angle bracket is not closed
     */
    public static List<String> split(String headerName, String value) {
        List<String> out = new ArrayList<>(2);
        int start = 0;
        while (true) {
            int comma = nextSeparator(headerName, value, start);
            String element = Syntax.trimWsp(value.substring(start, comma));
            if (comma == value.length()) {
                if (!element.isEmpty() || !out.isEmpty()) {
                    out.add(element);
                }
                return out;
            }
            out.add(element);
            start = comma + 1;
        }
    }

    /** The index of the next separating comma at or after {@code from}, or the value's length. */
    static int nextSeparator(String headerName, String value, int from) {
        boolean quoted = false;
        int angle = 0;
        int n = value.length();
        for (int i = from; i < n; i++) {
            char c = value.charAt(i);
            if (quoted) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == '<') {
                angle++;
            } else if (c == '>') {
                angle = Math.max(0, angle - 1);
            } else if (c == ',' && angle == 0) {
                return i;
            }
        }
        if (quoted) {
            throw SipParseException.badHeader(headerName, "unterminated quoted string");
        }
        if (angle != 0) {
            throw SipParseException.badHeader(headerName, "unclosed '<'");
        }
        return n;
    }
}
