package org.parley.cli;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;

/**
 * Writes text with control characters shown as {@code \xNN}, so that a message's NUL, BEL or ESC
 * bytes (RFC 4475 §3.1.1.2 has some) cannot disturb the terminal. Line feeds and tabs pass. Confined
 * to the thread that writes.
 */
final class VisibleWriter extends FilterWriter {
    VisibleWriter(Writer out) {
        super(out);
    }

    @Override
    public void write(int c) throws IOException {
        if (c == '\n' || c == '\t' || c >= 0x20 && c < 0x7F || c >= 0xA0) {
            out.write(c);
        } else {
            out.write(String.format("\\x%02X", c));
        }
    }

    @Override
    public void write(char[] buf, int off, int len) throws IOException {
        for (int i = off; i < off + len; i++) {
            write(buf[i]);
        }
    }

    @Override
    public void write(String s, int off, int len) throws IOException {
        for (int i = off; i < off + len; i++) {
            write(s.charAt(i));
        }
    }
}
