package org.parley.server.config;

import java.time.Duration;
import java.util.Objects;
import org.parley.message.ParserConfig;
import org.parley.proxy.registrar.RegistrarConfig;
import org.parley.transport.TransportConfig;

/**
 * The bounds the server keeps on input and state. Each maps onto the layer that enforces it, and
 * each default is that layer's. Immutable; the layers' own records check the values again when the
 * server starts.
 *
 * @param maxMessageBytes the largest SIP message accepted ({@link ParserConfig}: 413/513 beyond)
 * @param maxHeaderCount the most header lines in one message ({@link ParserConfig}: 400 beyond)
 * @param maxConnections the most stream connections open at once ({@link TransportConfig})
 * @param maxConnectionsPerAddress the most inbound connections from one IP address
 * @param idleTimeout a stream connection silent this long is closed
 * @param maxBindings the most bindings the location store holds (SQLite store; more get 503)
 * @param maxBindingsPerAor the most bindings one address-of-record may hold (403 beyond)
 * @param minExpires the shortest registration granted (423 below, RFC 3261 §10.3 step 7)
 * @param defaultExpires the registration granted when the REGISTER names none
 * @param maxExpires the longest registration granted (longer ones are shortened)
 * @param shutdownGrace how long a graceful shutdown waits for live transactions to get their final
 *     response before closing anyway
 */
public record Limits(int maxMessageBytes, int maxHeaderCount, int maxConnections, int maxConnectionsPerAddress,
        Duration idleTimeout, int maxBindings, int maxBindingsPerAor, Duration minExpires, Duration defaultExpires,
        Duration maxExpires, Duration shutdownGrace) {

    /** One million bindings: the memory store's default bound (about 1 KB of heap each). */
    public static final int DEFAULT_MAX_BINDINGS = 1_000_000;

    /**
     * 32 s, 64·T1 (RFC 3261 §17.1.2.2 Timer F): the longest a non-INVITE transaction may wait for its
     * answer; INVITEs still ringing then are answered 503 by the closing server.
     */
    public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(32);

    /** The layers' defaults. */
    public static final Limits DEFAULTS = new Limits(ParserConfig.DEFAULT_MAX_MESSAGE_BYTES,
            ParserConfig.DEFAULT_MAX_HEADER_COUNT, TransportConfig.DEFAULT_MAX_CONNECTIONS,
            TransportConfig.DEFAULT_MAX_CONNECTIONS_PER_ADDRESS, TransportConfig.DEFAULT_IDLE_TIMEOUT,
            DEFAULT_MAX_BINDINGS, RegistrarConfig.DEFAULT_MAX_BINDINGS_PER_AOR, RegistrarConfig.DEFAULT_MIN_EXPIRES,
            RegistrarConfig.DEFAULT_EXPIRES, RegistrarConfig.DEFAULT_MAX_EXPIRES, DEFAULT_SHUTDOWN_GRACE);

    /**
     * Checks the values by building the layers' records from them, so the file is refused at load
     * time with the layer's own message.
     */
    public Limits {
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(minExpires, "minExpires");
        Objects.requireNonNull(defaultExpires, "defaultExpires");
        Objects.requireNonNull(maxExpires, "maxExpires");
        Objects.requireNonNull(shutdownGrace, "shutdownGrace");
        new ParserConfig(maxMessageBytes, maxHeaderCount);
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1, was " + maxConnections);
        }
        if (maxConnectionsPerAddress < 1 || maxConnectionsPerAddress > maxConnections) {
            throw new IllegalArgumentException("maxConnectionsPerAddress must be 1.." + maxConnections + ", was "
                    + maxConnectionsPerAddress);
        }
        if (idleTimeout.toMillis() < 1) {
            throw new IllegalArgumentException("idleTimeout must be at least 1ms, was "
                    + Durations.format(idleTimeout));
        }
        if (maxBindings < 1) {
            throw new IllegalArgumentException("maxBindings must be at least 1, was " + maxBindings);
        }
        RegistrarConfig.forDomain("check.invalid").withExpires(minExpires, defaultExpires, maxExpires)
                .withMaxBindingsPerAor(maxBindingsPerAor);
        if (shutdownGrace.isNegative()) {
            throw new IllegalArgumentException("shutdownGrace must not be negative, was " + shutdownGrace);
        }
    }

    /** The parser bounds. */
    public ParserConfig parser() {
        return new ParserConfig(maxMessageBytes, maxHeaderCount);
    }
}
