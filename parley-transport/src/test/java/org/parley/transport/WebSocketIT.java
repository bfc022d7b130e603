package org.parley.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.transport.WsPeer.WAIT_MS;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.parley.message.ParserConfig;
import org.parley.message.SipParser;
import org.parley.message.SipRequest;
import org.parley.message.SipResponse;
import org.parley.message.header.Via;
import org.parley.transport.resolve.Target;
import org.parley.transport.tls.TlsConfig;
import org.parley.transport.tls.TlsProvider;

/** SIP over WebSocket (RFC 7118) on real loopback sockets with ephemeral ports. */
class WebSocketIT {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final BlockingQueue<Inbound> inbound = new LinkedBlockingQueue<>();
    private final BlockingQueue<Inbound> inboundB = new LinkedBlockingQueue<>();
    private NettyTransportLayer layer;
    private NettyTransportLayer layerB;

    @AfterEach
    void closeLayers() {
        if (layer != null) {
            layer.close();
        }
        if (layerB != null) {
            layerB.close();
        }
    }

    private NettyTransportLayer start(InetAddress address, ParserConfig parser, WebSocketConfig ws) {
        TransportConfig config = new TransportConfig(List.of(new ListenerConfig(Transport.WS,
                new InetSocketAddress(address, 0))), parser, 100, 16, 1, Duration.ofMinutes(1)).withWebSocket(ws);
        layer = NettyTransportLayer.start(config, inbound::add);
        return layer;
    }

    private NettyTransportLayer start() {
        return start(LOOPBACK, ParserConfig.DEFAULT, WebSocketConfig.DEFAULT);
    }

    private URI uri(String path) {
        InetSocketAddress ws = layer.localAddresses(Transport.WS).get(0);
        String host = ws.getAddress().getHostAddress();
        host = host.indexOf(':') >= 0 ? "[" + host.replaceAll("%.*", "") + "]" : host;
        return URI.create("ws://" + host + ":" + ws.getPort() + path);
    }

    private static String options(String via, String callId) {
        return "OPTIONS sip:bob@127.0.0.1 SIP/2.0\r\n"
                + "Via: " + via + "\r\n"
                + "Max-Forwards: 70\r\nFrom: <sip:alice@127.0.0.1>;tag=a1\r\nTo: <sip:bob@127.0.0.1>\r\n"
                + "Call-ID: " + callId + "\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
    }

    private static String browserOptions(String callId) {
        return options("SIP/2.0/WS df7jal23ls0d.invalid;branch=z9hG4bK-" + callId + ";rport", callId);
    }

    private static Inbound next(BlockingQueue<Inbound> queue) throws InterruptedException {
        Inbound in = queue.poll(WAIT_MS, TimeUnit.MILLISECONDS);
        assertThat(in).as("a message within %d ms", WAIT_MS).isNotNull();
        return in;
    }

    @Test
    void upgradesWithSipAndCarriesRequestsAndResponsesBothWays() throws Exception {
        start();
        try (WsPeer client = new WsPeer()) {
            assertThat(client.connect(uri("/")).getSubprotocol()).isEqualTo("sip");
            client.sendText(browserOptions("ws-1"));

            Inbound in = next(inbound);
            assertThat(in.source().transport()).isEqualTo(Transport.WS);
            assertThat(in.source().connectionId()).isPositive();
            Via top = in.message().topVia();
            // RFC 3261 §18.2.1 and RFC 3581 §4, as for any transport.
            assertThat(top.received()).contains("127.0.0.1");
            assertThat(top.rport()).hasValue(in.source().remote().getPort());

            SipResponse ok = SipResponse.responseTo((SipRequest) in.message(), 200).build();
            layer.respond(ok, in.source()).get(WAIT_MS, TimeUnit.MILLISECONDS);
            assertThat(client.nextMessage()).startsWith("SIP/2.0 200 OK\r\n").contains("Call-ID: ws-1");

            // A request to the client goes over the connection it opened (RFC 7118 §5).
            SipRequest toClient = (SipRequest) SipParser.parse(options("SIP/2.0/WS 127.0.0.1;branch=z9hG4bK-s1",
                    "ws-2").getBytes(StandardCharsets.UTF_8));
            layer.send(toClient, new Target(Transport.WS, in.source().remote(), "127.0.0.1"))
                    .get(WAIT_MS, TimeUnit.MILLISECONDS);
            assertThat(client.nextMessage()).startsWith("OPTIONS sip:bob@127.0.0.1 SIP/2.0\r\n").contains("ws-2");
        }
    }

