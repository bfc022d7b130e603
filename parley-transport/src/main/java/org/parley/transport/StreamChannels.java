package org.parley.transport;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;

/**
 * Builds the pipeline of one stream connection, inbound or outbound: the transport's own layers
 * (none for TCP), the idle timer, then the SIP framing of {@link StreamInbound}. An inbound
 * connection is counted against the connection limits as it arrives; an outbound one is counted
 * by its sender once connected.
 */
final class StreamChannels {
    private final TransportConfig config;
    private final Delivery delivery;
    private final ConnectionTable connections;
    private final TransportStats stats;

    StreamChannels(TransportConfig config, Delivery delivery, ConnectionTable connections, TransportStats stats) {
        this.config = config;
        this.delivery = delivery;
        this.connections = connections;
        this.stats = stats;
    }

    /** The initializer for connections a listener of {@code transport} accepts. */
    ChannelInitializer<SocketChannel> accepted(Transport transport) {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                if (!connections.add(ch, true)) {
                    stats.refusedConnections.increment();
                    ch.close();
                    return;
                }
                addSipLayers(ch, transport);
            }
        };
    }

    /** The initializer for a connection this layer opens over {@code transport}. */
    ChannelInitializer<SocketChannel> opened(Transport transport) {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                // Initialized before it connects; the sender registers it once connected.
                addSipLayers(ch, transport);
            }
        };
    }

    private void addSipLayers(SocketChannel ch, Transport transport) {
        long idle = config.idleTimeout().toMillis();
        ch.pipeline().addLast(new IdleStateHandler(0, 0, idle, TimeUnit.MILLISECONDS));
        ch.pipeline().addLast(new StreamInbound(config.parser(), delivery, transport));
    }
}
