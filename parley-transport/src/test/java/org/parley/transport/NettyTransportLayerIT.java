package org.parley.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import io.netty.channel.epoll.Epoll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;
import org.parley.message.HeaderName;
import org.parley.message.ParserConfig;
import org.parley.message.SipParser;
import org.parley.message.SipRequest;
import org.parley.message.SipResponse;
import org.parley.message.header.Via;
import org.parley.transport.resolve.Target;

/**
 * The transport layer on real UDP and TCP sockets, loopback only, ephemeral ports; every test runs
 * twice, with native epoll allowed (used where the platform has it) and with NIO forced.
 */
@ParameterizedClass(name = "nativeTransport={0}")
@ValueSource(booleans = {true, false})
class NettyTransportLayerIT {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final int WAIT_MS = 5_000;

    @Parameter
    boolean nativeTransport;

    private final BlockingQueue<Inbound> inbound = new LinkedBlockingQueue<>();
    private NettyTransportLayer layer;

    @AfterEach
    void closeLayer() {
        if (layer != null) {
            layer.close();
        }
    }

    private NettyTransportLayer start(int maxPerAddress) {
        return start(maxPerAddress, TransportConfig.DEFAULT_IDLE_TIMEOUT);
    }

    private NettyTransportLayer start(int maxPerAddress, Duration idleTimeout) {
        InetSocketAddress any = new InetSocketAddress(LOOPBACK, 0);
        TransportConfig config = new TransportConfig(List.of(new ListenerConfig(Transport.UDP, any),
                new ListenerConfig(Transport.TCP, any)), ParserConfig.DEFAULT, 100, maxPerAddress, 1, idleTimeout)
                .withNativeTransport(nativeTransport);
        layer = NettyTransportLayer.start(config, inbound::add);
        return layer;
    }

    private static String options(String via, String callId) {
        return "OPTIONS sip:bob@127.0.0.1 SIP/2.0\r\n"
                + "Via: " + via + "\r\n"
                + "Max-Forwards: 70\r\nFrom: <sip:alice@127.0.0.1>;tag=a1\r\nTo: <sip:bob@127.0.0.1>\r\n"
                + "Call-ID: " + callId + "\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
    }

    private Inbound next() throws InterruptedException {
        Inbound in = inbound.poll(WAIT_MS, TimeUnit.MILLISECONDS);
        assertThat(in).as("a message within %d ms", WAIT_MS).isNotNull();
        return in;
    }

    private static String receive(DatagramSocket socket) throws IOException {
        byte[] buf = new byte[65_536];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        socket.receive(p);
        return new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
    }

    @Test
    void runsOnNativeEpollWhenAllowedAndAvailableAndOnNioOtherwise() {
        start(8);
        boolean linuxX86 = System.getProperty("os.name").equals("Linux")
                && System.getProperty("os.arch").equals("amd64");
        if (linuxX86) {
            // The native jar for linux-x86_64 is a dependency: it must load here.
            assertThat(Epoll.isAvailable()).as("epoll unavailable: %s", Epoll.unavailabilityCause()).isTrue();
        }
        boolean epoll = nativeTransport && Epoll.isAvailable();
        assertThat(layer.ioKind()).isEqualTo(epoll ? "epoll" : "nio");
        // One event loop here, so one socket on the UDP port either way; one TCP server socket.
        assertThat(layer.socketsBound(Transport.UDP)).isEqualTo(1);
        assertThat(layer.socketsBound(Transport.TCP)).isEqualTo(1);
    }

