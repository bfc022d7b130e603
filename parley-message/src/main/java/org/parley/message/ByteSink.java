package org.parley.message;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable byte array the builders write into. Not thread-safe; internal to the package. */
final class ByteSink {
    private byte[] bytes;
    private int size;

    ByteSink(int capacity) {
        bytes = new byte[Math.max(64, capacity)];
    }

    int size() {
        return size;
    }

    void write(byte[] src) {
        write(src, 0, src.length);
    }

    void write(byte[] src, int offset, int length) {
        ensure(length);
        System.arraycopy(src, offset, bytes, size, length);
        size += length;
    }

    void write(int b) {
        ensure(1);
        bytes[size++] = (byte) b;
    }

    /** Writes a string known to be ASCII (names, tokens, numbers). */
    void writeAscii(String s) {
        ensure(s.length());
        for (int i = 0; i < s.length(); i++) {
            bytes[size++] = (byte) s.charAt(i);
        }
    }

    void writeUtf8(String s) {
        write(s.getBytes(StandardCharsets.UTF_8));
    }

    byte[] toByteArray() {
        return size == bytes.length ? bytes : Arrays.copyOf(bytes, size);
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
