package org.parley.proxy.nat;

import java.util.concurrent.atomic.LongAdder;

/**
 * The counters of a {@link NatKeepAlive}, for metrics and tests. Thread-safe: written on the
 * keep-alive's lane, read from any thread.
 */
public final class KeepAliveStats {
    final LongAdder rounds = new LongAdder();
    final LongAdder optionsSent = new LongAdder();
    final LongAdder pingsSent = new LongAdder();
    final LongAdder answered = new LongAdder();
    final LongAdder failed = new LongAdder();
    final LongAdder stillPending = new LongAdder();
    final LongAdder unreachable = new LongAdder();
    final LongAdder removed = new LongAdder();
    final LongAdder overLimit = new LongAdder();
    final LongAdder storeFailures = new LongAdder();

    KeepAliveStats() {
    }

    /** Rounds begun: one per interval. */
    public long rounds() {
        return rounds.sum();
    }

    /** OPTIONS keep-alives sent to UDP bindings. */
    public long optionsSent() {
        return optionsSent.sum();
    }

    /** CRLFCRLF (or WebSocket Ping) keep-alives written on stream flows. */
    public long pingsSent() {
        return pingsSent.sum();
    }

    /** Keep-alives that succeeded: any response from the client, or a ping written. */
    public long answered() {
        return answered.sum();
    }

    /** Keep-alives that failed: an OPTIONS timed out or could not be sent, a flow was closed. */
    public long failed() {
        return failed.sum();
    }

    /** Bindings skipped in a round because their previous OPTIONS had no final answer yet. */
    public long stillPending() {
        return stillPending.sum();
    }

    /** Times a binding reached the failure limit and was reported. */
    public long unreachable() {
        return unreachable.sum();
    }

    /** Unreachable bindings removed from the location store. */
    public long removed() {
        return removed.sum();
    }

    /** NAT'd bindings left out of a round because it already held {@link KeepAliveConfig#maxBindings()}. */
    public long overLimit() {
        return overLimit.sum();
    }

    /** Location store operations that failed (a round's enumeration, a removal). */
    public long storeFailures() {
        return storeFailures.sum();
    }
}
