package org.parley.server.config;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Keeping NAT bindings of registered clients open (issue #7): at this interval the server sends an
 * OPTIONS to each UDP binding whose REGISTER came from another address than its Contact, and a
 * CRLFCRLF ping on each binding's TCP/TLS/WS flow (RFC 5626 §4.4.1); a client that fails three rounds
 * in a row loses its binding ({@code org.parley.proxy.nat.NatKeepAlive}). Immutable; checked when built.
 *
 * @param keepAliveInterval the pace, 1 s to 1 h; empty turns keep-alives off ({@code off} in the file)
 */
public record NatConfig(Optional<Duration> keepAliveInterval) {
    /** Every 25 s: under the 30 s UDP mapping timeout many NATs use (see {@code KeepAliveConfig}). */
    public static final NatConfig DEFAULTS = new NatConfig(Optional.of(Duration.ofSeconds(25)));

    /** Checks the interval. */
    public NatConfig {
        Objects.requireNonNull(keepAliveInterval, "keepAliveInterval");
        keepAliveInterval.ifPresent(d -> {
            if (d.compareTo(Duration.ofSeconds(1)) < 0 || d.compareTo(Duration.ofHours(1)) > 0) {
                throw new IllegalArgumentException("keepAliveInterval must be 1s..1h or off, was "
                        + Durations.format(d));
            }
        });
    }
}
