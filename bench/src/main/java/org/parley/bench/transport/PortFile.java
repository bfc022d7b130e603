package org.parley.bench.transport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Tells a benchmark script where a server listens (or what it answered): one line of {@code key=value}
 * pairs, written to a temporary file and moved into place, so the script never reads half a line.
 * Stateless.
 */
public final class PortFile {
    private PortFile() {
    }

    /** Writes {@code line} and a newline to {@code file} atomically. */
    public static void write(Path file, String line) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, line + "\n", StandardCharsets.US_ASCII);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
