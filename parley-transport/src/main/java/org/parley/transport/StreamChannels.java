package org.parley.transport;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.parley.transport.internal.TlsContexts;
import org.parley.transport.resolve.Target;

/**
 * Builds the pipeline of one stream connection, inbound or outbound: the transport's own layers
 * (none for TCP; for TLS an SslHandler, or a SniHandler choosing the certificate, RFC 6066 §3),
 * the idle timer, then the SIP framing of {@link StreamInbound}. An inbound connection is counted
 * against the connection limits as it arrives; an outbound one is counted by its sender once
 * connected (for TLS, once the handshake succeeded). Thread-safe: immutable after construction.
 *
 * <pre>
 *   TLS:  SslHandler | SniHandler ─► IdleStateHandler ─► StreamInbound
 *   TCP:                             IdleStateHandler ─► StreamInbound
 * </pre>
 */
final class StreamChannels {
    private final TransportConfig config;
    private final Delivery delivery;
    private final ConnectionTable connections;
    private final TransportStats stats;
    private final Optional<TlsContexts> tls;

    StreamChannels(TransportConfig config, Delivery delivery, ConnectionTable connections, TransportStats stats,
            Optional<TlsContexts> tls) {
        this.config = config;
        this.delivery = delivery;
        this.connections = connections;
        this.stats = stats;
        this.tls = tls;
    }

    /** The initializer for connections a listener of {@code transport} accepts. */
    ChannelInitializer<SocketChannel> accepted(Transport transport) {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                if (!connections.add(ch, transport, true)) {
                    stats.refusedConnections.increment();
                    ch.close();
                    return;
                }
                if (transport.equals(Transport.TLS)) {
                    ch.pipeline().addLast(tls.orElseThrow().serverHandler(ch.alloc()));
                }
                addSipLayers(ch, transport);
            }
        };
    }

    /**
     * The initializer for a connection this layer opens to {@code target}; over TLS, the handshake
     * starts on connect and checks the server's certificate for the target's host name (RFC 5922 §7).
     */
    ChannelInitializer<SocketChannel> opened(Target target) {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                // Initialized before it connects; the sender registers it once connected.
                if (target.transport().equals(Transport.TLS)) {
                    ch.pipeline().addLast(tls.orElseThrow().clientHandler(ch.alloc(), target.hostName(),
                            target.address().getPort()));
                }
                addSipLayers(ch, target.transport());
            }
        };
    }

    private void addSipLayers(SocketChannel ch, Transport transport) {
        long idle = config.idleTimeout().toMillis();
        ch.pipeline().addLast(new IdleStateHandler(0, 0, idle, TimeUnit.MILLISECONDS));
        ch.pipeline().addLast(new StreamInbound(config.parser(), delivery, transport));
    }
}
