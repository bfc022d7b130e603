package org.parley.proxy.nat;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.parley.message.HeaderName;
import org.parley.message.Method;
import org.parley.message.SipRequest;
import org.parley.message.SipResponse;
import org.parley.message.header.Address;
import org.parley.message.header.Contact;
import org.parley.proxy.location.AddressOfRecord;
import org.parley.proxy.location.Binding;
import org.parley.proxy.location.BindingChange;
import org.parley.proxy.location.ChangeResult;
import org.parley.proxy.location.LocationCounts;
import org.parley.proxy.location.LocationStore;
import org.parley.proxy.location.MemoryLocationStore;
import org.parley.testkit.MemoryEndpoint;
import org.parley.testkit.MemoryNetwork;
import org.parley.testkit.Packet;
import org.parley.transaction.ServerTransaction;
import org.parley.transaction.TransactionConfig;
import org.parley.transaction.TransactionLayer;
import org.parley.transaction.VirtualLane;
import org.parley.transport.Source;
import org.parley.transport.Transport;
import org.parley.transport.resolve.Target;

/**
 * The NAT keep-alive over the memory network in virtual time: who gets OPTIONS and who a CRLF ping,
 * the OPTIONS' headers (RFC 3261 §8.1.1, §11.1), the spread of a round over the interval, the
 * failure count, reporting and removal, the bounds, and a failing store.
 */
class NatKeepAliveTest {
    private static final InetSocketAddress PROXY = new InetSocketAddress("127.0.0.2", 5060);
    private static final InetSocketAddress CLIENT = new InetSocketAddress("127.0.0.5", 5062);
    private static final Duration INTERVAL = KeepAliveConfig.DEFAULT_INTERVAL;
    private static final Duration STEP = Duration.ofMillis(10);

    private final MemoryNetwork network = new MemoryNetwork();
    private final VirtualLane lane = new VirtualLane();
    private final MemoryLocationStore store = new MemoryLocationStore(network.clock());
    private final List<SipRequest> clientReceived = new ArrayList<>();
    private final List<Instant> clientReceivedAt = new ArrayList<>();
    private final List<Source> proxyReceivedFrom = new ArrayList<>();
    private final List<String> reports = new ArrayList<>();
    private final AtomicInteger clientStatus = new AtomicInteger(200);
    private TransactionLayer proxy;
    private TransactionLayer client;
    private NatKeepAlive keepAlive;

    private void startProxy() {
        proxy = TransactionLayer.start(TransactionConfig.defaults(), List.of(lane), (ServerTransaction tx,
                SipRequest request) -> {
            proxyReceivedFrom.add(tx.source());
            tx.respond(SipResponse.responseTo(request, 200).build());
        }, h -> network.endpoint(PROXY, h));
    }

    private void startClient() {
        client = TransactionLayer.start(TransactionConfig.defaults(), List.of(lane), (ServerTransaction tx,
                SipRequest request) -> {
            clientReceived.add(request);
            clientReceivedAt.add(network.clock().instant());
            tx.respond(SipResponse.responseTo(request, clientStatus.get()).build());
        }, h -> network.endpoint(CLIENT, h));
    }

    private void startKeepAlive(KeepAliveConfig config, LocationStore locations) {
        keepAlive = NatKeepAlive.of(config, locations, proxy, network.clock(),
                (binding, failures, removed) -> reports.add(binding.aor() + " " + failures + " " + removed));
        keepAlive.start();
    }

