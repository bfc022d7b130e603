package org.parley.message;

import java.nio.charset.StandardCharsets;

/** Renders bytes for assertion messages. */
final class Texts {
    private static final int MAX_SHOWN = 4000;

    private Texts() {
    }

    /** The bytes as UTF-8 text with CR, LF, HTAB and other control bytes escaped, cut after a few KB. */
    static String visible(byte[] bytes) {
        String text = new String(bytes, 0, Math.min(bytes.length, MAX_SHOWN), StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(text.length() + 64);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\r' -> out.append("\\r");
                case '\n' -> out.append("\\n\n");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\x%02x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        if (bytes.length > MAX_SHOWN) {
            out.append("... (").append(bytes.length).append(" bytes)");
        }
        return out.toString();
    }

    /** The bytes as ISO-8859-1 text: one char per byte, so equal texts mean equal bytes. */
    static String latin1(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
