package org.parley.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.message.ParserConfig;

/** {@link StreamInbound} on an {@link EmbeddedChannel}: framing at every split, pings, bounds, no leaks. */
class StreamInboundTest {
    private static final InetSocketAddress REMOTE = new InetSocketAddress("127.0.0.1", 40_000);
    private static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 5060);

    private final List<Inbound> delivered = new ArrayList<>();
    private final TransportStats stats = new TransportStats();

    /** An embedded channel with socket addresses, as StreamInbound reads them. */
    private static final class TcpLikeChannel extends EmbeddedChannel {
        TcpLikeChannel(StreamInbound handler) {
            super(handler);
        }

        @Override
        protected SocketAddress remoteAddress0() {
            return REMOTE;
        }

        @Override
        protected SocketAddress localAddress0() {
            return LOCAL;
        }
    }

    private TcpLikeChannel channel(ParserConfig config) {
        Delivery delivery = new Delivery(delivered::add, stats, InstantSource.system());
        return new TcpLikeChannel(new StreamInbound(config, delivery, Transport.TCP));
    }

    private static String options(String callId, String body) {
        return "OPTIONS sip:bob@127.0.0.1 SIP/2.0\r\n"
                + "Via: SIP/2.0/TCP 127.0.0.1:40000;branch=z9hG4bK-" + callId + "\r\n"
                + "Max-Forwards: 70\r\nFrom: <sip:alice@127.0.0.1>;tag=a1\r\nTo: <sip:bob@127.0.0.1>\r\n"
                + "Call-ID: " + callId + "\r\nCSeq: 1 OPTIONS\r\nContent-Type: text/plain\r\n"
                + "Content-Length: " + body.length() + "\r\n\r\n" + body;
    }

    private static ByteBuf copy(byte[] bytes, int from, int to) {
        return Unpooled.copiedBuffer(bytes, from, to - from);
    }

    private static String drainOutbound(EmbeddedChannel ch) {
        StringBuilder out = new StringBuilder();
        for (ByteBuf b = ch.readOutbound(); b != null; b = ch.readOutbound()) {
            out.append(b.toString(StandardCharsets.UTF_8));
            b.release();
        }
        return out.toString();
    }

    @Test
    void framesPipelinedMessagesAndAPingSplitAtEveryByteBoundary() {
        byte[] stream = (options("one", "hello") + "\r\n\r\n" + options("two", ""))
                .getBytes(StandardCharsets.UTF_8);
        for (int split = 1; split < stream.length; split++) {
            delivered.clear();
            TcpLikeChannel ch = channel(ParserConfig.DEFAULT);
            ByteBuf first = copy(stream, 0, split);
            ByteBuf second = copy(stream, split, stream.length);
            ch.writeInbound(first, second);
            assertThat(delivered).as("split at %d", split).extracting(in -> in.message().callId())
                    .containsExactly("one", "two");
            assertThat(new String(delivered.get(0).message().body(), StandardCharsets.UTF_8)).isEqualTo("hello");
            // RFC 5626 §3.5.1: the CRLFCRLF between the messages is a ping, answered with CRLF.
            assertThat(drainOutbound(ch)).as("split at %d", split).isEqualTo("\r\n");
            assertThat(first.refCnt()).as("first piece released").isZero();
            assertThat(second.refCnt()).as("second piece released").isZero();
            assertThat(ch.isActive()).isTrue();
            assertThat(ch.finish()).isFalse();
        }
    }

    @Test
    void framesAStreamFedOneByteAtATime() {
        byte[] stream = (options("a", "x") + options("b", "yz") + options("c", "")).getBytes(StandardCharsets.UTF_8);
        TcpLikeChannel ch = channel(ParserConfig.DEFAULT);
        for (int i = 0; i < stream.length; i++) {
            ch.writeInbound(copy(stream, i, i + 1));
        }
        assertThat(delivered).extracting(in -> in.message().callId()).containsExactly("a", "b", "c");
        assertThat(delivered).allSatisfy(in -> {
            assertThat(in.source().transport()).isEqualTo(Transport.TCP);
            assertThat(in.source().remote()).isEqualTo(REMOTE);
        });
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void closesTheConnectionWhenAMessageExceedsTheBound() {
        TcpLikeChannel ch = channel(new ParserConfig(1_024, 64));
        String big = options("big", "x".repeat(2_000));
        ByteBuf in = Unpooled.copiedBuffer(big, StandardCharsets.UTF_8);
        ch.writeInbound(in);
        assertThat(delivered).isEmpty();
        assertThat(stats.malformed()).isEqualTo(1);
        assertThat(ch.isActive()).as("framing cannot go on past an oversized message").isFalse();
        assertThat(in.refCnt()).isZero();
        drainOutbound(ch);
        ch.finishAndReleaseAll();
    }

    @Test
    void answersAMessageThatFramesButDoesNotParseAndGoesOn() {
        TcpLikeChannel ch = channel(ParserConfig.DEFAULT);
        // The parser is lazy: a message frames and parses when its start line and header lines
        // do; a bad SIP version is found at once (RFC 3261 §8.2.6.2 answers it; RFC 4475 badvers).
        String broken = options("bad", "").replace("SIP/2.0\r\nVia", "SIP/7.0\r\nVia");
        ch.writeInbound(Unpooled.copiedBuffer(broken + options("good", ""), StandardCharsets.UTF_8));
        assertThat(drainOutbound(ch)).startsWith("SIP/2.0 505 ");
        assertThat(delivered).extracting(in -> in.message().callId()).containsExactly("good");
        assertThat(stats.answeredMalformed()).isEqualTo(1);
        assertThat(ch.isActive()).isTrue();
        assertThat(ch.finish()).isFalse();
    }
}
