package org.parley.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.parley.message.ParserConfig;
import org.parley.message.SipParser;
import org.parley.message.SipRequest;
import org.parley.transport.resolve.Target;

/** RFC 5923 connection aliases over real loopback TCP connections. */
class AliasIT {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final int WAIT_MS = 5_000;

    private final BlockingQueue<Inbound> inbound = new LinkedBlockingQueue<>();
    private NettyTransportLayer layer;

    @AfterEach
    void closeLayer() {
        if (layer != null) {
            layer.close();
        }
    }

    private void start(RoutingConfig routing) {
        InetSocketAddress any = new InetSocketAddress(LOOPBACK, 0);
        TransportConfig config = new TransportConfig(List.of(new ListenerConfig(Transport.TCP, any)),
                ParserConfig.DEFAULT, 100, 8, 1, Duration.ofMinutes(1));
        layer = NettyTransportLayer.start(config, routing, inbound::add, InstantSource.system());
    }

    private static String options(String via, String callId) {
        return "OPTIONS sip:bob@127.0.0.1 SIP/2.0\r\nVia: " + via + "\r\n"
                + "Max-Forwards: 70\r\nFrom: <sip:alice@127.0.0.1>;tag=a1\r\nTo: <sip:bob@127.0.0.1>\r\n"
                + "Call-ID: " + callId + "\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
    }

    private static SipRequest request(String callId) {
        return (SipRequest) SipParser.parse(options("SIP/2.0/TCP 127.0.0.1:5060;branch=z9hG4bK-" + callId, callId)
                .getBytes(StandardCharsets.UTF_8));
    }

    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, LOOPBACK)) {
            return s.getLocalPort();
        }
    }

    /** Connects to the layer and sends one request with {@code via}; returns once the layer has it. */
    private Socket connectAndSend(String via, String callId) throws Exception {
        Socket client = new Socket(LOOPBACK, layer.localAddresses(Transport.TCP).get(0).getPort());
        client.setSoTimeout(WAIT_MS);
        client.getOutputStream().write(options(via, callId).getBytes(StandardCharsets.UTF_8));
        Inbound in = inbound.poll(WAIT_MS, TimeUnit.MILLISECONDS);
        assertThat(in).as("the request within %d ms", WAIT_MS).isNotNull();
        assertThat(in.message().callId()).isEqualTo(callId);
        return client;
    }

    private static String read(InputStream in, int bytes) throws Exception {
        return new String(in.readNBytes(bytes), StandardCharsets.UTF_8);
    }

    @Test
    void sendsARequestForTheAliasedNumericSentByOverTheConnectionItCameOn() throws Exception {
        start(RoutingConfig.DEFAULT.withAliasOverTcp(true));
        int port = closedPort();
        try (Socket peer = connectAndSend("SIP/2.0/TCP 127.0.0.1:" + port + ";branch=z9hG4bK-a1;alias", "a1")) {
            SipRequest out = request("a1-out");
            // Nothing listens on that port: only the alias can carry it.
            layer.send(out, new Target(Transport.TCP, new InetSocketAddress(LOOPBACK, port), "127.0.0.1"))
                    .get(WAIT_MS, TimeUnit.MILLISECONDS);
            assertThat(read(peer.getInputStream(), out.size())).isEqualTo(out.toString());
        }
    }

    @Test
    void matchesATargetByTheHostNameItWasLocatedFor() throws Exception {
        start(RoutingConfig.DEFAULT.withAliasOverTcp(true));
        int port = closedPort();
        try (Socket peer = connectAndSend("SIP/2.0/TCP Peer.Example.com:" + port + ";branch=z9hG4bK-a2;alias",
                "a2")) {
            SipRequest out = request("a2-out");
            // RFC 5923 §9: the SRV target's name and port find the alias, whatever address DNS gave.
            layer.send(out, new Target(Transport.TCP, new InetSocketAddress(LOOPBACK, port), "peer.example.com"))
                    .get(WAIT_MS, TimeUnit.MILLISECONDS);
            assertThat(read(peer.getInputStream(), out.size())).isEqualTo(out.toString());
        }
    }

    @Test
    void ignoresTcpAliasesByDefault() throws Exception {
        start(RoutingConfig.DEFAULT);
        int port = closedPort();
        try (Socket peer = connectAndSend("SIP/2.0/TCP 127.0.0.1:" + port + ";branch=z9hG4bK-a3;alias", "a3")) {
            var sent = layer.send(request("a3-out"),
                    new Target(Transport.TCP, new InetSocketAddress(LOOPBACK, port), "127.0.0.1"));
            assertThat(sent).failsWithin(WAIT_MS, TimeUnit.MILLISECONDS).withThrowableThat()
                    .withMessageContaining("cannot connect over TCP");
            // The peer's connection is open all along; it was just not offered for its sent-by.
            assertThat(peer.isClosed()).isFalse();
        }
    }

    @Test
    void dropsTheAliasWhenItsConnectionCloses() throws Exception {
        start(RoutingConfig.DEFAULT.withAliasOverTcp(true));
        int port = closedPort();
        Target target = new Target(Transport.TCP, new InetSocketAddress(LOOPBACK, port), "127.0.0.1");
        Socket peer = connectAndSend("SIP/2.0/TCP 127.0.0.1:" + port + ";branch=z9hG4bK-a4;alias", "a4");
        peer.close();
        // The layer notices the close at its own pace: poll, bounded in time, until a send no longer
        // finds the alias and tries to connect (to a port where nothing listens).
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
        String lastFailure = "";
        while (System.nanoTime() < deadline && !lastFailure.contains("cannot connect")) {
            CompletableFuture<Void> sent = layer.send(request("a4-out"), target);
            try {
                sent.get(WAIT_MS, TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                lastFailure = String.valueOf(e.getCause().getMessage());
            }
        }
        assertThat(lastFailure).contains("cannot connect over TCP");
    }
}
