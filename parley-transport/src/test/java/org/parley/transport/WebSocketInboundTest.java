package org.parley.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.message.ParserConfig;

/**
 * {@link WebSocketInbound} with {@link WebSocketFrames} on an {@link EmbeddedChannel}: one SIP
 * message per WebSocket message at every fragment split, the size bound, control frames, 400
 * answers, and no leaked buffers.
 */
class WebSocketInboundTest {
    private static final InetSocketAddress REMOTE = new InetSocketAddress("127.0.0.1", 40_000);
    private static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 5066);

    private final List<Inbound> delivered = new ArrayList<>();
    private final TransportStats stats = new TransportStats();

    /** An embedded channel with socket addresses, as WebSocketInbound reads them. */
    private static final class WsLikeChannel extends EmbeddedChannel {
        WsLikeChannel(WebSocketFrames frames, WebSocketInbound inbound) {
            super(frames, inbound);
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

    private WsLikeChannel channel(ParserConfig config) {
        Delivery delivery = new Delivery(delivered::add, stats, InstantSource.system());
        return new WsLikeChannel(new WebSocketFrames(), new WebSocketInbound(config, delivery, Transport.WS));
    }

    private static String options(String callId) {
        return "OPTIONS sip:bob@127.0.0.1 SIP/2.0\r\n"
                + "Via: SIP/2.0/WS df7jal23ls0d.invalid;branch=z9hG4bK-" + callId + "\r\n"
                + "Max-Forwards: 70\r\nFrom: <sip:alice@127.0.0.1>;tag=a1\r\nTo: <sip:bob@127.0.0.1>\r\n"
                + "Call-ID: " + callId + "\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A real (releasable) buffer even when empty, unlike Unpooled.EMPTY_BUFFER. */
    private static ByteBuf copy(byte[] bytes, int from, int to) {
        return Unpooled.buffer(to - from + 1).writeBytes(bytes, from, to - from);
    }

    @Test
    void deliversAMessageFragmentedAtEverySplit() {
        byte[] message = bytes(options("split"));
        for (int cut = 0; cut <= message.length; cut++) {
            EmbeddedChannel ch = channel(ParserConfig.DEFAULT);
            TextWebSocketFrame first = new TextWebSocketFrame(false, 0, copy(message, 0, cut));
            ContinuationWebSocketFrame last = new ContinuationWebSocketFrame(true, 0,
                    copy(message, cut, message.length));
            ch.writeInbound(first, last);
            assertThat(first.refCnt()).as("first fragment released at cut %d", cut).isZero();
            assertThat(last.refCnt()).isZero();
            assertThat(ch.isOpen()).isTrue();
            assertThat(ch.finishAndReleaseAll()).isFalse();
        }
        assertThat(delivered).hasSize(message.length + 1)
                .allSatisfy(in -> assertThat(in.message().callId()).isEqualTo("split"));
        Inbound one = delivered.get(0);
        assertThat(one.source()).isEqualTo(new Source(Transport.WS, REMOTE, LOCAL, 0));
        // RFC 3261 §18.2.1: the Via names an invalid host, so "received" is added.
        assertThat(one.message().topVia().received()).contains("127.0.0.1");
    }

    @Test
    void takesBinaryMessagesWithoutContentLength() {
        EmbeddedChannel ch = channel(ParserConfig.DEFAULT);
        // RFC 7118 §5.1: the WebSocket message frames the SIP message.
        ch.writeInbound(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(bytes(options("bin")
                .replace("Content-Length: 0\r\n", "")))));
        assertThat(delivered).singleElement().satisfies(in -> assertThat(in.message().callId()).isEqualTo("bin"));
        assertThat(ch.finishAndReleaseAll()).isFalse();
    }

    @Test
    void closesWith1009WhenTheFragmentsOutgrowTheBound() {
        EmbeddedChannel ch = channel(new ParserConfig(1024, 64));
        ContinuationWebSocketFrame tooMuch = new ContinuationWebSocketFrame(false, 0,
                Unpooled.wrappedBuffer(new byte[600]));
        ch.writeInbound(new TextWebSocketFrame(false, 0, Unpooled.wrappedBuffer(new byte[600])), tooMuch);
        assertThat(tooMuch.refCnt()).isZero();
        CloseWebSocketFrame close = ch.readOutbound();
        // RFC 6455 §7.4.1: 1009, a message too big to process.
        assertThat(close.statusCode()).isEqualTo(1009);
        close.release();
        assertThat(ch.isOpen()).isFalse();
        assertThat(stats.malformed()).isEqualTo(1);
        assertThat(delivered).isEmpty();
        ch.finishAndReleaseAll();
    }

    @Test
    void acceptsAMessageExactlyAtTheBound() {
        EmbeddedChannel ch = channel(new ParserConfig(1024, 64));
        String message = options("edge").replace("Content-Length: 0\r\n", "");
        String padded = message.replace("Max-Forwards", "X-Pad: " + "p".repeat(1024 - message.length() - 9)
                + "\r\nMax-Forwards");
        assertThat(padded).hasSize(1024);
        ch.writeInbound(new TextWebSocketFrame(padded));
        assertThat(delivered).singleElement().satisfies(in -> assertThat(in.message().callId()).isEqualTo("edge"));
        assertThat(ch.isOpen()).isTrue();
        ch.finishAndReleaseAll();
    }

    @Test
    void answersPingWithItsDataAndEchoesClose() {
        EmbeddedChannel ch = channel(ParserConfig.DEFAULT);
        ch.writeInbound(new PingWebSocketFrame(Unpooled.wrappedBuffer(bytes("are you there"))));
        PongWebSocketFrame pong = ch.readOutbound();
        // RFC 6455 §5.5.3: the pong carries the ping's application data.
        assertThat(pong.content().toString(StandardCharsets.UTF_8)).isEqualTo("are you there");
        pong.release();

        ch.writeInbound(new CloseWebSocketFrame(1000, "bye"));
        CloseWebSocketFrame echo = ch.readOutbound();
        assertThat(echo.statusCode()).isEqualTo(1000);
        echo.release();
        assertThat(ch.isOpen()).isFalse();
        ch.finishAndReleaseAll();
    }

    @Test
    void answersAMalformedRequestWith400InATextFrame() {
        EmbeddedChannel ch = channel(ParserConfig.DEFAULT);
        ch.writeInbound(new TextWebSocketFrame(options("bad").replace("Content-Length: 0", "Content-Length: 50")));
        WebSocketFrame answer = ch.readOutbound();
        assertThat(answer).isInstanceOf(TextWebSocketFrame.class);
        assertThat(answer.content().toString(StandardCharsets.UTF_8)).startsWith("SIP/2.0 400 ")
                .contains("Call-ID: bad");
        answer.release();
        assertThat(ch.isOpen()).isTrue();
        assertThat(stats.answeredMalformed()).isEqualTo(1);
        ch.finishAndReleaseAll();
    }

    @Test
    void sendsBytesThatAreNotUtf8AsABinaryFrame() {
        EmbeddedChannel ch = channel(ParserConfig.DEFAULT);
        // RFC 6455 §5.6: a text frame must hold UTF-8, so other bytes go out as binary.
        ch.writeOutbound(Unpooled.wrappedBuffer(new byte[] {'S', 'I', 'P', (byte) 0xff}));
        WebSocketFrame out = ch.readOutbound();
        assertThat(out).isInstanceOf(BinaryWebSocketFrame.class);
        assertThat(out.content().readableBytes()).isEqualTo(4);
        out.release();
        ch.finishAndReleaseAll();
    }

    @Test
    void closesOnAContinuationWithoutAFirstFrame() {
        EmbeddedChannel ch = channel(ParserConfig.DEFAULT);
        ch.writeInbound(new ContinuationWebSocketFrame(true, 0, Unpooled.wrappedBuffer(bytes(options("c")))));
        CloseWebSocketFrame close = ch.readOutbound();
        // RFC 6455 §5.4 and §7.4.1: 1002, a protocol error.
        assertThat(close.statusCode()).isEqualTo(1002);
        close.release();
        assertThat(ch.isOpen()).isFalse();
        assertThat(delivered).isEmpty();
        ch.finishAndReleaseAll();
    }
}
