package org.parley.transport;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server side of the WebSocket opening handshake of a WS listener (RFC 6455 §4.2, RFC 7118 §4):
 * checks the request and either completes the upgrade with subprotocol {@code sip} or answers with
 * an HTTP error and closes. Refused: a path not in {@link WebSocketConfig#paths()} (404), a method
 * other than GET (405), a request that is not a WebSocket upgrade (400), an {@code Origin} not
 * allowed (403), and a client that does not offer {@code sip} (400): RFC 7118 §4 requires the 101
 * reply to carry {@code sip}, and RFC 6455 §4.2.2 lets a server select only a subprotocol the
 * client offered, so no conforming upgrade exists. An unknown WebSocket version gets 426 with the
 * version supported (RFC 6455 §4.4). Every refusal is counted. Once upgraded it leaves the pipeline.
 * Confined to the connection's event loop.
 */
final class WebSocketUpgrade extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(WebSocketUpgrade.class);

    private final WebSocketConfig config;
    private final int maxMessageBytes;
    private final TransportStats stats;

    WebSocketUpgrade(WebSocketConfig config, int maxMessageBytes, TransportStats stats) {
        this.config = config;
        this.maxMessageBytes = maxMessageBytes;
        this.stats = stats;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (!request.decoderResult().isSuccess()) {
            refuse(ctx, HttpResponseStatus.BAD_REQUEST, "malformed HTTP request");
            return;
        }
        String path = new QueryStringDecoder(request.uri()).path();
        if (!config.paths().contains(path)) {
            refuse(ctx, HttpResponseStatus.NOT_FOUND, "no SIP WebSocket endpoint at " + path);
            return;
        }
        if (!request.method().equals(HttpMethod.GET)) {
            refuse(ctx, HttpResponseStatus.METHOD_NOT_ALLOWED, "a WebSocket upgrade is a GET (RFC 6455 §4.1)");
            return;
        }
        if (!request.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)) {
            refuse(ctx, HttpResponseStatus.BAD_REQUEST, "expected a WebSocket upgrade (RFC 6455 §4.2.1)");
            return;
        }
        String origin = request.headers().get(HttpHeaderNames.ORIGIN);
        if (!config.isOriginAllowed(origin)) {
            refuse(ctx, HttpResponseStatus.FORBIDDEN, "origin " + origin + " is not allowed");
            return;
        }
        if (!offersSip(request.headers().getAll(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL))) {
            refuse(ctx, HttpResponseStatus.BAD_REQUEST,
                    "the WebSocket client must offer subprotocol \"sip\" (RFC 7118 §4)");
            return;
        }
        WebSocketDecoderConfig decoder = WebSocketDecoderConfig.newBuilder()
                .maxFramePayloadLength(maxMessageBytes).allowExtensions(false).closeOnProtocolViolation(true)
                .build();
        WebSocketServerHandshaker handshaker = new WebSocketServerHandshakerFactory(path,
                WebSocketConfig.SUBPROTOCOL, decoder).newHandshaker(request);
        if (handshaker == null) {
            stats.refusedUpgrades.increment();
            WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel())
                    .addListener(ChannelFutureListener.CLOSE);
            return;
        }
        ChannelFuture upgraded;
        try {
            upgraded = handshaker.handshake(ctx.channel(), request);
        } catch (WebSocketHandshakeException e) {
            // E.g. no Sec-WebSocket-Key (RFC 6455 §4.2.1 item 5).
            refuse(ctx, HttpResponseStatus.BAD_REQUEST, "bad WebSocket handshake: " + e.getMessage());
            return;
        }
        upgraded.addListener(f -> {
            if (f.isSuccess()) {
                WebSocketInbound inbound = ctx.pipeline().get(WebSocketInbound.class);
                ctx.pipeline().remove(this);
                inbound.upgraded();
            } else {
                stats.refusedUpgrades.increment();
                ctx.close();
            }
        });
    }

    /** True when one of the {@code Sec-WebSocket-Protocol} headers lists {@code sip} (RFC 6455 §4.1 item 10). */
    static boolean offersSip(Iterable<String> headerValues) {
        for (String value : headerValues) {
            if (Arrays.stream(value.split(",")).map(String::trim).anyMatch(WebSocketConfig.SUBPROTOCOL::equals)) {
                return true;
            }
        }
        return false;
    }

    private void refuse(ChannelHandlerContext ctx, HttpResponseStatus status, String reason) {
        stats.refusedUpgrades.increment();
        LOG.debug("refused a WebSocket upgrade from {}: {} {}", ctx.channel().remoteAddress(), status.code(),
                reason);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.copiedBuffer(reason + "\r\n", StandardCharsets.UTF_8));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes())
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A broken handshake or reset ends this connection only (STYLE.md §5).
        ctx.close();
    }
}
