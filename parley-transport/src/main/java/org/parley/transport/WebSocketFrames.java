package org.parley.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Wraps each outgoing SIP message (a {@link ByteBuf} holding exactly one message) into one
 * WebSocket message (RFC 7118 §5.1): a text frame when the bytes are valid UTF-8, which browsers'
 * WebSocket API hands over as a string, else a binary frame (RFC 7118 §5.1 allows both; RFC 6455
 * §5.6 requires text frames to be UTF-8). Lets the rest of the layer write plain bytes to a WS
 * connection as to a TCP one. Confined to the connection's event loop.
 */
final class WebSocketFrames extends MessageToMessageEncoder<ByteBuf> {
    WebSocketFrames() {
        super(ByteBuf.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, ByteBuf message, List<Object> out) {
        // The encoder releases the message after encode; the frame keeps it.
        ByteBuf content = message.retain();
        out.add(ByteBufUtil.isText(content, StandardCharsets.UTF_8) ? new TextWebSocketFrame(content)
                : new BinaryWebSocketFrame(content));
    }
}
