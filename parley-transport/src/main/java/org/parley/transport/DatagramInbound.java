package org.parley.transport;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.Optional;
import org.parley.message.SipParseException;
import org.parley.message.SipParser;

/**
 * Parses each datagram of a UDP listener as one message (RFC 3261 §18.3) and delivers it; a
 * malformed request is answered to the packet's source when it can be. Runs on the channel's event
 * loop; shared by nothing else.
 */
final class DatagramInbound extends SimpleChannelInboundHandler<DatagramPacket> {
    private final SipParser parser;
    private final Delivery delivery;

    DatagramInbound(SipParser parser, Delivery delivery) {
        this.parser = parser;
        this.delivery = delivery;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        // The message owns its bytes (SipParser keeps the array), so they are copied out of the
        // pooled buffer once.
        byte[] bytes = ByteBufUtil.getBytes(packet.content());
        InetSocketAddress remote = packet.sender();
        Source source = new Source(Transport.UDP, remote, packet.recipient(), 0);
        Optional<byte[]> answer = bytes.length == 0 ? Optional.empty() : parseAndDeliver(bytes, source);
        answer.ifPresent(a -> ctx.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(a), remote)));
    }

    private Optional<byte[]> parseAndDeliver(byte[] bytes, Source source) {
        try {
            return delivery.deliver(parser.parseDatagram(bytes), source, bytes);
        } catch (SipParseException e) {
            return delivery.malformed(bytes, e, source);
        }
    }
}
