package org.parley.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.channel.epoll.Epoll;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.parley.message.SipParser;
import org.parley.message.SipRequest;
import org.parley.message.SipResponse;

/**
 * A UDP listener on native epoll is one {@code SO_REUSEPORT} socket per event loop, all on one port:
 * requests from many source ports are spread over the loops, every one is delivered, and every
 * response leaves from the listener's port. Loopback only, ephemeral ports.
 */
class ReusePortIT {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final int WAIT_MS = 5_000;
    private static final int LOOPS = 4;
    /** Source ports: with 4 sockets, all landing on one of them by chance has odds of 4^-63. */
    private static final int CLIENTS = 64;

    /** The names of the event-loop threads that delivered, by Call-ID. */
    private final ConcurrentHashMap<String, String> threadByCallId = new ConcurrentHashMap<>();
    private NettyTransportLayer layer;

    @AfterEach
    void closeLayer() {
        if (layer != null) {
            layer.close();
        }
    }

    private NettyTransportLayer start(boolean nativeTransport) {
        TransportConfig config = TransportConfig.of(List.of(new ListenerConfig(Transport.UDP,
                new InetSocketAddress(LOOPBACK, 0)))).withIoThreads(LOOPS).withNativeTransport(nativeTransport);
        layer = NettyTransportLayer.start(config, in -> {
            threadByCallId.put(in.message().callId(), Thread.currentThread().getName());
            SipResponse ok = SipResponse.responseTo((SipRequest) in.message(), 200).build();
            layer.respond(ok, in.source());
        });
        return layer;
    }

    private static byte[] options(int clientPort, String callId) {
        return ("OPTIONS sip:bob@127.0.0.1 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + clientPort + ";branch=z9hG4bK-" + callId + "\r\n"
                + "Max-Forwards: 70\r\nFrom: <sip:alice@127.0.0.1>;tag=a1\r\nTo: <sip:bob@127.0.0.1>\r\n"
                + "Call-ID: " + callId + "\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Sends one request from each of {@link #CLIENTS} sockets and checks every answer; returns the loops used. */
    private Set<String> exchangeFromManySourcePorts() throws Exception {
        int port = layer.localAddresses(Transport.UDP).get(0).getPort();
        List<DatagramSocket> clients = new ArrayList<>();
        try {
            for (int i = 0; i < CLIENTS; i++) {
                DatagramSocket c = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
                clients.add(c);
                c.setSoTimeout(WAIT_MS);
                byte[] req = options(c.getLocalPort(), "rp-" + i);
                c.send(new DatagramPacket(req, req.length, LOOPBACK, port));
            }
            for (int i = 0; i < CLIENTS; i++) {
                byte[] buf = new byte[4096];
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                clients.get(i).receive(p);
                SipResponse answer = (SipResponse) SipParser.parse(Arrays.copyOf(buf, p.getLength()));
                assertThat(answer.statusCode()).isEqualTo(200);
                assertThat(answer.callId()).isEqualTo("rp-" + i);
                // RFC 3261 §18.2.2 (and what NATs need): the response comes from the port the request went to.
                assertThat(p.getPort()).as("source port of the response to rp-%d", i).isEqualTo(port);
            }
        } finally {
            clients.forEach(DatagramSocket::close);
        }
        assertThat(threadByCallId).hasSize(CLIENTS);
        assertThat(layer.stats().received()).isEqualTo(CLIENTS);
        return new HashSet<>(threadByCallId.values());
    }

    @Test
    void spreadsOneUdpPortOverEveryEventLoopWithEpoll() throws Exception {
        assumeTrue(Epoll.isAvailable(), () -> "native epoll unavailable here: " + Epoll.unavailabilityCause());
        start(true);
        assertThat(layer.ioKind()).isEqualTo("epoll");
        assertThat(layer.socketsBound(Transport.UDP)).isEqualTo(LOOPS);
        assertThat(layer.localAddresses(Transport.UDP)).hasSize(1);

        Set<String> loops = exchangeFromManySourcePorts();
        assertThat(loops).as("event loops that delivered").hasSizeGreaterThan(1).hasSizeLessThanOrEqualTo(LOOPS)
                .allMatch(name -> name.startsWith("parley-io-"));
    }

    @Test
    void readsOneUdpPortWithOneSocketOnNio() throws Exception {
        start(false);
        assertThat(layer.ioKind()).isEqualTo("nio");
        assertThat(layer.socketsBound(Transport.UDP)).isEqualTo(1);

        assertThat(exchangeFromManySourcePorts()).hasSize(1);
    }
}
