package org.parley.server.log;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the access log goes and how much it may buffer. Immutable; checked when built. The server has an
 * access log when its configuration has one of these, none otherwise.
 *
 * @param file the file lines are appended to (created when missing, with its parent directories)
 * @param queueCapacity how many transactions may wait for the writer thread; past that they are dropped
 *     and counted, never waited for
 */
public record AccessLogConfig(Path file, int queueCapacity) {
    /** 64 Ki lines: a few seconds of a busy server while the disk stalls, a few MB of heap at most. */
    public static final int DEFAULT_QUEUE_CAPACITY = 65_536;

    /** Checks the values: a file, a capacity of 1..16 Mi. */
    public AccessLogConfig {
        Objects.requireNonNull(file, "file");
        if (queueCapacity < 1 || queueCapacity > 16 * 1024 * 1024) {
            throw new IllegalArgumentException("queueCapacity must be 1..16777216, was " + queueCapacity);
        }
    }

    /** An access log to {@code file} with the default queue. */
    public static AccessLogConfig of(Path file) {
        return new AccessLogConfig(file, DEFAULT_QUEUE_CAPACITY);
    }
}
