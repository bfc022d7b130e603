package org.parley.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleStateEvent;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import org.parley.message.Frame;
import org.parley.message.ParserConfig;
import org.parley.message.SipParseException;
import org.parley.message.StreamFramer;
import org.parley.transport.internal.SipDomainNames;

/**
 * Frames one TCP connection's bytes into messages (RFC 3261 §18.3, by Content-Length) and delivers
 * them; answers CRLFCRLF keep-alive pings with a CRLF pong (RFC 5626 §3.5.1). A message that frames
 * but does not parse is answered when it can be (400, 505) and the stream goes on; broken framing
 * closes the connection, since the next message's start can no longer be found (RFC 4475
 * §3.1.2.3). Over TLS it sits behind the SslHandler, so it sees plaintext, and each message's
 * {@link Source} carries the peer's verified certificate identities. Confined to the connection's
 * event loop.
 */
final class StreamInbound extends ChannelInboundHandlerAdapter {
    private static final byte[] PONG = {'\r', '\n'};

    private final StreamFramer framer;
    private final Delivery delivery;
    private final Transport transport;
    /** The TLS peer's identities, read from the session at the first message; null before. */
    private List<String> peerIdentities;

    StreamInbound(ParserConfig config, Delivery delivery, Transport transport) {
        this.framer = new StreamFramer(config);
        this.delivery = delivery;
        this.transport = transport;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf buf = (ByteBuf) msg;
        Source source = new Source(transport, (InetSocketAddress) ctx.channel().remoteAddress(),
                (InetSocketAddress) ctx.channel().localAddress(), ConnectionTable.idOf(ctx.channel()),
                peerIdentities(ctx));
        try {
            byte[] bytes = ByteBufUtil.getBytes(buf);
            framer.feed(bytes);
            drain(ctx, source);
        } catch (SipParseException e) {
            delivery.malformed(null, e, source);
            ctx.close();
        } finally {
            buf.release();
        }
    }

    private List<String> peerIdentities(ChannelHandlerContext ctx) {
        if (peerIdentities == null) {
            // Plaintext only arrives after the handshake, so the session holds the verified chain.
            SslHandler ssl = ctx.pipeline().get(SslHandler.class);
            peerIdentities = ssl == null ? List.of() : SipDomainNames.peerIdentities(ssl.engine().getSession());
        }
        return peerIdentities;
    }

    private void drain(ChannelHandlerContext ctx, Source source) {
        while (true) {
            Optional<Frame> frame;
            try {
                frame = framer.next();
            } catch (SipParseException e) {
                if (framer.isBroken()) {
                    delivery.malformed(null, e, source);
                    ctx.close();
                    return;
                }
                // It framed but did not parse: answer it when it says where to, then go on.
                delivery.malformed(framer.rejectedMessage().orElse(null), e, source)
                        .ifPresent(a -> ctx.writeAndFlush(Unpooled.wrappedBuffer(a)));
                continue;
            }
            if (frame.isEmpty()) {
                return;
            }
            switch (frame.get()) {
                case Frame.Message m -> delivery.deliver(m.message(), source, null)
                        .ifPresent(a -> ctx.writeAndFlush(Unpooled.wrappedBuffer(a)));
                case Frame.Ping p -> {
                    delivery.countPing();
                    ctx.writeAndFlush(Unpooled.wrappedBuffer(PONG));
                }
                case Frame.Pong p -> {
                    // A pong answers our own ping; the flow is alive and nothing more is to be done.
                }
            }
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent) {
            // No traffic either way for the idle timeout: the flow is dead or abandoned.
            delivery.countIdleClose();
            ctx.close();
        } else if (event instanceof SslHandshakeCompletionEvent done && !done.isSuccess()) {
            // The SslHandler closes the connection; the failure is counted here.
            delivery.countHandshakeFailure(new Source(transport, (InetSocketAddress) ctx.channel().remoteAddress(),
                    (InetSocketAddress) ctx.channel().localAddress(), 0), done.cause());
            ctx.fireUserEventTriggered(event);
        } else {
            ctx.fireUserEventTriggered(event);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A reset or other I/O failure ends this connection only (STYLE.md §5).
        ctx.close();
    }
}
