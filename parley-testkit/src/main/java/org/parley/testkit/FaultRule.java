package org.parley.testkit;

import java.time.Duration;
import java.util.Objects;

/**
 * One fault a {@link MemoryNetwork} applies to the packets a {@link PacketFilter} selects, a given
 * number of times: drop, duplicate, delay in virtual time, hold until released, or hold for a number
 * of other deliveries (reordering). Made by the network's {@code drop}, {@code duplicate},
 * {@code delay}, {@code hold} and {@code reorder}; consulted only for packets over unreliable
 * transports, in the order the rules were made, and the first rule that claims a packet is the only
 * one that sees it.
 *
 * <p>Guarded by its network's lock, like the network.
 */
public final class FaultRule {
    /** What the rule does to a packet it claims. */
    enum Kind { DROP, DUPLICATE, DELAY, HOLD, REORDER }

    private final Object lock;
    private final Kind kind;
    private final PacketFilter filter;
    private final Duration delay;
    private final int deliveries;
    private int skip;
    private int remaining;
    private int applied;

    FaultRule(Object lock, Kind kind, PacketFilter filter, int times, Duration delay, int deliveries) {
        if (times < 1) {
            throw new IllegalArgumentException("a fault rule applies 1.." + MemoryNetwork.ALWAYS
                    + " times (MemoryNetwork.ALWAYS for every match), was " + times);
        }
        this.lock = lock;
        this.kind = kind;
        this.filter = Objects.requireNonNull(filter, "filter");
        this.delay = delay;
        this.deliveries = deliveries;
        this.remaining = times;
    }

    /**
     * Lets the first {@code count} matching packets pass before the rule starts to act: "the 2nd
     * ACK" is {@code network.drop(PacketFilter.request(Method.ACK), 1).afterSkipping(1)}.
     *
     * @return this rule
     * @throws IllegalArgumentException when {@code count} is negative
     */
    public FaultRule afterSkipping(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("packets to skip must be 0 or more, was " + count);
        }
        synchronized (lock) {
            skip = count;
        }
        return this;
    }

    /** How many packets the rule has acted on. */
    public int applied() {
        synchronized (lock) {
            return applied;
        }
    }

    /** How many more packets it will act on; {@link MemoryNetwork#ALWAYS} when unbounded. */
    public int remaining() {
        synchronized (lock) {
            return remaining;
        }
    }

    /** Stops the rule from acting on further packets; what it already did stays done. */
    public void cancel() {
        synchronized (lock) {
            remaining = 0;
        }
    }

    /** True when the rule acts on {@code packet}, counting it; called with the lock held. */
    boolean claims(Packet packet) {
        if (remaining == 0 || !filter.matches(packet)) {
            return false;
        }
        if (skip > 0) {
            skip--;
            return false;
        }
        if (remaining != MemoryNetwork.ALWAYS) {
            remaining--;
        }
        applied++;
        return true;
    }

    Kind kind() {
        return kind;
    }

    Duration delay() {
        return delay;
    }

    int deliveries() {
        return deliveries;
    }

    @Override
    public String toString() {
        synchronized (lock) {
            return "FaultRule[" + kind + ", applied " + applied + ", remaining "
                    + (remaining == MemoryNetwork.ALWAYS ? "always" : Integer.toString(remaining)) + "]";
        }
    }
}
