package org.parley.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.parley.message.SipParser;
import org.parley.message.SipRequest;
import org.parley.transport.resolve.Target;
import org.parley.transport.tls.ClientAuth;
import org.parley.transport.tls.TlsConfig;
import org.parley.transport.tls.TlsProvider;

/**
 * RFC 5923 aliases over TLS: a trunk that proves {@code trunk.example.net} with its certificate and
 * puts {@code alias} in its Via gets later requests for that sent-by over the connection it opened.
 */
class TlsAliasIT {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final int WAIT_MS = 5_000;

    private final BlockingQueue<Inbound> atServer = new LinkedBlockingQueue<>();
    private final BlockingQueue<Inbound> atTrunk = new LinkedBlockingQueue<>();
    private final List<NettyTransportLayer> layers = new ArrayList<>();

    @AfterEach
    void closeLayers() {
        layers.forEach(NettyTransportLayer::close);
    }

    private NettyTransportLayer start(TransportConfig config, BlockingQueue<Inbound> queue) {
        NettyTransportLayer layer = NettyTransportLayer.start(config, queue::add);
        layers.add(layer);
        return layer;
    }

    private NettyTransportLayer server() {
        TlsConfig tls = TlsConfig.builder().provider(TlsProvider.JDK).identity(TestPki.identity(TestPki.SERVER))
                .trust(TestPki.trust(TestPki.CA)).clientAuth(ClientAuth.REQUIRE).build();
        return start(TransportConfig.of(List.of(new ListenerConfig(Transport.TLS,
                new InetSocketAddress(LOOPBACK, 0)))).withTls(tls), atServer);
    }

    private NettyTransportLayer trunk() {
        TlsConfig tls = TlsConfig.builder().provider(TlsProvider.JDK).identity(TestPki.identity(TestPki.TRUNK))
                .trust(TestPki.trust(TestPki.CA)).build();
        return start(TransportConfig.of(List.of()).withTls(tls), atTrunk);
    }

    private static SipRequest options(String sentBy, String callId) {
        String text = "OPTIONS sip:bob@example.com SIP/2.0\r\n"
                + "Via: SIP/2.0/TLS " + sentBy + ";branch=z9hG4bK-" + callId + ";alias\r\n"
                + "Max-Forwards: 70\r\nFrom: <sip:alice@example.com>;tag=a1\r\nTo: <sip:bob@example.com>\r\n"
                + "Call-ID: " + callId + "\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
        return (SipRequest) SipParser.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, LOOPBACK)) {
            return s.getLocalPort();
        }
    }

    private static Inbound next(BlockingQueue<Inbound> queue) throws InterruptedException {
        Inbound in = queue.poll(WAIT_MS, TimeUnit.MILLISECONDS);
        assertThat(in).as("a message within %d ms", WAIT_MS).isNotNull();
        return in;
    }

    @Test
    void sendsToTheProvenSentByOverTheTrunksOwnConnection() throws Exception {
        NettyTransportLayer server = server();
        NettyTransportLayer trunk = trunk();
        int port = closedPort();
        Target toServer = new Target(Transport.TLS, server.localAddresses(Transport.TLS).get(0), "sip.example.com");
        trunk.send(options("trunk.example.net:" + port, "in-1"), toServer).get(WAIT_MS, TimeUnit.MILLISECONDS);
        assertThat(next(atServer).source().peerIdentities()).containsExactly("trunk.example.net");

        // Nothing listens at that port: only the alias (RFC 5923 §5) can carry the request.
        Target toTrunk = new Target(Transport.TLS, new InetSocketAddress(LOOPBACK, port), "trunk.example.net");
        server.send(options("sip.example.com:5061", "out-1"), toTrunk).get(WAIT_MS, TimeUnit.MILLISECONDS);
        assertThat(next(atTrunk).message().callId()).isEqualTo("out-1");
    }

    @Test
    void refusesAnAliasForANameTheCertificateDidNotProve() throws Exception {
        NettyTransportLayer server = server();
        NettyTransportLayer trunk = trunk();
        int port = closedPort();
        Target toServer = new Target(Transport.TLS, server.localAddresses(Transport.TLS).get(0), "sip.example.com");
        trunk.send(options("other.example.net:" + port, "in-2"), toServer).get(WAIT_MS, TimeUnit.MILLISECONDS);
        next(atServer);

        Target toOther = new Target(Transport.TLS, new InetSocketAddress(LOOPBACK, port), "other.example.net");
        assertThat(server.send(options("sip.example.com:5061", "out-2"), toOther))
                .failsWithin(WAIT_MS, TimeUnit.MILLISECONDS);
        assertThat(atTrunk).isEmpty();
    }
}
