package org.parley.testkit.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The file chores of the process launchers (SIPp, PostgreSQL, Redis): quoting the end of a trace
 * or log file, and deleting a throw-away working directory. Stateless.
 */
public final class WorkFiles {
    private WorkFiles() {
    }

    /**
     * The last {@code maxChars} characters of {@code file} ("[...]" first when cut), "" when it
     * does not exist, or a note saying why it cannot be read: a report never fails for its quote.
     */
    public static String tail(Path file, int maxChars, Charset charset) {
        try {
            if (!Files.isRegularFile(file)) {
                return "";
            }
            try (FileChannel ch = FileChannel.open(file)) {
                long from = Math.max(0, ch.size() - maxChars);
                ByteBuffer buffer = ByteBuffer.allocate((int) (ch.size() - from));
                while (buffer.hasRemaining() && ch.read(buffer, from + buffer.position()) > 0) {
                    // Reads until the buffer is full or the file ends.
                }
                String text = new String(buffer.array(), 0, buffer.position(), charset);
                return from == 0 ? text : "[...]" + text;
            }
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }

    /**
     * Deletes {@code dir} and everything in it; nothing when it is already gone.
     *
     * @param what what the directory is, for the error message
     * @throws UncheckedIOException naming the directory when something cannot be deleted
     */
    public static void deleteTree(Path dir, String what) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + what + " " + dir, e);
        }
    }
}
