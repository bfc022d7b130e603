package org.parley.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.parley.message.SipParser;
import org.parley.message.SipRequest;
import org.parley.message.SipResponse;
import org.parley.testkit.MemoryEndpoint;
import org.parley.testkit.MemoryNetwork;
import org.parley.transaction.ServerTransaction;
import org.parley.transaction.TransactionConfig;
import org.parley.transaction.TransactionLayer;
import org.parley.transaction.TransactionUser;
import org.parley.transaction.VirtualLane;
import org.parley.transport.Inbound;
import org.parley.transport.Transport;
import org.parley.transport.resolve.Target;

/** {@link SipMetrics} fed by a transaction layer on the memory network, in virtual time. */
class SipMetricsTest {
    private static final InetSocketAddress SERVER = new InetSocketAddress("127.0.0.1", 5060);
    private static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.2", 5070);

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final SipMetrics metrics = new SipMetrics(registry);
    private final MemoryNetwork network = new MemoryNetwork();
    private final VirtualLane lane = new VirtualLane();
    private final List<ServerTransaction> requests = new ArrayList<>();
    private final List<Inbound> atPeer = new ArrayList<>();
    private final MemoryEndpoint peer = network.endpoint(PEER, atPeer::add);
    private final TransactionUser user = (tx, request) -> requests.add(tx);
    private final TransactionLayer layer = TransactionLayer.start(
            TransactionConfig.defaults().withLanes(1).withObserver(metrics), List.of(lane), user,
            h -> new MeteredTransportLayer(network.endpoint(SERVER, MeteredTransportLayer.counting(h, metrics)),
                    metrics));

    SipMetricsTest() {
        metrics.bindTransactions(layer.stats());
    }

    private void settle() {
        network.settle(lane::runPending);
    }

