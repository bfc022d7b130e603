package org.parley.transaction;

import java.time.Duration;
import java.util.Objects;

/**
 * The transaction layer's timers and sizing (RFC 3261 §17, Table 4; RFC 6026 §8). Immutable;
 * checked when built.
 *
 * @param t1 the round-trip estimate: first retransmission interval, and 64·T1 the transaction
 *     timeout (Timers A, B, E, F, G, H, J; RFC 6026 Timers L and M)
 * @param t2 the longest retransmission interval for non-INVITE requests and INVITE responses
 * @param t4 the longest time a message stays in the network (Timers I and K)
 * @param timerD how long an INVITE client transaction absorbs retransmitted final responses over an
 *     unreliable transport (§17.1.1.2: at least 32 s)
 * @param tryingDelay how long an INVITE server transaction waits for its user before answering
 *     100 Trying itself (§17.2.1: "within 200 ms")
 * @param lanes how many threads transactions are spread over (by Call-ID, so that a dialog's
 *     transactions share one); at least 1
 * @param rejectMergedRequests whether the layer answers merged requests 482 itself (RFC 3261
 *     §8.2.2.2): a request without a To tag whose From tag, Call-ID and CSeq equal those of a live
 *     server transaction that it does not match (it came by another path after forking upstream).
 *     This is the UAS core's duty, on by default for user agents and registrars. <b>A proxy must
 *     turn it off</b> ({@link #withMergedRequestDetection(boolean) withMergedRequestDetection(false)}):
 *     it forwards both copies and lets the UAS decide (RFC 3261 §16), and a spiral legitimately
 *     brings the same request back with another branch (§16.3 loop detection is the proxy's own).
 * @param observer told when each transaction finishes, with its duration (metrics, access log);
 *     {@link TransactionObserver#NONE} by default
 */
public record TransactionConfig(Duration t1, Duration t2, Duration t4, Duration timerD, Duration tryingDelay,
        int lanes, boolean rejectMergedRequests, TransactionObserver observer) {
    /** RFC 3261 §17.1.1.1, Table 4: T1 = 500 ms. */
    public static final Duration DEFAULT_T1 = Duration.ofMillis(500);
    /** RFC 3261 §17.1.2.2, Table 4: T2 = 4 s. */
    public static final Duration DEFAULT_T2 = Duration.ofSeconds(4);
    /** RFC 3261 §17.1.2.2, Table 4: T4 = 5 s. */
    public static final Duration DEFAULT_T4 = Duration.ofSeconds(5);
    /** RFC 3261 §17.1.1.2, Table 4: Timer D, at least 32 s for unreliable transports. */
    public static final Duration DEFAULT_TIMER_D = Duration.ofSeconds(32);
    /** RFC 3261 §17.2.1: a 100 Trying within 200 ms unless the TU answers sooner. */
    public static final Duration DEFAULT_TRYING_DELAY = Duration.ofMillis(200);

    /** Checks the values: every duration positive, T1 at most T2, lanes 1..1024. */
    public TransactionConfig {
        positive("t1", t1);
        positive("t2", t2);
        positive("t4", t4);
        positive("timerD", timerD);
        positive("tryingDelay", tryingDelay);
        if (t2.compareTo(t1) < 0) {
            throw new IllegalArgumentException("t2 must be at least t1 (" + t1 + "), was " + t2);
        }
        if (lanes < 1 || lanes > 1024) {
            throw new IllegalArgumentException("lanes must be 1..1024, was " + lanes);
        }
        Objects.requireNonNull(observer, "observer");
    }

    /** The configuration without an observer ({@link TransactionObserver#NONE}). */
    public TransactionConfig(Duration t1, Duration t2, Duration t4, Duration timerD, Duration tryingDelay, int lanes,
            boolean rejectMergedRequests) {
        this(t1, t2, t4, timerD, tryingDelay, lanes, rejectMergedRequests, TransactionObserver.NONE);
    }

    /** The configuration with merged-request detection on (a user agent's), as before the switch existed. */
    public TransactionConfig(Duration t1, Duration t2, Duration t4, Duration timerD, Duration tryingDelay, int lanes) {
        this(t1, t2, t4, timerD, tryingDelay, lanes, true);
    }

    private static void positive(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
    }

    /** The RFC 3261 defaults with one lane per core, merged requests answered 482 (a user agent's). */
    public static TransactionConfig defaults() {
        return new TransactionConfig(DEFAULT_T1, DEFAULT_T2, DEFAULT_T4, DEFAULT_TIMER_D, DEFAULT_TRYING_DELAY,
                Math.max(1, Runtime.getRuntime().availableProcessors()));
    }

    /** This configuration with {@code lanes} lanes. */
    public TransactionConfig withLanes(int n) {
        return new TransactionConfig(t1, t2, t4, timerD, tryingDelay, n, rejectMergedRequests, observer);
    }

    /**
     * This configuration with merged-request detection (RFC 3261 §8.2.2.2) on or off; a proxy turns
     * it off (see {@link #rejectMergedRequests()}).
     */
    public TransactionConfig withMergedRequestDetection(boolean on) {
        return new TransactionConfig(t1, t2, t4, timerD, tryingDelay, lanes, on, observer);
    }

    /** This configuration with {@code o} told when each transaction finishes (see {@link TransactionObserver}). */
    public TransactionConfig withObserver(TransactionObserver o) {
        return new TransactionConfig(t1, t2, t4, timerD, tryingDelay, lanes, rejectMergedRequests, o);
    }

    /** 64·T1: Timers B, F, H, J (§17) and RFC 6026's L and M. */
    public long timeoutMillis() {
        return 64 * t1.toMillis();
    }

    /** T1 in milliseconds. */
    public long t1Millis() {
        return t1.toMillis();
    }

    /** T2 in milliseconds. */
    public long t2Millis() {
        return t2.toMillis();
    }

    /** T4 in milliseconds. */
    public long t4Millis() {
        return t4.toMillis();
    }
}
