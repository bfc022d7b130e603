package org.parley.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.dns.DnsRecordType;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.message.ParserConfig;
import org.parley.message.SipParser;
import org.parley.message.SipResponse;
import org.parley.transport.resolve.DnsServerLocator;
import org.parley.transport.resolve.LocationException;
import org.parley.transport.resolve.ResolverConfig;
import org.parley.transport.resolve.TestDnsServer;

/**
 * RFC 3261 §18.2.2 with RFC 3263 §5: responses to a Via sent-by host name, resolved against an
 * in-process DNS server; every address is loopback and every port ephemeral.
 */
class ResponseLocationIT {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final int WAIT_MS = 5_000;

    private final List<AutoCloseable> started = new ArrayList<>();
    private TestDnsServer dns;

    @BeforeEach
    void startDns() {
        dns = TestDnsServer.start();
        started.add(dns);
    }

    @AfterEach
    void stopEverything() throws Exception {
        for (AutoCloseable c : started.reversed()) {
            c.close();
        }
    }

    private NettyTransportLayer layer(RoutingConfig routing) {
        InetSocketAddress any = new InetSocketAddress(LOOPBACK, 0);
        TransportConfig config = new TransportConfig(List.of(new ListenerConfig(Transport.UDP, any),
                new ListenerConfig(Transport.TCP, any)), ParserConfig.DEFAULT, 100, 8, 1, Duration.ofMinutes(1));
        NettyTransportLayer layer = NettyTransportLayer.start(config, routing, in -> { }, InstantSource.system());
        started.add(layer);
        return layer;
    }

    private NettyTransportLayer layerResolvingWithDns() {
        DnsServerLocator locator = new DnsServerLocator(ResolverConfig.of(List.of(dns.address()))
                .withQueryTimeout(Duration.ofSeconds(2))
                .withAddressPreference(ResolverConfig.AddressPreference.IPV4_ONLY));
        started.add(locator);
        return layer(RoutingConfig.DEFAULT.withResponseLocator(locator));
    }

    private static SipResponse ok(String via) {
        String text = "SIP/2.0 200 OK\r\nVia: " + via + "\r\n"
                + "From: <sip:alice@example.com>;tag=a1\r\nTo: <sip:bob@example.com>;tag=b1\r\n"
                + "Call-ID: resp-1\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
        return (SipResponse) SipParser.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The request came over a connection that is gone (id 0 names none). */
    private static Source goneConnection(Transport transport) {
        return new Source(transport, new InetSocketAddress(LOOPBACK, 9), new InetSocketAddress(LOOPBACK, 5060), 0);
    }

    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, LOOPBACK)) {
            return s.getLocalPort();
        }
    }

    @Test
    void followsTheSrvRecordsOfTheSentByNameAndFailsOverToTheNextTarget() throws Exception {
        try (ServerSocket client = new ServerSocket(0, 1, LOOPBACK)) {
            client.setSoTimeout(WAIT_MS);
            dns.srv("_sip._tcp.client.example.com", 300, 0, 0, closedPort(), "down.example.com")
                    .srv("_sip._tcp.client.example.com", 300, 1, 0, client.getLocalPort(), "up.example.com")
                    .address("down.example.com", 300, "127.0.0.1")
                    .address("up.example.com", 300, "127.0.0.1");
            NettyTransportLayer layer = layerResolvingWithDns();
            SipResponse response = ok("SIP/2.0/TCP client.example.com;branch=z9hG4bK-r1");

            layer.respond(response, goneConnection(Transport.TCP)).get(WAIT_MS, TimeUnit.MILLISECONDS);

            try (Socket accepted = client.accept()) {
                accepted.setSoTimeout(WAIT_MS);
                String got = new String(accepted.getInputStream().readNBytes(response.size()), StandardCharsets.UTF_8);
                assertThat(got).isEqualTo(response.toString());
            }
            assertThat(dns.queries("_sip._tcp.client.example.com", DnsRecordType.SRV)).isEqualTo(1);
        }
    }

    @Test
    void looksUpOnlyAddressesWhenTheSentByHasAPort() throws Exception {
        try (DatagramSocket client = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            client.setSoTimeout(WAIT_MS);
            dns.address("client.example.com", 300, "127.0.0.1");
            NettyTransportLayer layer = layerResolvingWithDns();
            SipResponse response = ok("SIP/2.0/UDP client.example.com:" + client.getLocalPort()
                    + ";branch=z9hG4bK-r2");

            layer.respond(response, goneConnection(Transport.UDP)).get(WAIT_MS, TimeUnit.MILLISECONDS);

            byte[] buf = new byte[4096];
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            client.receive(p);
            String got = new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
            assertThat(got).isEqualTo(response.toString());
            // RFC 3263 §5: an explicit port means no SRV lookup.
            assertThat(dns.queries("_sip._udp.client.example.com", DnsRecordType.SRV)).isZero();
        }
    }

    @Test
    void resolvesTheSentByNameWhenTheConnectionToReceivedFails() throws Exception {
        try (ServerSocket client = new ServerSocket(0, 1, LOOPBACK)) {
            client.setSoTimeout(WAIT_MS);
            dns.address("client.example.com", 300, "127.0.0.1");
            NettyTransportLayer layer = layerResolvingWithDns();
            // Nothing listens on ::1 at that port: the received address fails, the name does not.
            SipResponse response = ok("SIP/2.0/TCP client.example.com:" + client.getLocalPort()
                    + ";branch=z9hG4bK-r3;received=::1");

            layer.respond(response, goneConnection(Transport.TCP)).get(WAIT_MS, TimeUnit.MILLISECONDS);

            try (Socket accepted = client.accept()) {
                accepted.setSoTimeout(WAIT_MS);
                assertThat(accepted.getInputStream().readNBytes(response.size())).hasSize(response.size());
            }
            assertThat(dns.queries("client.example.com", DnsRecordType.A)).isEqualTo(1);
        }
    }

    @Test
    void failsClearlyWithoutALocator() {
        NettyTransportLayer layer = layer(RoutingConfig.DEFAULT);
        var sent = layer.respond(ok("SIP/2.0/UDP client.example.com;branch=z9hG4bK-r4"),
                goneConnection(Transport.UDP));
        assertThat(sent).failsWithin(WAIT_MS, TimeUnit.MILLISECONDS).withThrowableThat()
                .havingCause().isInstanceOf(LocationException.class).withMessageContaining("RFC 3263 §5")
                .withMessageContaining("client.example.com");
        assertThat(dns.totalQueries()).isZero();
    }

    @Test
    void failsNamingEveryTargetWhenNoneCanBeReached() throws Exception {
        dns.srv("_sip._tcp.client.example.com", 300, 0, 0, closedPort(), "a.example.com")
                .srv("_sip._tcp.client.example.com", 300, 1, 0, closedPort(), "b.example.com")
                .address("a.example.com", 300, "127.0.0.1")
                .address("b.example.com", 300, "127.0.0.1");
        NettyTransportLayer layer = layerResolvingWithDns();
        var sent = layer.respond(ok("SIP/2.0/TCP client.example.com;branch=z9hG4bK-r5"),
                goneConnection(Transport.TCP));
        assertThat(sent).failsWithin(WAIT_MS, TimeUnit.MILLISECONDS).withThrowableThat()
                .withMessageContaining("all 2 targets failed").withMessageContaining("a.example.com")
                .withMessageContaining("b.example.com");
    }
}
