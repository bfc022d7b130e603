package org.parley.testkit;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;

/**
 * A clock that moves only when a test moves it: the time base of the {@link MemoryNetwork} and of
 * the virtual schedulers of the layers above. It never goes backwards.
 *
 * <p>Thread-safe: the instant is volatile and changed under the clock's monitor.
 */
public final class VirtualClock implements InstantSource {
    /** Where a clock made with {@link #VirtualClock()} starts: a fixed, arbitrary instant. */
    public static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private volatile Instant now;

    /** A clock at {@link #START}. */
    public VirtualClock() {
        this(START);
    }

    /** A clock at {@code start}. */
    public VirtualClock(Instant start) {
        this.now = Objects.requireNonNull(start, "start");
    }

    @Override
    public Instant instant() {
        return now;
    }

    /**
     * Moves the clock forward.
     *
     * @throws IllegalArgumentException when {@code by} is negative
     */
    public synchronized void advance(Duration by) {
        Objects.requireNonNull(by, "by");
        if (by.isNegative()) {
            throw new IllegalArgumentException("a virtual clock only moves forward, was asked to advance by " + by);
        }
        now = now.plus(by);
    }

    /**
     * Moves the clock forward to {@code instant}; does nothing when it is already there.
     *
     * @throws IllegalArgumentException when {@code instant} is before the clock's time
     */
    public synchronized void advanceTo(Instant instant) {
        Objects.requireNonNull(instant, "instant");
        if (instant.isBefore(now)) {
            throw new IllegalArgumentException("a virtual clock only moves forward: it reads " + now
                    + ", was asked to go to " + instant);
        }
        now = instant;
    }

    @Override
    public String toString() {
        return "VirtualClock[" + now + "]";
    }
}