    @Test
    void stampsReceivedAndRportOnAUdpRequestAndSendsTheResponseBackThere() throws Exception {
        start(8);
        InetSocketAddress udp = layer.localAddresses(Transport.UDP).get(0);
        try (DatagramSocket client = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            client.setSoTimeout(WAIT_MS);
            byte[] req = options("SIP/2.0/UDP client.invalid:5099;branch=z9hG4bK-u1;rport", "udp-1")
                    .getBytes(StandardCharsets.UTF_8);
            client.send(new DatagramPacket(req, req.length, udp));

            Inbound in = next();
            Via top = in.message().topVia();
            // RFC 3261 §18.2.1 and RFC 3581 §4.
            assertThat(top.received()).contains("127.0.0.1");
            assertThat(top.rport()).hasValue(client.getLocalPort());
            assertThat(in.source().transport()).isEqualTo(Transport.UDP);

            SipResponse ok = SipResponse.responseTo((SipRequest) in.message(), 200).build();
            layer.respond(ok, in.source()).get(WAIT_MS, TimeUnit.MILLISECONDS);
            assertThat(receive(client)).startsWith("SIP/2.0 200 OK\r\n").contains("Call-ID: udp-1");
        }
    }

    @Test
    void leavesAViaThatAlreadyNamesTheSourceAlone() throws Exception {
        start(8);
        InetSocketAddress udp = layer.localAddresses(Transport.UDP).get(0);
        try (DatagramSocket client = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            String via = "SIP/2.0/UDP 127.0.0.1:" + client.getLocalPort() + ";branch=z9hG4bK-u2";
            byte[] req = options(via, "udp-2").getBytes(StandardCharsets.UTF_8);
            client.send(new DatagramPacket(req, req.length, udp));

            assertThat(next().message().headerValues(HeaderName.VIA)).containsExactly(via);
        }
    }

    @Test
    void answersAMalformedUdpRequestWith400AndDropsGarbage() throws Exception {
        start(8);
        InetSocketAddress udp = layer.localAddresses(Transport.UDP).get(0);
        try (DatagramSocket client = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            client.setSoTimeout(WAIT_MS);
            byte[] garbage = "hello there".getBytes(StandardCharsets.UTF_8);
            client.send(new DatagramPacket(garbage, garbage.length, udp));
            byte[] bad = options("SIP/2.0/UDP 127.0.0.1:" + client.getLocalPort() + ";branch=z9hG4bK-u3", "udp-3")
                    .replace("Content-Length: 0", "Content-Length: 9999").getBytes(StandardCharsets.UTF_8);
            client.send(new DatagramPacket(bad, bad.length, udp));

            // RFC 3261 §18.3: a Content-Length larger than the datagram is answered with 400.
            String answer = receive(client);
            assertThat(answer).startsWith("SIP/2.0 400 ").contains("Content-Length").contains("Call-ID: udp-3");
            assertThat(layer.stats().malformed()).isEqualTo(2);
            assertThat(layer.stats().answeredMalformed()).isEqualTo(1);
            assertThat(inbound).isEmpty();
        }
    }

    @Test
    void framesPipelinedTcpMessagesSentInSmallPiecesAndAnswersPingsAndRequests() throws Exception {
        start(8);
        InetSocketAddress tcp = layer.localAddresses(Transport.TCP).get(0);
        try (Socket client = new Socket(LOOPBACK, tcp.getPort())) {
            client.setSoTimeout(WAIT_MS);
            String via = "SIP/2.0/TCP 127.0.0.1:" + client.getLocalPort() + ";branch=z9hG4bK-t";
            byte[] stream = (options(via + "1", "tcp-1") + "\r\n\r\n" + options(via + "2", "tcp-2"))
                    .getBytes(StandardCharsets.UTF_8);
            OutputStream out = client.getOutputStream();
            for (int i = 0; i < stream.length; i += 7) {
                out.write(Arrays.copyOfRange(stream, i, Math.min(stream.length, i + 7)));
                out.flush();
            }
            Inbound first = next();
            Inbound second = next();
            assertThat(first.message().callId()).isEqualTo("tcp-1");
            assertThat(second.message().callId()).isEqualTo("tcp-2");
            assertThat(first.source().connectionId()).isPositive().isEqualTo(second.source().connectionId());

            InputStream in = client.getInputStream();
            // RFC 5626 §3.5.1: the CRLFCRLF ping is answered with one CRLF.
            assertThat(new String(in.readNBytes(2), StandardCharsets.US_ASCII)).isEqualTo("\r\n");
            SipResponse ok = SipResponse.responseTo((SipRequest) second.message(), 200).build();
            layer.respond(ok, second.source()).get(WAIT_MS, TimeUnit.MILLISECONDS);
            assertThat(new String(in.readNBytes(ok.size()), StandardCharsets.UTF_8)).isEqualTo(ok.toString());
            assertThat(layer.stats().keepAlivePings()).isEqualTo(1);
        }
    }