    private ServerTransaction fromPeer(String method, Transport transport, String branch) {
        SipRequest r = (SipRequest) SipParser.parse((method + " sip:example.test SIP/2.0\r\n"
                + "Via: SIP/2.0/" + transport + " 127.0.0.2:5070;branch=" + branch + "\r\nMax-Forwards: 70\r\n"
                + "From: <sip:alice@example.test>;tag=a1\r\nTo: <sip:alice@example.test>\r\n"
                + "Call-ID: " + branch + "@127.0.0.2\r\nCSeq: 1 " + method + "\r\nContent-Length: 0\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        peer.send(r, new Target(transport, SERVER, "127.0.0.1"));
        settle();
        return requests.get(requests.size() - 1);
    }

    private void answer(ServerTransaction tx, int status) {
        tx.respond(SipResponse.responseTo(tx.request(), status).build());
        settle();
    }

    private double value(String name, String... labels) {
        OptionalDouble v = Scraped.value(registry.scrape(), name, labels);
        assertThat(v).as("%s %s in%n%s", name, List.of(labels), registry.scrape()).isPresent();
        return v.getAsDouble();
    }

    @Test
    void countsRequestsAndResponsesByMethodStatusAndTransportBothWays() {
        ServerTransaction first = fromPeer("REGISTER", Transport.UDP, "z9hG4bK-m1");
        answer(first, 401);
        answer(fromPeer("REGISTER", Transport.UDP, "z9hG4bK-m2"), 200);
        answer(fromPeer("OPTIONS", Transport.TCP, "z9hG4bK-m3"), 200);

        assertThat(value("parley_sip_requests_total", "direction", "in", "method", "REGISTER", "transport", "UDP"))
                .isEqualTo(2.0);
        assertThat(value("parley_sip_requests_total", "direction", "in", "method", "OPTIONS", "transport", "TCP"))
                .isEqualTo(1.0);
        assertThat(value("parley_sip_responses_total", "direction", "out", "code", "401", "class", "4xx",
                "transport", "UDP")).isEqualTo(1.0);
        assertThat(value("parley_sip_responses_total", "direction", "out", "code", "200", "transport", "UDP"))
                .isEqualTo(1.0);
        assertThat(value("parley_sip_responses_total", "direction", "out", "code", "200", "transport", "TCP"))
                .isEqualTo(1.0);
        assertThat(Scraped.value(registry.scrape(), "parley_sip_requests_total", "method", "INVITE"))
                .as("a series appears on first use").isEmpty();
    }

    @Test
    void countsAnExtensionMethodAndAnUnlistedCodeUnderOtherWithTheirClass() {
        answer(fromPeer("FOO", Transport.UDP, "z9hG4bK-m4"), 499);
        answer(fromPeer("BAR", Transport.UDP, "z9hG4bK-m5"), 501);
        assertThat(value("parley_sip_requests_total", "direction", "in", "method", "other")).isEqualTo(2.0);
        assertThat(value("parley_sip_responses_total", "direction", "out", "class", "4xx", "code", "other"))
                .isEqualTo(1.0);
        assertThat(value("parley_sip_responses_total", "direction", "out", "class", "5xx", "code", "501"))
                .isEqualTo(1.0);
    }

    @Test
    void countsWhatThePeerAnswersAsResponsesIn() {
        layer.send((SipRequest) SipParser.parse(("OPTIONS sip:bob@127.0.0.2 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5060;branch=" + TransactionLayer.newBranch() + "\r\nMax-Forwards: 70\r\n"
                + "From: <sip:server@example.test>;tag=s1\r\nTo: <sip:bob@127.0.0.2>\r\nCall-ID: out-1\r\n"
                + "CSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.UTF_8)),
                new Target(Transport.UDP, PEER, "127.0.0.2"), (tx, response) -> { });
        settle();
        lane.advance(Duration.ofMillis(70));
        Inbound got = atPeer.get(0);
        peer.respond(SipResponse.responseTo((SipRequest) got.message(), 486).build(), got.source());
        settle();
        assertThat(value("parley_sip_requests_total", "direction", "out", "method", "OPTIONS")).isEqualTo(1.0);
        assertThat(value("parley_sip_responses_total", "direction", "in", "code", "486")).isEqualTo(1.0);
        assertThat(value("parley_sip_client_transaction_duration_seconds_count", "method", "OPTIONS"))
                .isEqualTo(1.0);
        assertThat(value("parley_sip_client_transaction_duration_seconds_sum", "method", "OPTIONS"))
                .isCloseTo(0.070, within(1e-9));
    }

    @Test
    void recordsServerTransactionDurationsByMethodInHistogramBuckets() {
        ServerTransaction slow = fromPeer("REGISTER", Transport.UDP, "z9hG4bK-m6");
        lane.advance(Duration.ofMillis(300));
        answer(slow, 200);
        answer(fromPeer("REGISTER", Transport.UDP, "z9hG4bK-m7"), 200);
        String m = "parley_sip_server_transaction_duration_seconds";
        assertThat(value(m + "_count", "method", "REGISTER")).isEqualTo(2.0);
        assertThat(value(m + "_sum", "method", "REGISTER")).isCloseTo(0.300, within(1e-9));
        assertThat(value(m + "_bucket", "method", "REGISTER", "le", "0.001")).isEqualTo(1.0);
        assertThat(value(m + "_bucket", "method", "REGISTER", "le", "0.25")).isEqualTo(1.0);
        assertThat(value(m + "_bucket", "method", "REGISTER", "le", "0.5")).isEqualTo(2.0);
    }

    @Test
    void exposesTheTransactionLayersCountersAsFunctionCounters() {
        ServerTransaction tx = fromPeer("OPTIONS", Transport.UDP, "z9hG4bK-m8");
        answer(tx, 200);
        answer(tx, 500);
        assertThat(value("parley_transactions_started_total", "side", "server")).isEqualTo(1.0);
        assertThat(value("parley_transactions_started_total", "side", "client")).isZero();
        assertThat(value("parley_transaction_refused_responses_total")).isEqualTo(1.0);
    }

    @Test
    void countsAuthenticationFailuresTheServerReports() {
        metrics.authenticationFailed();
        metrics.authenticationFailed();
        assertThat(value("parley_auth_failures_total")).isEqualTo(2.0);
    }

    @Test
    void countingAMessageMakesNoObjectOnceItsSeriesExists() {
        SipRequest request = fromPeer("INVITE", Transport.UDP, "z9hG4bK-m9").request();
        SipResponse response = SipResponse.responseTo(request, 180).build();
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().threadId();
        for (int i = 0; i < 20_000; i++) {
            metrics.received(request, Transport.UDP);
            metrics.sent(response, Transport.UDP);
        }
        long before = threads.getThreadAllocatedBytes(id);
        for (int i = 0; i < 100_000; i++) {
            metrics.received(request, Transport.UDP);
            metrics.sent(response, Transport.UDP);
        }
        long allocated = threads.getThreadAllocatedBytes(id) - before;
        assertThat(allocated).as("bytes allocated by 200,000 counts").isLessThan(64 * 1024);
        assertThat(value("parley_sip_requests_total", "method", "INVITE", "direction", "in"))
                .isEqualTo(120_001.0);
    }

    @Test
    void mapsStatusCodesToTheirSlotOrTheirClass() {
        assertThat(SipMetrics.CODES[SipMetrics.statusSlot(200)]).isEqualTo(200);
        assertThat(SipMetrics.CODES[SipMetrics.statusSlot(606)]).isEqualTo(606);
        assertThat(SipMetrics.statusSlot(299)).isEqualTo(SipMetrics.CODES.length + 1);
        assertThat(SipMetrics.statusSlot(699)).isEqualTo(SipMetrics.CODES.length + 5);
        assertThat(SipMetrics.statusSlot(99)).isEqualTo(SipMetrics.CODES.length + 6);
        assertThat(SipMetrics.statusSlot(700)).isEqualTo(SipMetrics.CODES.length + 6);
    }

    @Test
    void countsExactlyWhenManyThreadsCountAndMakeTheSameSeriesAtOnce() throws Exception {
        SipRequest request = fromPeer("MESSAGE", Transport.TCP, "z9hG4bK-m10").request();
        PrometheusMeterRegistry fresh = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        SipMetrics shared = new SipMetrics(fresh);
        int threads = 4;
        int each = 25_000;
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    go.await(10, TimeUnit.SECONDS);
                    for (int i = 0; i < each; i++) {
                        shared.received(request, Transport.TCP);
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        }
        assertThat(Scraped.value(fresh.scrape(), "parley_sip_requests_total", "method", "MESSAGE", "transport",
                "TCP")).hasValue((double) threads * each);
    }

    @Test
    void refusesASecondLayerBoundToTheSameMetrics() {
        assertThatThrownBy(() -> metrics.bindTransactions(layer.stats())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already");
        assertThatThrownBy(() -> metrics.bindTransport(layer.transport().stats()))
                .isInstanceOf(IllegalStateException.class);
    }
}
