package org.parley.transport;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * One listening socket: a transport and the address it binds (port 0 for an ephemeral port).
 * Immutable.
 *
 * @param transport UDP, TCP, TLS, WS or WSS (TLS and WSS listeners need {@link TransportConfig#tls()};
 *     WebSocket settings are in {@link TransportConfig#webSocket()})
 * @param address the local address to bind
 */
public record ListenerConfig(Transport transport, InetSocketAddress address) {
    /** Checks the parts. */
    public ListenerConfig {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(address, "address");
        if (!transport.equals(Transport.UDP) && !StreamChannels.STREAM_TRANSPORTS.contains(transport)) {
            throw new IllegalArgumentException("listener transport must be UDP, TCP, TLS, WS or WSS, was " + transport);
        }
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("listener address must be numeric, was " + address);
        }
    }
}
