package org.parley.testkit;

import java.util.SplittableRandom;

/**
 * A reproducible coin: {@link #next()} is true with probability {@code fraction}, drawn from a
 * {@link SplittableRandom} seeded once, so the same seed and the same sequence of calls give the
 * same answers. A fraction of 0 never draws. Thread-safe: draws under its monitor.
 */
final class SeededChance {
    static final SeededChance NEVER = new SeededChance(0, 0);

    private final double fraction;
    private final SplittableRandom random;

    SeededChance(double fraction, long seed) {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("a fraction must be 0..1, was " + fraction);
        }
        this.fraction = fraction;
        this.random = new SplittableRandom(seed);
    }

    /** The next draw: true with probability {@code fraction}. */
    synchronized boolean next() {
        return fraction > 0 && random.nextDouble() < fraction;
    }

    double fraction() {
        return fraction;
    }
}