    @Test
    void closesOnlyTheConnectionWhoseFramingBroke() throws Exception {
        start(8);
        InetSocketAddress tcp = layer.localAddresses(Transport.TCP).get(0);
        try (Socket bad = new Socket(LOOPBACK, tcp.getPort()); Socket good = new Socket(LOOPBACK, tcp.getPort())) {
            bad.setSoTimeout(WAIT_MS);
            bad.getOutputStream().write(options("SIP/2.0/TCP 127.0.0.1:1;branch=z9hG4bK-b", "bad")
                    .replace("Content-Length: 0", "Content-Length: -1").getBytes(StandardCharsets.UTF_8));
            // RFC 4475 §3.1.2.3: framing cannot recover, the connection is closed.
            assertThat(bad.getInputStream().read()).isEqualTo(-1);

            good.getOutputStream().write(options("SIP/2.0/TCP 127.0.0.1:2;branch=z9hG4bK-g", "good")
                    .getBytes(StandardCharsets.UTF_8));
            assertThat(next().message().callId()).isEqualTo("good");
        }
    }

    @Test
    void countsOpenTcpConnectionsUntilThePeersCloseThem() throws Exception {
        start(8);
        InetSocketAddress tcp = layer.localAddresses(Transport.TCP).get(0);
        try (Socket a = new Socket(LOOPBACK, tcp.getPort()); Socket b = new Socket(LOOPBACK, tcp.getPort())) {
            a.getOutputStream().write(options("SIP/2.0/TCP 127.0.0.1:4;branch=z9hG4bK-c1", "c1")
                    .getBytes(StandardCharsets.UTF_8));
            b.getOutputStream().write(options("SIP/2.0/TCP 127.0.0.1:5;branch=z9hG4bK-c2", "c2")
                    .getBytes(StandardCharsets.UTF_8));
            next();
            next();
            assertThat(layer.stats().openConnections(Transport.TCP)).isEqualTo(2);
            assertThat(layer.stats().openConnections(Transport.UDP)).isZero();
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
        while (layer.stats().openConnections(Transport.TCP) > 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(layer.stats().openConnections(Transport.TCP)).as("closed by the peers").isZero();
    }

    @Test
    void refusesConnectionsOverThePerAddressLimit() throws Exception {
        start(2);
        InetSocketAddress tcp = layer.localAddresses(Transport.TCP).get(0);
        try (Socket a = new Socket(LOOPBACK, tcp.getPort()); Socket b = new Socket(LOOPBACK, tcp.getPort());
                Socket c = new Socket(LOOPBACK, tcp.getPort())) {
            c.setSoTimeout(WAIT_MS);
            assertThat(c.getInputStream().read()).isEqualTo(-1);
            assertThat(layer.stats().refusedConnections()).isEqualTo(1);

            a.getOutputStream().write(options("SIP/2.0/TCP 127.0.0.1:3;branch=z9hG4bK-a", "kept")
                    .getBytes(StandardCharsets.UTF_8));
            assertThat(next().message().callId()).isEqualTo("kept");
            assertThat(b.isClosed()).isFalse();
        }
    }

    @Test
    void sendsRequestsToPeersOverUdpAndTcp() throws Exception {
        start(8);
        SipRequest request = (SipRequest) SipParser.parse(
                options("SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-s", "out").getBytes(StandardCharsets.UTF_8));
        try (DatagramSocket udpPeer = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
                ServerSocket tcpPeer = new ServerSocket(0, 1, LOOPBACK)) {
            udpPeer.setSoTimeout(WAIT_MS);
            tcpPeer.setSoTimeout(WAIT_MS);
            InetSocketAddress udpAddress = (InetSocketAddress) udpPeer.getLocalSocketAddress();
            layer.send(request, new Target(Transport.UDP, udpAddress, "peer")).get(WAIT_MS, TimeUnit.MILLISECONDS);
            assertThat(receive(udpPeer)).isEqualTo(request.toString());

            InetSocketAddress tcpAddress = new InetSocketAddress(LOOPBACK, tcpPeer.getLocalPort());
            layer.send(request, new Target(Transport.TCP, tcpAddress, "peer")).get(WAIT_MS, TimeUnit.MILLISECONDS);
            try (Socket accepted = tcpPeer.accept()) {
                accepted.setSoTimeout(WAIT_MS);
                ByteArrayOutputStream got = new ByteArrayOutputStream();
                got.write(accepted.getInputStream().readNBytes(request.size()));
                assertThat(got.toString(StandardCharsets.UTF_8)).isEqualTo(request.toString());
                // A second request to the same peer reuses the connection (RFC 3261 §18.1.1).
                layer.send(request, new Target(Transport.TCP, tcpAddress, "peer")).get(WAIT_MS, TimeUnit.MILLISECONDS);
                assertThat(accepted.getInputStream().readNBytes(request.size())).hasSize(request.size());
                assertThatNoSecondConnection(tcpPeer);
            }
        }
    }

    private static void assertThatNoSecondConnection(ServerSocket peer) throws IOException {
        peer.setSoTimeout(200);
        boolean accepted;
        try (Socket s = peer.accept()) {
            accepted = s != null;
        } catch (SocketTimeoutException e) {
            accepted = false;
        }
        assertThat(accepted).as("a second connection").isFalse();
    }

    @Test
    void failsASendWhenTheTcpPeerIsNotListening() throws Exception {
        start(8);
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, LOOPBACK)) {
            closedPort = s.getLocalPort();
        }
        SipRequest request = (SipRequest) SipParser.parse(
                options("SIP/2.0/TCP 127.0.0.1:5060;branch=z9hG4bK-f", "fail").getBytes(StandardCharsets.UTF_8));
        var future = layer.send(request, new Target(Transport.TCP, new InetSocketAddress(LOOPBACK, closedPort), "x"));
        assertThat(future).failsWithin(WAIT_MS, TimeUnit.MILLISECONDS).withThrowableThat()
                .withMessageContaining("cannot connect over TCP to");
    }

