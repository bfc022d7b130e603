package org.parley.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.message.ParserConfig;
import org.parley.message.SipParser;
import org.parley.message.SipRequest;
import org.parley.transport.resolve.Target;
import org.parley.transport.resolve.TargetSet;
import org.parley.transport.resolve.TargetsExhaustedException;

/** Failover along located targets (RFC 3263 §4.3) on real loopback sockets, ephemeral ports. */
class FailoverIT {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final int WAIT_MS = 5_000;

    private final BlockingQueue<Inbound> inbound = new LinkedBlockingQueue<>();
    private NettyTransportLayer layer;

    @BeforeEach
    void startLayer() {
        // IPv4 listeners only, so a target on ::1 has no listener of its family.
        InetSocketAddress any = new InetSocketAddress(LOOPBACK, 0);
        layer = NettyTransportLayer.start(new TransportConfig(List.of(new ListenerConfig(Transport.UDP, any),
                new ListenerConfig(Transport.TCP, any)), ParserConfig.DEFAULT, 100, 8, 1, Duration.ofMinutes(1)),
                inbound::add);
    }

    @AfterEach
    void closeLayer() {
        layer.close();
    }

    private static SipRequest options(String transport, String callId) {
        String text = "OPTIONS sip:bob@example.com SIP/2.0\r\n"
                + "Via: SIP/2.0/" + transport + " 127.0.0.1:5060;branch=z9hG4bK-" + callId + "\r\n"
                + "Max-Forwards: 70\r\nFrom: <sip:alice@example.com>;tag=a1\r\nTo: <sip:bob@example.com>\r\n"
                + "Call-ID: " + callId + "\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
        return (SipRequest) SipParser.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, LOOPBACK)) {
            return s.getLocalPort();
        }
    }

    private static Target tcp(int port, String name) {
        return new Target(Transport.TCP, new InetSocketAddress(LOOPBACK, port), name);
    }

    @Test
    void movesOnToTheSecondTargetWhenTheFirstRefusesTheConnection() throws Exception {
        try (ServerSocket peer = new ServerSocket(0, 1, LOOPBACK)) {
            peer.setSoTimeout(WAIT_MS);
            TargetSet targets = TargetSet.of(List.of(tcp(closedPort(), "down.example.com"),
                    tcp(peer.getLocalPort(), "up.example.com")));
            SipRequest request = options("TCP", "fo-1");

            Target used = layer.send(request, targets).get(WAIT_MS, TimeUnit.MILLISECONDS);

            assertThat(used.hostName()).isEqualTo("up.example.com");
            assertThat(targets.failures()).singleElement()
                    .satisfies(f -> assertThat(f.target().hostName()).isEqualTo("down.example.com"))
                    .satisfies(f -> assertThat(f.reason()).contains("cannot connect over TCP"));
            assertThat(targets.hasNext()).isFalse();
            try (Socket accepted = peer.accept()) {
                accepted.setSoTimeout(WAIT_MS);
                String got = new String(accepted.getInputStream().readNBytes(request.size()), StandardCharsets.UTF_8);
                assertThat(got).isEqualTo(request.toString());
            }
        }
    }

    @Test
    void rewritesTheTopViaToTheTransportOfTheTargetUsed() throws Exception {
        try (ServerSocket peer = new ServerSocket(0, 1, LOOPBACK)) {
            peer.setSoTimeout(WAIT_MS);
            // The request was built for UDP; the target that answers is TCP (RFC 3261 §18.1.1).
            InetSocketAddress v6 = new InetSocketAddress(InetAddress.getByName("::1"), 5060);
            TargetSet targets = TargetSet.of(List.of(new Target(Transport.UDP, v6, "v6.example.com"),
                    tcp(peer.getLocalPort(), "tcp.example.com")));

            Target used = layer.send(options("UDP", "fo-2"), targets).get(WAIT_MS, TimeUnit.MILLISECONDS);

            assertThat(used.transport()).isEqualTo(Transport.TCP);
            assertThat(targets.failures()).singleElement()
                    .satisfies(f -> assertThat(f.reason()).contains("no UDP listener for IPv6"));
            try (Socket accepted = peer.accept()) {
                accepted.setSoTimeout(WAIT_MS);
                String head = new String(accepted.getInputStream().readNBytes(70), StandardCharsets.UTF_8);
                assertThat(head).startsWith("OPTIONS sip:bob@example.com SIP/2.0\r\nVia: SIP/2.0/TCP 127.0.0.1:5060;");
            }
        }
    }

    @Test
    void keepsAUdpViaWhenTheUdpTargetIsUsed() throws Exception {
        try (DatagramSocket peer = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            peer.setSoTimeout(WAIT_MS);
            SipRequest request = options("TCP", "fo-3");
            TargetSet targets = TargetSet.of(new Target(Transport.UDP,
                    (InetSocketAddress) peer.getLocalSocketAddress(), "udp.example.com"));

            layer.send(request, targets).get(WAIT_MS, TimeUnit.MILLISECONDS);

            byte[] buf = new byte[4096];
            java.net.DatagramPacket p = new java.net.DatagramPacket(buf, buf.length);
            peer.receive(p);
            assertThat(new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8))
                    .contains("\r\nVia: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-fo-3\r\n");
        }
    }

    @Test
    void failsWithOneErrorListingEveryTargetWhenAllFail() throws Exception {
        InetSocketAddress v6 = new InetSocketAddress(InetAddress.getByName("::1"), 5060);
        TargetSet targets = TargetSet.of(List.of(tcp(closedPort(), "a.example.com"), tcp(closedPort(), "b.example.com"),
                new Target(Transport.UDP, v6, "c.example.com")));

        var sent = layer.send(options("UDP", "fo-4"), targets);

        assertThat(sent).failsWithin(WAIT_MS, TimeUnit.MILLISECONDS).withThrowableThat()
                .havingCause().isInstanceOf(TargetsExhaustedException.class)
                .withMessageContaining("all 3 targets failed")
                .withMessageContaining("a.example.com").withMessageContaining("b.example.com")
                .withMessageContaining("c.example.com").withMessageContaining("no UDP listener for IPv6");
        assertThat(targets.failures()).extracting(f -> f.target().hostName())
                .containsExactly("a.example.com", "b.example.com", "c.example.com");
    }

    @Test
    void stopsAtOnceWhenTheMessageItselfCannotBeSent() throws Exception {
        try (ServerSocket peer = new ServerSocket(0, 1, LOOPBACK)) {
            TargetSet targets = TargetSet.of(List.of(new Target(Transport.SCTP,
                    new InetSocketAddress(LOOPBACK, 5060), "sctp.example.com"), tcp(peer.getLocalPort(), "tcp")));

            var sent = layer.send(options("UDP", "fo-5"), targets);

            assertThat(sent).failsWithin(WAIT_MS, TimeUnit.MILLISECONDS).withThrowableThat()
                    .havingCause().isInstanceOf(IllegalArgumentException.class).withMessageContaining("SCTP");
            assertThat(targets.hasNext()).as("the TCP target is left untried").isTrue();
        }
    }
}
