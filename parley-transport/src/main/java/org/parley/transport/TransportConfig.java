package org.parley.transport;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.parley.message.ParserConfig;
import org.parley.transport.tls.TlsConfig;

/**
 * The transport layer's configuration. Immutable; checked when built.
 *
 * @param listeners the sockets to listen on
 * @param parser bounds on inbound messages (size, header count)
 * @param maxConnections the most stream connections open at once, inbound and outbound
 * @param maxConnectionsPerAddress the most inbound stream connections from one remote IP address
 * @param ioThreads event-loop threads
 * @param idleTimeout a stream connection with no traffic either way for this long is closed
 * @param nativeTransport use native epoll when the platform has it (then a UDP listener binds one
 *     {@code SO_REUSEPORT} socket per event loop); false forces NIO everywhere
 * @param tls the TLS configuration, needed by TLS listeners and for sending to TLS targets
 * @param webSocket paths, origins and outbound path of SIP over WebSocket (RFC 7118)
 */
public record TransportConfig(List<ListenerConfig> listeners, ParserConfig parser, int maxConnections,
        int maxConnectionsPerAddress, int ioThreads, Duration idleTimeout, boolean nativeTransport,
        Optional<TlsConfig> tls, WebSocketConfig webSocket) {

    /** 10,000 connections: a registrar's phones on TCP, with room; one file descriptor each. */
    public static final int DEFAULT_MAX_CONNECTIONS = 10_000;

    /** 64 connections from one IP address: enough for a NAT with many phones, not for a flood. */
    public static final int DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = 64;

    /**
     * 5 minutes: RFC 5626 §4.4.1 has clients send a keep-alive on a TCP flow every 95 to 120 s, so a
     * live flow is never idle this long, while a dead one is reclaimed.
     */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(5);

    /** Checks the values and copies the list. */
    public TransportConfig {
        listeners = List.copyOf(listeners);
        Objects.requireNonNull(parser, "parser");
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1, was " + maxConnections);
        }
        if (maxConnectionsPerAddress < 1 || maxConnectionsPerAddress > maxConnections) {
            throw new IllegalArgumentException("maxConnectionsPerAddress must be 1.." + maxConnections + ", was "
                    + maxConnectionsPerAddress);
        }
        if (ioThreads < 1 || ioThreads > 256) {
            throw new IllegalArgumentException("ioThreads must be 1..256, was " + ioThreads);
        }
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (idleTimeout.toMillis() < 1) {
            throw new IllegalArgumentException("idleTimeout must be at least 1 ms, was " + idleTimeout);
        }
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(webSocket, "webSocket");
    }

    /**
     * A configuration without TLS, with {@link WebSocketConfig#DEFAULT}, that uses the native
     * transport when available (the default).
     */
    public TransportConfig(List<ListenerConfig> listeners, ParserConfig parser, int maxConnections,
            int maxConnectionsPerAddress, int ioThreads, Duration idleTimeout) {
        this(listeners, parser, maxConnections, maxConnectionsPerAddress, ioThreads, idleTimeout, true,
                Optional.empty(), WebSocketConfig.DEFAULT);
    }

    /** This configuration with {@code tls} for its TLS listeners and TLS targets. */
    public TransportConfig withTls(TlsConfig tls) {
        return new TransportConfig(listeners, parser, maxConnections, maxConnectionsPerAddress, ioThreads, idleTimeout,
                nativeTransport, Optional.of(tls), webSocket);
    }

    /** This configuration with other WebSocket settings. */
    public TransportConfig withWebSocket(WebSocketConfig settings) {
        return new TransportConfig(listeners, parser, maxConnections, maxConnectionsPerAddress, ioThreads,
                idleTimeout, nativeTransport, tls, settings);
    }

    /**
     * This configuration with native epoll allowed ({@code true}, the default) or NIO forced
     * ({@code false}), e.g. to compare the two or to work around a platform problem.
     */
    public TransportConfig withNativeTransport(boolean nativeTransport) {
        return new TransportConfig(listeners, parser, maxConnections, maxConnectionsPerAddress, ioThreads,
                idleTimeout, nativeTransport, tls, webSocket);
    }

    /** This configuration with {@code ioThreads} event-loop threads (checked as in the constructor). */
    public TransportConfig withIoThreads(int ioThreads) {
        return new TransportConfig(listeners, parser, maxConnections, maxConnectionsPerAddress, ioThreads,
                idleTimeout, nativeTransport, tls, webSocket);
    }

    /** These listeners with the default bounds and one event-loop thread per core. */
    public static TransportConfig of(List<ListenerConfig> listeners) {
        return new TransportConfig(listeners, ParserConfig.DEFAULT, DEFAULT_MAX_CONNECTIONS,
                DEFAULT_MAX_CONNECTIONS_PER_ADDRESS, Math.max(1, Runtime.getRuntime().availableProcessors()),
                DEFAULT_IDLE_TIMEOUT);
    }
}
