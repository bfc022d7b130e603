package org.parley.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.Utf8FrameValidator;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.parley.transport.internal.TlsContexts;
import org.parley.transport.resolve.Target;

/**
 * Builds the pipeline of one stream connection, inbound or outbound: the transport's own layers
 * (none for TCP; for TLS an SslHandler, or a SniHandler choosing the certificate, RFC 6066 §3;
 * for WS the HTTP/1.1 upgrade to WebSocket), the idle timer, then the SIP framing of
 * {@link StreamInbound} (TCP, TLS) or {@link WebSocketInbound} (WS, one SIP message per WebSocket
 * message). An inbound connection is counted against the connection limits as it arrives; an
 * outbound one is counted by its sender once connected (for TLS, once the handshake succeeded; for
 * WS, once {@link #ready(Channel)}). Thread-safe: immutable after construction.
 *
 * <pre>
 *   TLS:  SslHandler | SniHandler ─► IdleStateHandler ─► StreamInbound
 *   TCP:                             IdleStateHandler ─► StreamInbound
 *   WSS: SslHandler | SniHandler, then the WS pipeline below
 *   WS accepted: HttpServerCodec ─ HttpObjectAggregator ─ WebSocketUpgrade ─ Utf8FrameValidator
 *                ─ WebSocketFrames (out) ─ IdleStateHandler ─ WebSocketInbound
 *   WS opened:   HttpClientCodec ─ HttpObjectAggregator ─ WebSocketClientProtocolHandler
 *                ─ Utf8FrameValidator ─ WebSocketFrames (out) ─ IdleStateHandler ─ WebSocketInbound
 * </pre>
 */
final class StreamChannels {
    /** The largest HTTP handshake accepted; a GET upgrade has headers only. */
    private static final int MAX_HANDSHAKE_BYTES = 8 * 1024;
    /** How long an opened WebSocket connection waits for the server's 101 reply. */
    private static final long HANDSHAKE_TIMEOUT_MILLIS = 5_000;

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
                if (transport.isSecure()) {
                    // TLS and WSS: TLS first; for WSS the HTTP upgrade runs inside it (RFC 7118 §3).
                    ch.pipeline().addLast(tls.orElseThrow().serverHandler(ch.alloc()));
                }
                if (isWebSocket(transport)) {
                    ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(MAX_HANDSHAKE_BYTES),
                            new WebSocketUpgrade(config.webSocket(), config.parser().maxMessageBytes(), stats));
                }
                addSipLayers(ch, transport);
            }
        };
    }

    /**
     * The initializer for a connection this layer opens to {@code target}; for WS it asks for
     * {@link WebSocketConfig#outboundPath()} with subprotocol {@code sip} (RFC 7118 §4).
     *
     * @throws IllegalArgumentException when the target's host name cannot form a WebSocket URI
     */
    ChannelInitializer<SocketChannel> opened(Target target) {
        Transport transport = target.transport();
        URI uri = isWebSocket(transport) ? webSocketUri(target) : null;
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                // Initialized before it connects; the sender registers it once ready.
                if (transport.isSecure()) {
                    ch.pipeline().addLast(tls.orElseThrow().clientHandler(ch.alloc(), target.hostName(),
                            target.address().getPort()));
                }
                if (uri != null) {
                    WebSocketClientProtocolConfig ws = WebSocketClientProtocolConfig.newBuilder().webSocketUri(uri)
                            .subprotocol(WebSocketConfig.SUBPROTOCOL).allowExtensions(false)
                            .maxFramePayloadLength(config.parser().maxMessageBytes())
                            .handleCloseFrames(false).dropPongFrames(false).withUTF8Validator(false)
                            .handshakeTimeoutMillis(HANDSHAKE_TIMEOUT_MILLIS).build();
                    ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(MAX_HANDSHAKE_BYTES),
                            new WebSocketClientProtocolHandler(ws));
                }
                addSipLayers(ch, transport);
            }
        };
    }

    /**
     * Completes when a connected channel can carry SIP messages: at once for TCP, after the
     * handshake for WS, inbound or outbound; fails when the handshake does.
     */
    static CompletableFuture<Void> ready(Channel channel) {
        WebSocketInbound ws = channel.pipeline().get(WebSocketInbound.class);
        return ws == null ? CompletableFuture.completedFuture(null) : ws.handshake();
    }

    /** The stream transports this layer listens and connects on. */
    static final Set<Transport> STREAM_TRANSPORTS = Set.of(Transport.TCP, Transport.TLS, Transport.WS, Transport.WSS);

    /** True for WS and WSS (RFC 7118). */
    static boolean isWebSocket(Transport transport) {
        return transport.equals(Transport.WS) || transport.equals(Transport.WSS);
    }

    private URI webSocketUri(Target target) {
        String host = target.hostName().isEmpty() ? target.address().getHostString() : target.hostName();
        try {
            String scheme = target.transport().isSecure() ? "wss" : "ws";
            return new URI(scheme, null, host, target.address().getPort(), config.webSocket().outboundPath(), null,
                    null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("cannot form a WebSocket URI for host " + host + ": "
                    + e.getMessage(), e);
        }
    }

    private void addSipLayers(SocketChannel ch, Transport transport) {
        long idle = config.idleTimeout().toMillis();
        ChannelPipeline p = ch.pipeline();
        if (isWebSocket(transport)) {
            p.addLast(new Utf8FrameValidator(), new WebSocketFrames());
        }
        p.addLast(new IdleStateHandler(0, 0, idle, TimeUnit.MILLISECONDS));
        p.addLast(isWebSocket(transport) ? new WebSocketInbound(config.parser(), delivery, transport)
                : new StreamInbound(config.parser(), delivery, transport));
    }
}