    @AfterEach
    void close() {
        if (keepAlive != null) {
            keepAlive.close();
        }
        if (client != null) {
            client.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        network.settle(lane::runPending);
    }

    /** Moves the network clock and the lane's timers together, delivering what falls due. */
    private void run(Duration total) {
        for (long t = 0; t < total.toMillis(); t += STEP.toMillis()) {
            network.clock().advance(STEP);
            lane.advance(STEP);
            network.settle(lane::runPending);
        }
    }

    private Binding binding(String user, String contact, Source source, List<Address> path) {
        AddressOfRecord aor = new AddressOfRecord(user, "example.com");
        return new Binding(aor, Contact.parse(contact), network.clock().instant().plus(Duration.ofHours(1)),
                "reg-" + user, 1, path, Optional.empty(), OptionalInt.empty(), source, Optional.empty());
    }

    private Binding udpBinding(String user, String contact) {
        return binding(user, contact, new Source(Transport.UDP, CLIENT, PROXY, 0), List.of());
    }

    private void put(Binding b) {
        ChangeResult r = store.apply(BindingChange.of(b.aor(), network.clock().instant(), b.callId(), b.cseq(),
                List.of(b), 10)).join();
        assertThat(r.isApplied()).isTrue();
    }

    @Test
    void sendsOneOptionsPerIntervalToANattedUdpBindingWithTheHeadersOfANewRequest() {
        startProxy();
        startClient();
        put(udpBinding("alice", "<sip:alice@192.168.1.20:5060;transport=udp>"));
        startKeepAlive(KeepAliveConfig.defaults(), store);

        run(INTERVAL.multipliedBy(3).minusSeconds(1));

        assertThat(clientReceived).hasSize(3);
        SipRequest first = clientReceived.get(0);
        assertThat(first.method()).isEqualTo(Method.OPTIONS);
        assertThat(first.requestUriText()).isEqualTo("sip:alice@192.168.1.20:5060;transport=udp");
        assertThat(first.header(HeaderName.TO)).hasValue("<sip:alice@example.com>");
        assertThat(first.header(HeaderName.FROM)).hasValueSatisfying(f -> assertThat(f)
                .startsWith("<sip:keepalive@example.com>;tag="));
        assertThat(first.header(HeaderName.CSEQ)).hasValue("1 OPTIONS");
        assertThat(first.header(HeaderName.MAX_FORWARDS)).hasValue("70");
        assertThat(first.topVia().isRfc3261Branch()).isTrue();
        assertThat(first.topVia().toString()).contains("SIP/2.0/UDP 127.0.0.2:5060").contains("rport");
        // RFC 3261 §8.1.1.4: a new Call-ID for each request outside a dialog.
        assertThat(clientReceived.stream().map(SipRequest::callId).distinct()).hasSize(3);
        assertThat(keepAlive.stats().optionsSent()).isEqualTo(3);
        assertThat(keepAlive.stats().answered()).isEqualTo(3);
        assertThat(keepAlive.stats().rounds()).isEqualTo(3);
        assertThat(reports).isEmpty();
    }

    @Test
    void leavesAloneBindingsWhoseContactIsTheirSourceAndBindingsBehindAnEdgeProxy() {
        startProxy();
        startClient();
        put(udpBinding("direct", "<sip:direct@127.0.0.5:5062>"));
        put(binding("edge", "<sip:edge@192.168.1.20>", new Source(Transport.UDP, CLIENT, PROXY, 0),
                List.of(Address.parse("Path", "<sip:edge.example.net;lr>"))));
        startKeepAlive(KeepAliveConfig.defaults(), store);

        run(INTERVAL.plusSeconds(1));

        assertThat(clientReceived).isEmpty();
        assertThat(keepAlive.stats().rounds()).isEqualTo(2);
        assertThat(keepAlive.stats().optionsSent()).isZero();
        assertThat(keepAlive.stats().pingsSent()).isZero();
    }

    @Test
    void spreadsTheSendsOfARoundEvenlyOverTheInterval() {
        startProxy();
        startClient();
        for (int i = 0; i < 200; i++) {
            put(udpBinding("u" + i, "<sip:u" + i + "@10.0.0.1:" + (6000 + i) + ">"));
        }
        startKeepAlive(KeepAliveConfig.defaults().withPageSize(64), store);

        run(INTERVAL.minusMillis(100));

        assertThat(clientReceived).hasSize(200);
        Map<Long, Integer> perSecond = new TreeMap<>();
        Instant start = clientReceivedAt.get(0);
        clientReceivedAt.forEach(at -> perSecond.merge(Duration.between(start, at).toSeconds(), 1, Integer::sum));
        // 200 over 25 s is 8 a second: no burst, and the whole interval used.
        assertThat(perSecond.values()).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(10));
        assertThat(Duration.between(start, clientReceivedAt.get(199))).isGreaterThan(INTERVAL.minusSeconds(2));
    }

    @Test
    void reportsAndRemovesABindingThatFailsThreeKeepAlivesInARow() {
        startProxy();
        // No client: the OPTIONS are lost, each transaction ends in Timer F's 408 after 32 s.
        put(udpBinding("alice", "<sip:alice@192.168.1.20:5060>"));
        startKeepAlive(KeepAliveConfig.defaults(), store);

        run(Duration.ofSeconds(120));
        assertThat(reports).isEmpty();
        assertThat(keepAlive.stats().failed()).isEqualTo(2);
        // The rounds at 25 s and 75 s found the OPTIONS before still unanswered, and skipped the binding.
        assertThat(keepAlive.stats().stillPending()).isEqualTo(2);

        run(Duration.ofSeconds(15));
        assertThat(reports).containsExactly("sip:alice@example.com 3 true");
        assertThat(keepAlive.stats().unreachable()).isEqualTo(1);
        assertThat(keepAlive.stats().removed()).isEqualTo(1);
        assertThat(store.lookup(new AddressOfRecord("alice", "example.com")).join()).isEmpty();
    }

    @Test
    void onlyReportsAnUnreachableBindingWhenRemovalIsOff() {
        startProxy();
        put(udpBinding("alice", "<sip:alice@192.168.1.20:5060>"));
        startKeepAlive(KeepAliveConfig.defaults().withRemoveUnreachable(false).withMaxFailures(1), store);

        run(Duration.ofSeconds(35));

        assertThat(reports).containsExactly("sip:alice@example.com 1 false");
        assertThat(keepAlive.stats().removed()).isZero();
        assertThat(store.lookup(new AddressOfRecord("alice", "example.com")).join()).hasSize(1);
    }

