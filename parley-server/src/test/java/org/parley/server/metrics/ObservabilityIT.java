package org.parley.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.message.SipResponse;
import org.parley.proxy.location.LocationCounts;
import org.parley.server.admin.AdminConfig;
import org.parley.server.admin.AdminServer;
import org.parley.server.admin.AdminToken;
import org.parley.server.admin.CallEntry;
import org.parley.server.admin.Health;
import org.parley.server.admin.RegistrationEntry;
import org.parley.server.admin.ServerView;
import org.parley.server.log.AccessLog;
import org.parley.server.log.AccessLogConfig;
import org.parley.server.log.LogLevels;
import org.parley.server.log.MessageTrace;
import org.parley.transaction.EventLoopLane;
import org.parley.transaction.TransactionConfig;
import org.parley.transaction.TransactionLayer;
import org.parley.transaction.TransactionStats;
import org.parley.transport.ListenerConfig;
import org.parley.transport.NettyTransportLayer;
import org.parley.transport.Transport;
import org.parley.transport.TransportConfig;
import org.slf4j.LoggerFactory;

/**
 * Everything wired as the server will wire it — metrics, access log and tracing on a real transaction layer
 * on loopback UDP and TCP, the admin server in front — and driven by a peer over real sockets.
 */
class ObservabilityIT {
    private static final String TOKEN = "observability-it-token-0123456789";
    private static final int WAIT_MS = 5_000;
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @TempDir
    Path dir;

    private final EventLoopLane lane = new EventLoopLane("observe-lane");
    private final MessageTrace trace = new MessageTrace();
    private final ListAppender<ILoggingEvent> traced = new ListAppender<>();
    private final Logger traceLogger = (Logger) LoggerFactory.getLogger(MessageTrace.LOGGER);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private TransactionLayer layer;
    private ServerMetrics metrics;
    private AccessLog accessLog;
    private AdminServer admin;

    /** The view a server gives: its transaction layer's figures, no registrations or calls here. */
    private final class LayerView implements ServerView {
        @Override
        public Health health() {
            return Health.UP;
        }

        @Override
        public CompletableFuture<List<RegistrationEntry>> registrations(int limit) {
            return CompletableFuture.completedFuture(List.of());
        }

        @Override
        public CompletableFuture<LocationCounts> registrationCounts() {
            return CompletableFuture.completedFuture(new LocationCounts(3, 4));
        }

        @Override
        public CompletableFuture<Integer> liveTransactions() {
            return layer.liveTransactions();
        }

        @Override
        public TransactionStats transactionStats() {
            return layer.stats();
        }

        @Override
        public List<CallEntry> calls() {
            return List.of();
        }
    }

    @BeforeEach
    void start() throws IOException {
        traced.start();
        traceLogger.addAppender(traced);
        metrics = new ServerMetrics(new LayerView());
        accessLog = AccessLog.open(AccessLogConfig.of(dir.resolve("access.log")), InstantSource.system());
        accessLog.bindTo(metrics.registry());
        InetSocketAddress any = new InetSocketAddress(LOOPBACK, 0);
        TransportConfig transport = TransportConfig.of(List.of(new ListenerConfig(Transport.UDP, any),
                new ListenerConfig(Transport.TCP, any)));
        SipMetrics sip = metrics.sip();
        layer = TransactionLayer.start(TransactionConfig.defaults().withLanes(1).withObserver(sip.andThen(accessLog)),
                List.of(lane), (tx, request) -> tx.respond(SipResponse.responseTo(request, 200).build()),
                h -> trace.tracing(new MeteredTransportLayer(
                        NettyTransportLayer.start(transport, MeteredTransportLayer.counting(trace.tracing(h), sip)),
                        sip)));
        sip.bindTransactions(layer.stats());
        admin = AdminServer.start(new AdminConfig(new InetSocketAddress(LOOPBACK, 0)), AdminToken.of(TOKEN),
                new LayerView(), metrics, trace, LogLevels.ofLogback());
    }

    @AfterEach
    void stop() {
        admin.close();
        layer.close();
        lane.close();
        accessLog.close();
        http.close();
        traceLogger.detachAppender(traced);
    }

    private static String register(String branch, int port) {
        return "REGISTER sip:example.test SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:" + port + ";branch=" + branch
                + "\r\nMax-Forwards: 70\r\nFrom: <sip:alice@example.test>;tag=a1\r\nTo: <sip:alice@example.test>\r\n"
                + "Call-ID: " + branch + "@it\r\nCSeq: 1 REGISTER\r\nContact: <sip:alice@127.0.0.1:" + port + ">\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    private String get(String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + admin.address().getPort() + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        return r.body();
    }