    @Test
    void refusesAClientThatDoesNotOfferSip() throws Exception {
        start();
        try (WsPeer client = new WsPeer()) {
            // RFC 7118 §4: the 101 reply must carry "sip", which only a client that offered it can get.
            assertThat(client.open(uri("/"))).failsWithin(WAIT_MS, TimeUnit.MILLISECONDS).withThrowableThat()
                    .havingCause().isInstanceOfSatisfying(WebSocketHandshakeException.class,
                            e -> assertThat(e.getResponse().statusCode()).isEqualTo(400));
        }
        InetSocketAddress ws = layer.localAddresses(Transport.WS).get(0);
        try (Socket raw = new Socket(LOOPBACK, ws.getPort())) {
            raw.setSoTimeout(WAIT_MS);
            raw.getOutputStream().write(("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: chat, superchat\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String answer = new String(raw.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertThat(answer).startsWith("HTTP/1.1 400 Bad Request\r\n").contains("RFC 7118");
        }
        assertThat(layer.stats().refusedUpgrades()).isEqualTo(2);
    }

    @Test
    void refusesAnUnknownPathAndAnOriginNotAllowed() throws Exception {
        start(LOOPBACK, ParserConfig.DEFAULT, new WebSocketConfig(List.of("/sip", "/ws"),
                List.of("https://phone.example.com"), "/"));
        try (WsPeer wrongPath = new WsPeer(); WsPeer good = new WsPeer()) {
            assertThat(wrongPath.open(uri("/other"), "sip")).failsWithin(WAIT_MS, TimeUnit.MILLISECONDS)
                    .withThrowableThat().havingCause()
                    .isInstanceOfSatisfying(WebSocketHandshakeException.class,
                            e -> assertThat(e.getResponse().statusCode()).isEqualTo(404));
            try (Socket raw = new Socket(LOOPBACK, layer.localAddresses(Transport.WS).get(0).getPort())) {
                raw.setSoTimeout(WAIT_MS);
                raw.getOutputStream().write(("GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                        + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                        + "Origin: https://evil.example.com\r\n"
                        + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: sip\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                String answer = new String(raw.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
                assertThat(answer).startsWith("HTTP/1.1 403 Forbidden\r\n");
            }
            assertThat(good.connect(uri("/ws?token=1")).getSubprotocol()).isEqualTo("sip");
        }
        assertThat(layer.stats().refusedUpgrades()).isEqualTo(2);
    }

    @Test
    void reassemblesAMessageSentInFragmentsAndTakesBinaryMessages() throws Exception {
        start();
        try (WsPeer client = new WsPeer()) {
            client.connect(uri("/"));
            String message = browserOptions("frag-1");
            int third = message.length() / 3;
            client.socket().sendText(message.substring(0, third), false).get(WAIT_MS, TimeUnit.MILLISECONDS);
            client.socket().sendText(message.substring(third, 2 * third), false).get(WAIT_MS, TimeUnit.MILLISECONDS);
            client.socket().sendText(message.substring(2 * third), true).get(WAIT_MS, TimeUnit.MILLISECONDS);
            assertThat(next(inbound).message().callId()).isEqualTo("frag-1");

            // RFC 7118 §5.1: binary frames carry SIP as well; no Content-Length is needed.
            byte[] binary = browserOptions("bin-1").replace("Content-Length: 0\r\n", "")
                    .getBytes(StandardCharsets.UTF_8);
            client.socket().sendBinary(ByteBuffer.wrap(binary), true).get(WAIT_MS, TimeUnit.MILLISECONDS);
            assertThat(next(inbound).message().callId()).isEqualTo("bin-1");
            assertThat(inbound).isEmpty();
        }
    }

    @Test
    void closesAnOversizedMessageWith1009AndLeavesOtherConnectionsAlone() throws Exception {
        start(LOOPBACK, new ParserConfig(1024, 64), WebSocketConfig.DEFAULT);
        try (WsPeer big = new WsPeer(); WsPeer other = new WsPeer()) {
            big.connect(uri("/"));
            other.connect(uri("/"));
            // Fragments each under the bound, together over it (RFC 6455 §7.4.1: 1009 is "message too big").
            for (int i = 0; i < 3; i++) {
                big.socket().sendText("x".repeat(500), false).get(WAIT_MS, TimeUnit.MILLISECONDS);
            }
            assertThat(big.closeStatus()).succeedsWithin(WAIT_MS, TimeUnit.MILLISECONDS).isEqualTo(1009);

            other.sendText(browserOptions("still-1"));
            assertThat(next(inbound).message().callId()).isEqualTo("still-1");
            assertThat(layer.stats().malformed()).isEqualTo(1);
        }
    }

    @Test
    void answersMalformedSipWith400OnTheSameConnectionAndGoesOn() throws Exception {
        start();
        try (WsPeer client = new WsPeer()) {
            client.connect(uri("/"));
            client.sendText("hello there");
            client.sendText(browserOptions("bad-1").replace("Content-Length: 0", "Content-Length: 9999"));
            // RFC 3261 §18.3: a Content-Length beyond the message is a 400, as for a datagram.
            assertThat(client.nextMessage()).startsWith("SIP/2.0 400 ").contains("Call-ID: bad-1");
            client.sendText(browserOptions("good-1"));
            assertThat(next(inbound).message().callId()).isEqualTo("good-1");
            assertThat(layer.stats().malformed()).isEqualTo(2);
            assertThat(layer.stats().answeredMalformed()).isEqualTo(1);
        }
    }

    @Test
    void answersPingWithPongAndEchoesAClose() throws Exception {
        start();
        try (WsPeer client = new WsPeer()) {
            client.connect(uri("/"));
            client.socket().sendPing(ByteBuffer.wrap("keep-alive".getBytes(StandardCharsets.UTF_8)))
                    .get(WAIT_MS, TimeUnit.MILLISECONDS);
            // RFC 6455 §5.5.3: the pong carries the ping's application data.
            assertThat(client.nextPong()).isEqualTo("keep-alive");

            client.socket().sendClose(1000, "bye").get(WAIT_MS, TimeUnit.MILLISECONDS);
            assertThat(client.closeStatus()).succeedsWithin(WAIT_MS, TimeUnit.MILLISECONDS).isEqualTo(1000);
        }
    }

    @Test
    void failsAResponseWhoseConnectionIsGone() throws Exception {
        start();
        Inbound in;
        try (WsPeer client = new WsPeer()) {
            client.connect(uri("/"));
            client.sendText(browserOptions("gone-1"));
            in = next(inbound);
            client.socket().sendClose(1000, "bye").get(WAIT_MS, TimeUnit.MILLISECONDS);
            assertThat(client.closeStatus()).succeedsWithin(WAIT_MS, TimeUnit.MILLISECONDS);
        }
        SipResponse ok = SipResponse.responseTo((SipRequest) in.message(), 200).build();
        // The server closes its side after echoing the close; poll until the table has forgotten it.
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
        Throwable failure = null;
        while (failure == null && System.nanoTime() < deadline) {
            failure = layer.respond(ok, in.source()).handle((v, e) -> e).get(WAIT_MS, TimeUnit.MILLISECONDS);
        }
        assertThat(failure).isNotNull().hasMessageContaining("RFC 7118 §5").hasMessageContaining("closed");
    }

    @Test
    void worksOverIpv6Loopback() throws Exception {
        start(InetAddress.getByName("::1"), ParserConfig.DEFAULT, WebSocketConfig.DEFAULT);
        try (WsPeer client = new WsPeer()) {
            client.connect(uri("/"));
            client.sendText(browserOptions("v6-1"));
            Inbound in = next(inbound);
            assertThat(in.source().remote().getAddress().getHostAddress()).startsWith("0:0:0:0:0:0:0:1");
            layer.respond(SipResponse.responseTo((SipRequest) in.message(), 200).build(), in.source())
                    .get(WAIT_MS, TimeUnit.MILLISECONDS);
            assertThat(client.nextMessage()).startsWith("SIP/2.0 200 OK\r\n");
        }
    }

    @Test
    void twoTransportLayersTalkOverWebSocketAndReuseTheConnection() throws Exception {
        start();
        InetSocketAddress any = new InetSocketAddress(LOOPBACK, 0);
        layerB = NettyTransportLayer.start(TransportConfig.of(List.of(new ListenerConfig(Transport.WS, any))),
                inboundB::add);
        Target a = new Target(Transport.WS, layer.localAddresses(Transport.WS).get(0), "127.0.0.1");
        for (int i = 1; i <= 2; i++) {
            SipRequest request = (SipRequest) SipParser.parse(options("SIP/2.0/WS 127.0.0.1;branch=z9hG4bK-b" + i,
                    "pair-" + i).getBytes(StandardCharsets.UTF_8));
            layerB.send(request, a).get(WAIT_MS, TimeUnit.MILLISECONDS);
        }
        Inbound first = next(inbound);
        Inbound second = next(inbound);
        assertThat(first.message().callId()).isEqualTo("pair-1");
        assertThat(second.source().connectionId()).isEqualTo(first.source().connectionId());

        layer.respond(SipResponse.responseTo((SipRequest) first.message(), 200).build(), first.source())
                .get(WAIT_MS, TimeUnit.MILLISECONDS);
        Inbound response = next(inboundB);
        assertThat(response.message()).isInstanceOf(SipResponse.class);
        assertThat(response.message().callId()).isEqualTo("pair-1");
        assertThat(response.source().transport()).isEqualTo(Transport.WS);

        // And the other way: A reaches B over the connection B opened, not a new one.
        SipRequest back = (SipRequest) SipParser.parse(options("SIP/2.0/WS 127.0.0.1;branch=z9hG4bK-a1", "back-1")
                .getBytes(StandardCharsets.UTF_8));
        layer.send(back, new Target(Transport.WS, first.source().remote(), "127.0.0.1"))
                .get(WAIT_MS, TimeUnit.MILLISECONDS);
        Inbound atB = next(inboundB);
        assertThat(atB.message().callId()).isEqualTo("back-1");
        assertThat(atB.source().connectionId()).isEqualTo(response.source().connectionId());
    }

    private static TlsConfig.Builder tls() {
        return TlsConfig.builder().provider(TlsProvider.JDK).trust(TestPki.trust(TestPki.CA));
    }

    @Test
    void twoTransportLayersTalkOverSecureWebSocket() throws Exception {
        InetSocketAddress any = new InetSocketAddress(LOOPBACK, 0);
        layer = NettyTransportLayer.start(TransportConfig.of(List.of(new ListenerConfig(Transport.WSS, any)))
                .withTls(tls().identity(TestPki.identity(TestPki.SERVER)).build()), inbound::add);
        layerB = NettyTransportLayer.start(TransportConfig.of(List.of()).withTls(tls().build()), inboundB::add);
        // RFC 7118 §3 and RFC 5922: TLS first, the server's certificate checked for the target's name.
        Target a = new Target(Transport.WSS, layer.localAddresses(Transport.WSS).get(0), "sip.example.com");
        SipRequest request = (SipRequest) SipParser.parse(options("SIP/2.0/WSS 127.0.0.1;branch=z9hG4bK-w1", "wss-1")
                .getBytes(StandardCharsets.UTF_8));
        layerB.send(request, a).get(WAIT_MS, TimeUnit.MILLISECONDS);
        Inbound in = next(inbound);
        assertThat(in.source().transport()).isEqualTo(Transport.WSS);

        layer.respond(SipResponse.responseTo((SipRequest) in.message(), 200).build(), in.source())
                .get(WAIT_MS, TimeUnit.MILLISECONDS);
        Inbound response = next(inboundB);
        assertThat(response.message().callId()).isEqualTo("wss-1");
        assertThat(response.source().transport()).isEqualTo(Transport.WSS);

        Target wrongName = new Target(Transport.WSS, a.address(), "other.example.com");
        assertThat(NettyTransportLayer.start(TransportConfig.of(List.of()).withTls(tls().build()), inboundB::add))
                .satisfies(c -> {
                    try {
                        assertThat(c.send(request, wrongName)).failsWithin(WAIT_MS, TimeUnit.MILLISECONDS)
                                .withThrowableThat().withMessageContaining("cannot open WSS to");
                    } finally {
                        c.close();
                    }
                });
    }

    @Test
    void failsASendWhenTheServerRefusesTheUpgrade() throws Exception {
        start(LOOPBACK, ParserConfig.DEFAULT, new WebSocketConfig(List.of("/only-here"), List.of(), "/"));
        NettyTransportLayer sender = NettyTransportLayer.start(TransportConfig.of(List.of()), inboundB::add);
        layerB = sender;
        SipRequest request = (SipRequest) SipParser.parse(options("SIP/2.0/WS 127.0.0.1;branch=z9hG4bK-r",
                "refused-1").getBytes(StandardCharsets.UTF_8));
        Target a = new Target(Transport.WS, layer.localAddresses(Transport.WS).get(0), "127.0.0.1");
        assertThat(sender.send(request, a)).failsWithin(WAIT_MS, TimeUnit.MILLISECONDS).withThrowableThat()
                .withMessageContaining("cannot open WS to");
        assertThat(layer.stats().refusedUpgrades()).isEqualTo(1);
    }

    @Test
    void closesAnIdleWebSocketConnection() throws Exception {
        TransportConfig config = new TransportConfig(List.of(new ListenerConfig(Transport.WS,
                new InetSocketAddress(LOOPBACK, 0))), ParserConfig.DEFAULT, 10, 10, 1, Duration.ofMillis(300));
        layer = NettyTransportLayer.start(config, inbound::add);
        try (Socket idle = new Socket(LOOPBACK, layer.localAddresses(Transport.WS).get(0).getPort())) {
            idle.setSoTimeout(WAIT_MS);
            InputStream in = idle.getInputStream();
            assertThat(in.read()).isEqualTo(-1);
            assertThat(layer.stats().idleClosed()).isEqualTo(1);
        }
    }
}
