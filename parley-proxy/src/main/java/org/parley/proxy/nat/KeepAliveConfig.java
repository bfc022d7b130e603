package org.parley.proxy.nat;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link NatKeepAlive} keeps NAT'd bindings reachable. Immutable; each value is checked when the
 * record is built, and the message names it.
 *
 * @param interval how often each NAT'd binding gets a keep-alive; the sends of one round are spread
 *        evenly over it
 * @param maxFailures keep-alives in a row that may fail before the binding is reported unreachable
 * @param removeUnreachable whether an unreachable binding is also removed from the location store
 * @param maxBindings the most bindings one round tracks; more are counted, not pinged
 * @param pageSize records asked of the store per page while a round enumerates them
 * @param fromUser the user part of the keep-alive OPTIONS' From (its host is the binding's domain)
 */
public record KeepAliveConfig(Duration interval, int maxFailures, boolean removeUnreachable, int maxBindings,
        int pageSize, String fromUser) {
    /**
     * 25 s: under the 30 s UDP mapping timeout that many NATs use in practice, although RFC 4787
     * REQ-5 asks for at least 2 minutes; the same order as the UDP keep-alive pace of clients
     * (RFC 5626 §4.4.1). A CRLFCRLF ping on a stream flow is 4 bytes, so stream flows share the pace.
     */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(25);
    /**
     * 3: one OPTIONS may be lost on UDP and the next retransmitted ones too (Timer F, RFC 3261
     * §17.1.2.2, is 32 s), so only three silent rounds in a row (about 1.5 to 2 minutes) say the
     * client is gone rather than a loss burst.
     */
    public static final int DEFAULT_MAX_FAILURES = 3;
    /** 200,000 bindings per round: at the default interval, 8,000 keep-alives a second at most. */
    public static final int DEFAULT_MAX_BINDINGS = 200_000;
    /** 500 records per page of {@code LocationStore.addressesOfRecord}. */
    public static final int DEFAULT_PAGE_SIZE = 500;
    /** "keepalive": the From user of the keep-alive OPTIONS. */
    public static final String DEFAULT_FROM_USER = "keepalive";

    /** The shortest interval accepted: 1 s. */
    static final Duration MIN_INTERVAL = Duration.ofSeconds(1);

    /** Checks each value. */
    public KeepAliveConfig {
        Objects.requireNonNull(interval, "interval");
        if (interval.compareTo(MIN_INTERVAL) < 0 || interval.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("interval must be 1 s..1 h, was " + interval);
        }
        if (maxFailures < 1) {
            throw new IllegalArgumentException("maxFailures must be at least 1, was " + maxFailures);
        }
        if (maxBindings < 1) {
            throw new IllegalArgumentException("maxBindings must be at least 1, was " + maxBindings);
        }
        if (pageSize < 1 || pageSize > 10_000) {
            throw new IllegalArgumentException("pageSize must be 1..10000, was " + pageSize);
        }
        Objects.requireNonNull(fromUser, "fromUser");
        if (!fromUser.matches("[A-Za-z0-9._~!*'()+-]+")) {
            throw new IllegalArgumentException("fromUser must be a plain SIP user part (RFC 3261 §25.1 unreserved), "
                    + "was '" + fromUser + "'");
        }
    }

    /** The defaults: 25 s, 3 failures, removal on, 200,000 bindings, pages of 500, From user "keepalive". */
    public static KeepAliveConfig defaults() {
        return new KeepAliveConfig(DEFAULT_INTERVAL, DEFAULT_MAX_FAILURES, true, DEFAULT_MAX_BINDINGS,
                DEFAULT_PAGE_SIZE, DEFAULT_FROM_USER);
    }

    /** This configuration with another interval. */
    public KeepAliveConfig withInterval(Duration newInterval) {
        return new KeepAliveConfig(newInterval, maxFailures, removeUnreachable, maxBindings, pageSize, fromUser);
    }

    /** This configuration with another failure limit. */
    public KeepAliveConfig withMaxFailures(int newMaxFailures) {
        return new KeepAliveConfig(interval, newMaxFailures, removeUnreachable, maxBindings, pageSize, fromUser);
    }

    /** This configuration with unreachable bindings removed from the store, or only reported. */
    public KeepAliveConfig withRemoveUnreachable(boolean remove) {
        return new KeepAliveConfig(interval, maxFailures, remove, maxBindings, pageSize, fromUser);
    }

    /** This configuration with another per-round bound. */
    public KeepAliveConfig withMaxBindings(int newMaxBindings) {
        return new KeepAliveConfig(interval, maxFailures, removeUnreachable, newMaxBindings, pageSize, fromUser);
    }

    /** This configuration with another page size. */
    public KeepAliveConfig withPageSize(int newPageSize) {
        return new KeepAliveConfig(interval, maxFailures, removeUnreachable, maxBindings, newPageSize, fromUser);
    }

    /** This configuration with another From user. */
    public KeepAliveConfig withFromUser(String newFromUser) {
        return new KeepAliveConfig(interval, maxFailures, removeUnreachable, maxBindings, pageSize, newFromUser);
    }
}
