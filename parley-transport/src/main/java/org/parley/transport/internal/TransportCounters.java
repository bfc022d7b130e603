package org.parley.transport.internal;

import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import org.parley.transport.TransportStats;

/**
 * Write access to the counters of a {@link TransportStats} for another implementation of
 * {@link org.parley.transport.TransportLayer} (today the in-memory endpoints of {@code parley-testkit}),
 * so that its {@code stats()} count like the real layer's. {@code TransportStats} keeps its counters
 * package-private, so users can read but not change them; it hands this class a function that reaches
 * them once, when it is initialized (the JDK's "shared secrets" pattern; no reflection).
 *
 * <p>Thread-safe: the access function is set once before any {@code TransportStats} exists and the
 * counters are {@code LongAdder}s.
 */
public final class TransportCounters {
    private static volatile Function<TransportStats, Counters> access;

    private TransportCounters() {
    }

    /**
     * The counters of one {@code TransportStats} that another transport implementation adds to.
     *
     * @param received messages parsed and handed to the handler
     * @param malformed inbound messages that could not be parsed
     * @param handlerFailures exceptions the inbound handler threw
     */
    public record Counters(LongAdder received, LongAdder malformed, LongAdder handlerFailures) {
        /** Checks the parts. */
        public Counters {
            Objects.requireNonNull(received, "received");
            Objects.requireNonNull(malformed, "malformed");
            Objects.requireNonNull(handlerFailures, "handlerFailures");
        }
    }

    /**
     * Called once by {@code TransportStats} when its class is initialized.
     *
     * @throws IllegalStateException when called a second time
     */
    public static synchronized void grant(Function<TransportStats, Counters> counters) {
        if (access != null) {
            throw new IllegalStateException("TransportCounters access was already granted");
        }
        access = Objects.requireNonNull(counters, "counters");
    }

    /** The counters of {@code stats}. */
    public static Counters of(TransportStats stats) {
        Objects.requireNonNull(stats, "stats");
        // The instance exists, so its class was initialized and has granted access.
        return access.apply(stats);
    }
}
