package org.parley.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.parley.message.ParserConfig;
import org.parley.message.SipParseException;
import org.parley.message.SipParser;

/**
 * Turns each WebSocket message of a WS connection into one SIP message (RFC 7118 §5.1) and
 * delivers it. Text and binary messages are both accepted; a message fragmented over several
 * frames is reassembled (RFC 6455 §5.4) up to the parser's message bound, and one over it closes
 * the connection with status 1009 (RFC 6455 §7.4.1). Each message is parsed as a datagram is:
 * WebSocket frames the message, so Content-Length is optional (RFC 7118 §5.1, RFC 3261 §18.3). A
 * malformed request is answered (400, 505) on the same connection when it names where to. A ping
 * is answered with a pong carrying its data (RFC 6455 §5.5.2, §5.5.3); a close is echoed, then the
 * connection closes (§5.5.1). {@link #handshake()} completes once the upgrade is done: on a
 * connection this layer opened, once the server accepted it with subprotocol {@code sip}, which
 * RFC 7118 §4 requires.
 * Confined to the connection's event loop.
 */
final class WebSocketInbound extends ChannelInboundHandlerAdapter {
    private final SipParser parser;
    private final int maxMessageBytes;
    private final Delivery delivery;
    private final Transport transport;
    private final CompletableFuture<Void> handshake = new CompletableFuture<>();
    /** The fragments so far of a message whose final frame has not come, or null. */
    private ByteArrayOutputStream partial;

    WebSocketInbound(ParserConfig config, Delivery delivery, Transport transport) {
        this.parser = new SipParser(config);
        this.maxMessageBytes = config.maxMessageBytes();
        this.delivery = delivery;
        this.transport = transport;
    }

    /**
     * Completes when the connection's handshake succeeded, on either side; fails when the
     * connection closes or the handshake fails first.
     */
    CompletableFuture<Void> handshake() {
        return handshake;
    }

    /** Called by {@link WebSocketUpgrade} once the server side answered 101. */
    void upgraded() {
        handshake.complete(null);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof WebSocketFrame frame)) {
            // Nothing but frames reaches here once upgraded; anything else is dropped.
            ReferenceCountUtil.release(msg);
            return;
        }
        try {
            read(ctx, frame);
        } finally {
            frame.release();
        }
    }

    private void read(ChannelHandlerContext ctx, WebSocketFrame frame) {
        switch (frame) {
            case PingWebSocketFrame ping -> ctx.writeAndFlush(new PongWebSocketFrame(ping.content().retain()));
            case PongWebSocketFrame pong -> {
                // An answer to a ping of ours, or unsolicited (RFC 6455 §5.5.3): nothing to do.
            }
            case CloseWebSocketFrame close -> ctx.writeAndFlush(new CloseWebSocketFrame(true, 0,
                    close.content().retain())).addListener(ChannelFutureListener.CLOSE);
            case ContinuationWebSocketFrame more -> {
                if (partial == null) {
                    closeWith(ctx, WebSocketCloseStatus.PROTOCOL_ERROR, "continuation without a first frame");
                } else {
                    append(ctx, more);
                }
            }
            default -> {
                if (partial != null) {
                    // RFC 6455 §5.4: a new message may not start inside a fragmented one.
                    closeWith(ctx, WebSocketCloseStatus.PROTOCOL_ERROR, "new message inside a fragmented one");
                    return;
                }
                partial = new ByteArrayOutputStream();
                append(ctx, frame);
            }
        }
    }

    private void append(ChannelHandlerContext ctx, WebSocketFrame frame) {
        ByteBuf content = frame.content();
        if (partial.size() + content.readableBytes() > maxMessageBytes) {
            int size = partial.size() + content.readableBytes();
            partial = null;
            delivery.malformed(null, new SipParseException("WebSocket message of at least " + size
                    + " bytes exceeds the limit of " + maxMessageBytes, maxMessageBytes, 413, "Message Too Large"),
                    source(ctx));
            closeWith(ctx, WebSocketCloseStatus.MESSAGE_TOO_BIG, "SIP message over " + maxMessageBytes + " bytes");
            return;
        }
        partial.writeBytes(ByteBufUtil.getBytes(content));
        if (frame.isFinalFragment()) {
            byte[] message = partial.toByteArray();
            partial = null;
            deliver(ctx, message);
        }
    }

    private void deliver(ChannelHandlerContext ctx, byte[] bytes) {
        if (bytes.length == 0) {
            return;
        }
        Source source = source(ctx);
        Optional<byte[]> answer;
        try {
            answer = delivery.deliver(parser.parseDatagram(bytes), source, bytes);
        } catch (SipParseException e) {
            answer = delivery.malformed(bytes, e, source);
        }
        answer.ifPresent(a -> ctx.writeAndFlush(Unpooled.wrappedBuffer(a)));
    }

    private Source source(ChannelHandlerContext ctx) {
        return new Source(transport, (InetSocketAddress) ctx.channel().remoteAddress(),
                (InetSocketAddress) ctx.channel().localAddress(), ConnectionTable.idOf(ctx.channel()));
    }

    private static void closeWith(ChannelHandlerContext ctx, WebSocketCloseStatus status, String reason) {
        ctx.writeAndFlush(new CloseWebSocketFrame(status, reason)).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent) {
            // No traffic either way for the idle timeout: the flow is dead or abandoned.
            delivery.countIdleClose();
            ctx.close();
        } else if (event == ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
            String chosen = ctx.pipeline().get(WebSocketClientProtocolHandler.class).handshaker()
                    .actualSubprotocol();
            if (WebSocketConfig.SUBPROTOCOL.equals(chosen)) {
                handshake.complete(null);
            } else {
                // RFC 7118 §4: a 101 reply without "sip" is no SIP WebSocket connection.
                handshake.completeExceptionally(new IllegalStateException(
                        "the WebSocket server did not accept subprotocol \"sip\" (RFC 7118 §4), it chose " + chosen));
                closeWith(ctx, WebSocketCloseStatus.PROTOCOL_ERROR, "subprotocol sip required");
            }
        } else if (event == ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
            handshake.completeExceptionally(new IllegalStateException("WebSocket handshake timed out"));
            ctx.close();
        } else {
            ctx.fireUserEventTriggered(event);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        partial = null;
        handshake.completeExceptionally(new IllegalStateException(
                "the connection closed before the WebSocket handshake completed"));
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A failed handshake, reset or other I/O failure ends this connection only (STYLE.md §5).
        handshake.completeExceptionally(new IllegalStateException("WebSocket handshake failed: "
                + cause.getMessage(), cause));
        ctx.close();
    }
}
