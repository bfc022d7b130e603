package org.parley.proxy.store.sqlite;

import java.time.Duration;
import java.util.Objects;
import org.parley.proxy.location.MemoryLocationStore;

/**
 * How {@link SqliteLocationStore} writes behind. Immutable; checked when built.
 *
 * @param flushInterval how often changed records are written to the file: what a crash may lose at
 *        most (issue #6: "a crash loses at most the last second of refreshes"); 10 ms to 1 s
 * @param maxBindings the most bindings the store holds ({@link MemoryLocationStore}'s bound)
 */
public record SqliteLocationConfig(Duration flushInterval, int maxBindings) {
    /** One second: the most refreshes a crash may lose, as issue #6 asks. */
    public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofSeconds(1);

    /** Checks the values. */
    public SqliteLocationConfig {
        Objects.requireNonNull(flushInterval, "flushInterval");
        if (flushInterval.compareTo(Duration.ofMillis(10)) < 0 || flushInterval.compareTo(Duration.ofSeconds(1)) > 0) {
            throw new IllegalArgumentException("flushInterval must be 10 ms to 1 s, was " + flushInterval);
        }
        if (maxBindings < 1) {
            throw new IllegalArgumentException("maxBindings must be at least 1, was " + maxBindings);
        }
    }

    /** A flush every second, at most {@link MemoryLocationStore#DEFAULT_MAX_BINDINGS} bindings. */
    public static SqliteLocationConfig defaults() {
        return new SqliteLocationConfig(DEFAULT_FLUSH_INTERVAL, MemoryLocationStore.DEFAULT_MAX_BINDINGS);
    }

    /** This configuration with another flush interval. */
    public SqliteLocationConfig withFlushInterval(Duration interval) {
        return new SqliteLocationConfig(interval, maxBindings);
    }

    /** This configuration with another bound on bindings. */
    public SqliteLocationConfig withMaxBindings(int max) {
        return new SqliteLocationConfig(flushInterval, max);
    }
}
