package org.parley.proxy.core;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The proxy's counters: requests forwarded (statefully and statelessly), responses forwarded, local
 * replies by status code, loops detected, and the response contexts live now. Thread-safe: every
 * counter is a {@link LongAdder}, so lanes count without contending; reads are a moment's sums.
 */
public final class ProxyStats {
    final LongAdder requestsForwarded = new LongAdder();
    final LongAdder requestsRelayedStatelessly = new LongAdder();
    final LongAdder acksRelayed = new LongAdder();
    final LongAdder responsesForwarded = new LongAdder();
    final LongAdder cancelsSent = new LongAdder();
    final LongAdder loops = new LongAdder();
    final LongAdder timerC = new LongAdder();
    final LongAdder dropped = new LongAdder();
    final LongAdder liveContexts = new LongAdder();
    private final ConcurrentHashMap<Integer, LongAdder> localReplies = new ConcurrentHashMap<>();

    ProxyStats() {
    }

    void replied(int status) {
        localReplies.computeIfAbsent(status, s -> new LongAdder()).increment();
    }

    /** Requests forwarded in a client transaction (each branch of a fork counts). */
    public long requestsForwarded() {
        return requestsForwarded.sum();
    }

    /** Requests relayed without a transaction (§16.11), ACKs for 2xx excluded. */
    public long requestsRelayedStatelessly() {
        return requestsRelayedStatelessly.sum();
    }

    /** ACKs for 2xx relayed (always statelessly). */
    public long acksRelayed() {
        return acksRelayed.sum();
    }

    /** Responses forwarded upstream, statefully or by Via. */
    public long responsesForwarded() {
        return responsesForwarded.sum();
    }

    /** CANCELs sent to branches (§16.10, §16.7 step 10, Timer C). */
    public long cancelsSent() {
        return cancelsSent.sum();
    }

    /** Requests answered 482 because they looped (§16.3 step 4). */
    public long loopsDetected() {
        return loops.sum();
    }

    /** Branches whose Timer C fired (§16.8). */
    public long timerCFired() {
        return timerC.sum();
    }

    /** Messages dropped: responses for nobody, ACKs that cannot be routed, strays of unknown origin. */
    public long dropped() {
        return dropped.sum();
    }

    /** Response contexts (requests being forwarded statefully) live now. */
    public long liveContexts() {
        return liveContexts.sum();
    }

    /** Responses the proxy made itself (not forwarded), by status code. */
    public Map<Integer, Long> localReplies() {
        Map<Integer, Long> out = new TreeMap<>();
        localReplies.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    /** How many local replies had {@code status}. */
    public long localReplies(int status) {
        LongAdder a = localReplies.get(status);
        return a == null ? 0 : a.sum();
    }

    @Override
    public String toString() {
        return "ProxyStats[forwarded=" + requestsForwarded() + ", stateless=" + requestsRelayedStatelessly()
                + ", acks=" + acksRelayed() + ", responses=" + responsesForwarded() + ", cancels=" + cancelsSent()
                + ", loops=" + loopsDetected() + ", live=" + liveContexts() + ", local=" + localReplies() + "]";
    }
}