    @Test
    void receivesOverIpv6Loopback() throws Exception {
        InetSocketAddress v6 = new InetSocketAddress(InetAddress.getByName("::1"), 0);
        layer = NettyTransportLayer.start(TransportConfig.of(List.of(new ListenerConfig(Transport.UDP, v6)))
                .withNativeTransport(nativeTransport), inbound::add);
        InetSocketAddress udp = layer.localAddresses(Transport.UDP).get(0);
        try (DatagramSocket client = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("::1"), 0))) {
            byte[] req = options("SIP/2.0/UDP [::1]:" + client.getLocalPort() + ";branch=z9hG4bK-6;rport", "v6")
                    .getBytes(StandardCharsets.UTF_8);
            client.send(new DatagramPacket(req, req.length, udp));
            Inbound in = next();
            assertThat(in.message().topVia().rport()).hasValue(client.getLocalPort());
            assertThat(in.source().remote().getAddress().getHostAddress()).startsWith("0:0:0:0:0:0:0:1");
        }
    }

    @Test
    void movesARequestOver1300BytesFromUdpToTcpAndSaysSoInItsVia() throws Exception {
        start(8);
        String big = options("SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-big", "big")
                .replace("Content-Length: 0\r\n", "X-Padding: " + "p".repeat(1400) + "\r\nContent-Length: 0\r\n");
        SipRequest request = (SipRequest) SipParser.parse(big.getBytes(StandardCharsets.UTF_8));
        try (ServerSocket tcpPeer = new ServerSocket(0, 1, LOOPBACK)) {
            tcpPeer.setSoTimeout(WAIT_MS);
            InetSocketAddress peer = new InetSocketAddress(LOOPBACK, tcpPeer.getLocalPort());
            var sent = layer.send(request, new Target(Transport.UDP, peer, "peer"));
            try (Socket accepted = tcpPeer.accept()) {
                accepted.setSoTimeout(WAIT_MS);
                sent.get(WAIT_MS, TimeUnit.MILLISECONDS);
                String head = new String(accepted.getInputStream().readNBytes(80), StandardCharsets.UTF_8);
                // RFC 3261 §18.1.1: over TCP, and the Via names the transport used.
                assertThat(head).startsWith("OPTIONS sip:bob@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/TCP 127.0.0.1:5060");
            }
        }
    }

    @Test
    void retriesALargeRequestOverUdpWhenTcpIsRefused() throws Exception {
        start(8);
        String big = options("SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-big2", "big2")
                .replace("Content-Length: 0\r\n", "X-Padding: " + "p".repeat(1400) + "\r\nContent-Length: 0\r\n");
        SipRequest request = (SipRequest) SipParser.parse(big.getBytes(StandardCharsets.UTF_8));
        try (DatagramSocket udpPeer = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            udpPeer.setSoTimeout(WAIT_MS);
            InetSocketAddress peer = (InetSocketAddress) udpPeer.getLocalSocketAddress();
            layer.send(request, new Target(Transport.UDP, peer, "peer")).get(WAIT_MS, TimeUnit.MILLISECONDS);
            assertThat(receive(udpPeer)).isEqualTo(request.toString());
        }
    }

    @Test
    void refusesToSendAMessageOverTheSizeBound() {
        InetSocketAddress any = new InetSocketAddress(LOOPBACK, 0);
        layer = NettyTransportLayer.start(new TransportConfig(List.of(new ListenerConfig(Transport.UDP, any)),
                new ParserConfig(1024, 64), 10, 10, 1, Duration.ofMinutes(1)).withNativeTransport(nativeTransport),
                inbound::add);
        String big = options("SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-x", "x")
                .replace("Content-Length: 0\r\n", "X-Padding: " + "p".repeat(2000) + "\r\nContent-Length: 0\r\n");
        SipRequest request = (SipRequest) SipParser.parse(big.getBytes(StandardCharsets.UTF_8));
        assertThat(layer.send(request, new Target(Transport.UDP, new InetSocketAddress(LOOPBACK, 9), "x")))
                .failsWithin(WAIT_MS, TimeUnit.MILLISECONDS).withThrowableThat().withMessageContaining("exceeds");
    }

    @Test
    void answersABadVersionOverTcpAndKeepsTheConnection() throws Exception {
        start(8);
        InetSocketAddress tcp = layer.localAddresses(Transport.TCP).get(0);
        try (Socket client = new Socket(LOOPBACK, tcp.getPort())) {
            client.setSoTimeout(WAIT_MS);
            String via = "SIP/2.0/TCP 127.0.0.1:" + client.getLocalPort() + ";branch=z9hG4bK-v";
            String bad = options(via + "7", "v7").replace("SIP/2.0\r\nVia", "SIP/7.0\r\nVia");
            client.getOutputStream().write((bad + options(via + "2", "v2")).getBytes(StandardCharsets.UTF_8));

            assertThat(next().message().callId()).isEqualTo("v2");
            byte[] head = client.getInputStream().readNBytes("SIP/2.0 505 Version Not Supported\r\n".length());
            assertThat(new String(head, StandardCharsets.US_ASCII)).isEqualTo("SIP/2.0 505 Version Not Supported\r\n");
            assertThat(layer.stats().answeredMalformed()).isEqualTo(1);
        }
    }

    @Test
    void closesAStreamConnectionThatStaysIdle() throws Exception {
        start(8, Duration.ofMillis(300));
        InetSocketAddress tcp = layer.localAddresses(Transport.TCP).get(0);
        try (Socket idle = new Socket(LOOPBACK, tcp.getPort())) {
            idle.setSoTimeout(WAIT_MS);
            assertThat(idle.getInputStream().read()).isEqualTo(-1);
            assertThat(layer.stats().idleClosed()).isEqualTo(1);
        }
    }
}
