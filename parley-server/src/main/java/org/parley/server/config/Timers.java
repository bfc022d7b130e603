package org.parley.server.config;

import java.time.Duration;
import java.util.Objects;
import org.parley.transaction.TransactionConfig;

/**
 * The SIP timers the server runs with. Immutable; checked when built.
 *
 * @param t1 the round-trip estimate (RFC 3261 §17.1.1.1); 64·T1 is every transaction's timeout
 * @param t2 the longest retransmission interval (RFC 3261 §17.1.2.2)
 * @param t4 how long a message may stay in the network (RFC 3261 §17.1.2.2)
 * @param timerC how long a proxy waits for a final response to a forwarded INVITE (RFC 3261 §16.6
 *     step 11: more than 3 minutes); used by the proxy core
 */
public record Timers(Duration t1, Duration t2, Duration t4, Duration timerC) {
    /** RFC 3261 §16.6 step 11 asks for more than 3 minutes: 3 minutes and 5 seconds. */
    public static final Duration DEFAULT_TIMER_C = Duration.ofSeconds(185);

    /** RFC 3261 Table 4's T1, T2 and T4, and {@link #DEFAULT_TIMER_C}. */
    public static final Timers DEFAULTS = new Timers(TransactionConfig.DEFAULT_T1, TransactionConfig.DEFAULT_T2,
            TransactionConfig.DEFAULT_T4, DEFAULT_TIMER_C);

    /** Checks the values: all positive, T1 ≤ T2, Timer C over 3 minutes. */
    public Timers {
        positive("t1", t1);
        positive("t2", t2);
        positive("t4", t4);
        positive("timerC", timerC);
        if (t2.compareTo(t1) < 0) {
            throw new IllegalArgumentException("t2 must be at least t1 (" + Durations.format(t1) + "), was "
                    + Durations.format(t2));
        }
        if (timerC.compareTo(Duration.ofMinutes(3)) <= 0) {
            throw new IllegalArgumentException("timerC must be more than 3m (RFC 3261 §16.6 step 11), was "
                    + Durations.format(timerC));
        }
    }

    private static void positive(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + Durations.format(d));
        }
    }
}
