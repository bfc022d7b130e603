package org.parley.message;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a header field value into the elements of a comma-separated list (RFC 3261 §7.3.1):
 * commas inside quoted strings (with their backslash escapes), angle brackets or the brackets of
 * an IPv6 reference do not separate. Elements are trimmed of surrounding whitespace, including
 * folded line breaks. Stateless.
 */
public final class HeaderValues {
    private HeaderValues() {
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
        boolean quoted = false;
        int angle = 0;
        int n = value.length();
        for (int i = 0; i < n; i++) {
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
                out.add(value.substring(start, i).strip());
                start = i + 1;
            }
        }
        if (quoted) {
            throw SipParseException.badHeader(headerName, "unterminated quoted string");
        }
        if (angle != 0) {
            throw SipParseException.badHeader(headerName, "unclosed '<'");
        }
        String last = value.substring(start).strip();
        if (!last.isEmpty() || !out.isEmpty()) {
            out.add(last);
        }
        return out;
    }
}