    @Test
    void anyResponseShowsTheClientIsReachable() {
        startProxy();
        startClient();
        clientStatus.set(405);
        put(udpBinding("alice", "<sip:alice@192.168.1.20:5060>"));
        startKeepAlive(KeepAliveConfig.defaults().withMaxFailures(1), store);

        run(INTERVAL.multipliedBy(4));

        assertThat(keepAlive.stats().answered()).isEqualTo(4);
        assertThat(keepAlive.stats().failed()).isZero();
        assertThat(reports).isEmpty();
    }

    @Test
    void pingsAStreamFlowWithCrlfCrlfAndCountsAClosedFlowAsAFailure() {
        startProxy();
        startClient();
        // The client opens a TCP flow to the proxy, as a REGISTER over TCP would.
        SipRequest hello = SipRequest.builder(Method.OPTIONS, "sip:example.com")
                .add(HeaderName.VIA, "SIP/2.0/TCP 127.0.0.5:5062;branch=" + TransactionLayer.newBranch())
                .add(HeaderName.MAX_FORWARDS, "70").add(HeaderName.FROM, "<sip:bob@example.com>;tag=1")
                .add(HeaderName.TO, "<sip:example.com>").add(HeaderName.CALL_ID, "flow-1")
                .add(HeaderName.CSEQ, "1 OPTIONS").build();
        client.send(hello, new Target(Transport.TCP, PROXY, "127.0.0.2"), (tx, response) -> { });
        network.settle(lane::runPending);
        Source flow = proxyReceivedFrom.get(0);
        assertThat(flow.transport()).isEqualTo(Transport.TCP);
        put(binding("bob", "<sip:bob@192.168.1.30:5062;transport=tcp>", flow, List.of()));
        startKeepAlive(KeepAliveConfig.defaults(), store);

        lane.advance(Duration.ofMillis(1));
        List<Packet> pings = network.inFlight().stream().filter(MemoryEndpoint::isKeepAlive).toList();
        assertThat(pings).singleElement().satisfies(p -> {
            assertThat(p.connectionId()).isEqualTo(flow.connectionId());
            assertThat(p.destination()).isEqualTo(CLIENT);
        });
        run(Duration.ofSeconds(1));
        assertThat(keepAlive.stats().pingsSent()).isEqualTo(1);
        assertThat(keepAlive.stats().answered()).isEqualTo(1);
        assertThat(clientReceived).isEmpty();

        network.disconnect(CLIENT, PROXY);
        run(INTERVAL.multipliedBy(3));
        assertThat(keepAlive.stats().failed()).isEqualTo(3);
        assertThat(reports).containsExactly("sip:bob@example.com 3 true");
        assertThat(store.lookup(new AddressOfRecord("bob", "example.com")).join()).isEmpty();
    }

    @Test
    void tracksAtMostMaxBindingsPerRound() {
        startProxy();
        startClient();
        for (int i = 0; i < 10; i++) {
            put(udpBinding("u" + i, "<sip:u" + i + "@10.0.0.1:" + (6000 + i) + ">"));
        }
        startKeepAlive(KeepAliveConfig.defaults().withMaxBindings(4).withPageSize(3), store);

        run(INTERVAL.minusSeconds(1));

        assertThat(clientReceived).hasSize(4);
        assertThat(keepAlive.stats().optionsSent()).isEqualTo(4);
        // Pages of 3: the round stopped after the second page, 2 of whose bindings were over the bound.
        assertThat(keepAlive.stats().overLimit()).isEqualTo(2);
    }

    @Test
    void aFailingStoreSkipsTheRoundAndTheNextRoundTriesAgain() {
        startProxy();
        AtomicInteger asked = new AtomicInteger();
        LocationStore failing = new LocationStore() {
            @Override
            public CompletableFuture<List<Binding>> lookup(AddressOfRecord aor) {
                return CompletableFuture.failedFuture(new IllegalStateException("store down"));
            }

            @Override
            public CompletableFuture<ChangeResult> apply(BindingChange change) {
                return CompletableFuture.failedFuture(new IllegalStateException("store down"));
            }

            @Override
            public CompletableFuture<List<AddressOfRecord>> addressesOfRecord(String afterKey, int limit) {
                asked.incrementAndGet();
                return CompletableFuture.failedFuture(new IllegalStateException("store down"));
            }

            @Override
            public CompletableFuture<LocationCounts> count() {
                return CompletableFuture.failedFuture(new IllegalStateException("store down"));
            }
        };
        startKeepAlive(KeepAliveConfig.defaults(), failing);

        run(INTERVAL.plusSeconds(1));

        assertThat(asked.get()).isEqualTo(2);
        assertThat(keepAlive.stats().storeFailures()).isEqualTo(2);
        assertThat(keepAlive.stats().optionsSent()).isZero();
    }

    @Test
    void stopsSendingOnceClosed() {
        startProxy();
        startClient();
        put(udpBinding("alice", "<sip:alice@192.168.1.20:5060>"));
        startKeepAlive(KeepAliveConfig.defaults(), store);
        run(Duration.ofSeconds(1));
        assertThat(clientReceived).hasSize(1);

        keepAlive.close();
        run(INTERVAL.multipliedBy(2));

        assertThat(clientReceived).hasSize(1);
        assertThat(keepAlive.stats().rounds()).isEqualTo(1);
    }
}
