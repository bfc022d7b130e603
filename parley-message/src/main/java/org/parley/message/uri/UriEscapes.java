package org.parley.message.uri;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Escaping of URI components (RFC 3261 §19.1.2 and §25.1 {@code escaped = "%" HEXDIG HEXDIG}).
 *
 * <p>{@link #decode(String)} undoes one level of escaping and reads the bytes as UTF-8: it never
 * decodes recursively, so {@code "v%61lue%25%34%31"} becomes {@code "value%41"}, and an escaped NUL
 * ({@code "%00"}) becomes the character U+0000 without cutting the text short.
 * {@link #encode(String, Component)} escapes every byte a component may not carry as it is.
 * Stateless.
 */
public final class UriEscapes {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    /** The URI components whose character sets differ (RFC 3261 §25.1). */
    public enum Component {
        /** {@code user = 1*( unreserved / escaped / user-unreserved )}. */
        USER(UriChars.USER),
        /** {@code password = *( unreserved / escaped / "&" / "=" / "+" / "$" / "," )}. */
        PASSWORD(UriChars.PASSWORD),
        /** {@code pname} and {@code pvalue}: {@code paramchar = param-unreserved / unreserved / escaped}. */
        PARAMETER(UriChars.PARAM),
        /** {@code hname} and {@code hvalue}: {@code hnv-unreserved / unreserved / escaped}. */
        HEADER(UriChars.HEADER);

        private final int mask;

        Component(int mask) {
            this.mask = mask;
        }
    }

    private UriEscapes() {
    }

    /**
     * Undoes one level of {@code %HH} escaping; runs of escaped bytes are read as UTF-8 (malformed
     * sequences become U+FFFD). Characters that are not escapes are kept as they are.
     *
     * @throws IllegalArgumentException when a "%" is not followed by two hex digits
     */
    public static String decode(String text) {
        Objects.requireNonNull(text, "text");
        int first = text.indexOf('%');
        if (first < 0) {
            return text;
        }
        int n = text.length();
        StringBuilder out = new StringBuilder(n);
        out.append(text, 0, first);
        byte[] run = null;
        int i = first;
        while (i < n) {
            char c = text.charAt(i);
            if (c != '%') {
                out.append(c);
                i++;
                continue;
            }
            if (run == null) {
                run = new byte[n / 3];
            }
            int len = 0;
            while (i < n && text.charAt(i) == '%') {
                int b = escapedByte(text, i, n);
                if (b < 0) {
                    throw new IllegalArgumentException("bad escape at index " + i + " in \""
                            + UriChars.quote(text, 0, n) + "\": expected '%' and two hex digits");
                }
                run[len++] = (byte) b;
                i += 3;
            }
            out.append(new String(run, 0, len, StandardCharsets.UTF_8));
        }
        return out.toString();
    }

    /**
     * Escapes {@code raw} for use as {@code component}: the text is encoded as UTF-8 and every byte
     * outside the component's allowed set (including "%") becomes {@code %HH} with upper-case hex.
     * Returns {@code raw} itself when nothing needs escaping.
     */
    public static String encode(String raw, Component component) {
        Objects.requireNonNull(raw, "raw");
        Objects.requireNonNull(component, "component");
        int n = raw.length();
        int i = 0;
        while (i < n && UriChars.is(raw.charAt(i), component.mask)) {
            i++;
        }
        if (i == n) {
            return raw;
        }
        byte[] bytes = raw.substring(i).getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(n + bytes.length * 2);
        out.append(raw, 0, i);
        for (byte b : bytes) {
            char c = (char) (b & 0xff);
            if (UriChars.is(c, component.mask)) {
                out.append(c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }

    /** True when {@code text} is a valid (already escaped) value for {@code component}. */
    public static boolean isValid(String text, Component component) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(component, "component");
        return UriChars.firstInvalid(text, 0, text.length(), component.mask) < 0;
    }

    /**
     * The form two escaped texts are compared in (RFC 3261 §19.1.4: a character outside the
     * reserved set equals its escape). Escapes of reserved characters and of "%" stay escaped, with
     * upper-case hex, so that {@code "%3B"} differs from {@code ";"} and from {@code "%253B"}. Other
     * escapes become the byte's char. The text must already be known to hold only good escapes.
     */
    static String normalize(String text) {
        int first = text.indexOf('%');
        if (first < 0) {
            return text;
        }
        int n = text.length();
        StringBuilder out = new StringBuilder(n);
        out.append(text, 0, first);
        for (int i = first; i < n; i++) {
            char c = text.charAt(i);
            int b = c == '%' ? escapedByte(text, i, n) : -1;
            if (b < 0) {
                out.append(c);
            } else if (b == '%' || UriChars.is((char) b, UriChars.RESERVED)) {
                out.append('%').append(HEX[b >> 4]).append(HEX[b & 0xf]);
                i += 2;
            } else {
                out.append((char) b);
                i += 2;
            }
        }
        return out.toString();
    }

    /** The byte escaped at {@code text[i]} ("%HH"), or -1 when it is not a well-formed escape. */
    private static int escapedByte(String text, int i, int n) {
        if (i + 2 >= n) {
            return -1;
        }
        int hi = UriChars.hexValue(text.charAt(i + 1));
        int lo = UriChars.hexValue(text.charAt(i + 2));
        return hi < 0 || lo < 0 ? -1 : hi << 4 | lo;
    }
}
