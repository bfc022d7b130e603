package org.parley.proxy.auth;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Replay protection for nonce counts (RFC 7616 §3.4, §5.4; RFC 3261 §22.4): for each nonce in use,
 * the highest {@code nc} accepted; a request whose nc is not higher is a replay. Bounded: at most
 * {@code capacity} nonces are tracked. Entries older than the nonce lifetime are dropped first (such
 * a nonce is stale anyway); when still over capacity the oldest tracked is forgotten and the floor
 * rises to its issue time, so that any untracked nonce issued at or before the floor is refused
 * rather than accepted again from nc 1. A client refused that way just gets a fresh challenge.
 *
 * <p>Thread-safe: a concurrent map of atomic counters, a concurrent queue in order of first use, and
 * an atomic floor.
 */
final class NonceCounts {
    private final int capacity;
    private final long lifetimeMillis;
    private final ConcurrentHashMap<String, AtomicLong> highest = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Tracked> order = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicLong floor = new AtomicLong(Long.MIN_VALUE);

    NonceCounts(int capacity, long lifetimeMillis) {
        this.capacity = capacity;
        this.lifetimeMillis = lifetimeMillis;
    }

    /**
     * Records {@code nc} for {@code nonce}; false when it is not higher than one already accepted, or
     * when the nonce was forgotten to keep the bound.
     */
    boolean accept(String nonce, long issuedMillis, long nc, long nowMillis) {
        AtomicLong seen = highest.get(nonce);
        if (seen == null) {
            if (issuedMillis <= floor.get()) {
                return false;
            }
            seen = highest.computeIfAbsent(nonce, n -> {
                order.add(new Tracked(n, issuedMillis));
                size.incrementAndGet();
                return new AtomicLong();
            });
        }
        boolean accepted = false;
        for (long current = seen.get(); nc > current; current = seen.get()) {
            if (seen.compareAndSet(current, nc)) {
                accepted = true;
                break;
            }
        }
        trim(nowMillis);
        return accepted;
    }

    /** How many nonces are tracked. */
    int size() {
        return size.get();
    }

    private void trim(long nowMillis) {
        for (Tracked t = order.peek(); t != null; t = order.peek()) {
            boolean old = nowMillis - t.issuedMillis >= lifetimeMillis;
            if (!old && size.get() <= capacity) {
                return;
            }
            if (!order.remove(t)) {
                continue;
            }
            highest.remove(t.nonce);
            size.decrementAndGet();
            if (!old) {
                floor.accumulateAndGet(t.issuedMillis, Math::max);
            }
        }
    }

    private record Tracked(String nonce, long issuedMillis) {
    }
}