    private void put(String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + admin.address().getPort() + path)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + TOKEN).PUT(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path).isEqualTo(200);
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(condition.getAsBoolean()).as(what + " within %d ms", WAIT_MS).isTrue();
    }

    private static double sample(String text, String name, String... labels) {
        OptionalDouble v = Scraped.value(text, name, labels);
        assertThat(v).as("%s %s", name, List.of(labels)).isPresent();
        return v.getAsDouble();
    }

    @Test
    void aRegisterOverUdpIsCountedTimedLoggedAndTracedAndAGarbagePacketCountsAsMalformed() throws Exception {
        InetSocketAddress udp = layer.transport().localAddresses(Transport.UDP).get(0);
        put("/api/trace?address=127.0.0.1");
        try (DatagramSocket phone = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            phone.setSoTimeout(WAIT_MS);
            byte[] request = register("z9hG4bK-it1", phone.getLocalPort()).getBytes(StandardCharsets.UTF_8);
            phone.send(new DatagramPacket(request, request.length, udp));
            byte[] buf = new byte[4096];
            DatagramPacket answer = new DatagramPacket(buf, buf.length);
            phone.receive(answer);
            assertThat(new String(buf, 0, answer.getLength(), StandardCharsets.UTF_8)).startsWith("SIP/2.0 200");
            byte[] garbage = "this is not SIP\r\n\r\n".getBytes(StandardCharsets.UTF_8);
            phone.send(new DatagramPacket(garbage, garbage.length, udp));
        }
        await("the malformed packet counted", () -> layer.transport().stats().malformed() == 1);
        await("the access log line written", () -> accessLog.written() == 1);

        String text = get("/metrics");
        assertThat(sample(text, "parley_sip_requests_total", "direction", "in", "method", "REGISTER", "transport",
                "UDP")).isEqualTo(1.0);
        assertThat(sample(text, "parley_sip_responses_total", "direction", "out", "code", "200", "transport",
                "UDP")).isEqualTo(1.0);
        assertThat(sample(text, "parley_sip_server_transaction_duration_seconds_count", "method", "REGISTER"))
                .isEqualTo(1.0);
        assertThat(sample(text, "parley_transport_malformed_total")).isEqualTo(1.0);
        assertThat(sample(text, "parley_transactions_started_total", "side", "server")).isEqualTo(1.0);
        assertThat(sample(text, "parley_transactions_live")).as("Timer J keeps it over UDP").isEqualTo(1.0);
        assertThat(sample(text, "parley_registrations_bindings")).isEqualTo(4.0);
        assertThat(sample(text, "parley_access_log_lines_total")).isEqualTo(1.0);
        assertThat(text).contains("jvm_memory_used_bytes");

        accessLog.close();
        assertThat(Files.readAllLines(dir.resolve("access.log"))).singleElement().asString()
                .matches("\\S+Z z9hG4bK-it1@it REGISTER udp:127\\.0\\.0\\.1:\\d+ 200 \\d+\\.\\d{3}");
        assertThat(traced.list).extracting(ILoggingEvent::getFormattedMessage).anyMatch(m ->
                m.startsWith("received from UDP") && m.contains("REGISTER sip:example.test"))
                .anyMatch(m -> m.startsWith("sent to UDP") && m.contains("SIP/2.0 200"));
    }

    @Test
    void anOpenTcpConnectionShowsInTheConnectionsGauge() throws Exception {
        InetSocketAddress tcp = layer.transport().localAddresses(Transport.TCP).get(0);
        try (Socket phone = new Socket(LOOPBACK, tcp.getPort())) {
            phone.setSoTimeout(WAIT_MS);
            phone.getOutputStream().write(register("z9hG4bK-it2", phone.getLocalPort()).replace("SIP/2.0/UDP",
                    "SIP/2.0/TCP").getBytes(StandardCharsets.UTF_8));
            InputStream in = phone.getInputStream();
            assertThat(new String(in.readNBytes(12), StandardCharsets.US_ASCII)).isEqualTo("SIP/2.0 200 ");
            String text = get("/metrics");
            assertThat(sample(text, "parley_transport_connections", "transport", "TCP")).isEqualTo(1.0);
            assertThat(sample(text, "parley_transport_connections", "transport", "TLS")).isZero();
            assertThat(sample(text, "parley_sip_requests_total", "method", "REGISTER", "transport", "TCP"))
                    .isEqualTo(1.0);
        }
        await("the connection closed", () -> layer.transport().stats().openConnections(Transport.TCP) == 0);
        assertThat(traced.list).as("tracing is off").isEmpty();
    }
}
