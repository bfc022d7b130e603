package org.parley.proxy.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.parley.proxy.core.ProxyHarness.ALICE;
import static org.parley.proxy.core.ProxyHarness.BOB;
import static org.parley.proxy.core.ProxyHarness.PROXY;
import static org.parley.proxy.core.ProxyHarness.request;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.parley.message.SipResponse;
import org.parley.proxy.location.AddressOfRecord;
import org.parley.proxy.location.Binding;
import org.parley.proxy.location.BindingChange;
import org.parley.proxy.location.ChangeResult;
import org.parley.proxy.location.LocationCounts;
import org.parley.proxy.location.LocationStore;
import org.parley.testkit.MemoryEndpoint;
import org.parley.testkit.MemoryNetwork;
import org.parley.transaction.TransactionConfig;
import org.parley.transaction.TransactionLayer;
import org.parley.transaction.VirtualLane;
import org.parley.transport.Inbound;
import org.parley.transport.Transport;

/** Start-up, failures of the stores, configuration checks, and the call list's bounds. */
class ProxyLifecycleTest {
    /** A location store whose every lookup fails, as a store that lost its database does. */
    private static class BrokenStore implements LocationStore {
        @Override
        public CompletableFuture<List<Binding>> lookup(AddressOfRecord aor) {
            return CompletableFuture.failedFuture(new IllegalStateException("database gone"));
        }

        @Override
        public CompletableFuture<ChangeResult> apply(BindingChange change) {
            return CompletableFuture.failedFuture(new IllegalStateException("database gone"));
        }

        @Override
        public CompletableFuture<List<AddressOfRecord>> addressesOfRecord(String afterKey, int limit) {
            return CompletableFuture.failedFuture(new IllegalStateException("database gone"));
        }

        @Override
        public CompletableFuture<LocationCounts> count() {
            return CompletableFuture.failedFuture(new IllegalStateException("database gone"));
        }
    }

    @Test
    void answers503UntilAttached() {
        MemoryNetwork network = new MemoryNetwork();
        VirtualLane lane = new VirtualLane();
        List<Inbound> got = new ArrayList<>();
        MemoryEndpoint alice = network.endpoint(ALICE, got::add);
        Proxy proxy = Proxy.builder(ProxyConfig.forDomains(List.of("example.test"))).locations(new BrokenStore())
                .locator(ProxyHarness.locator()).build();
        TransactionLayer layer = TransactionLayer.start(TransactionConfig.defaults().withLanes(1), List.of(lane),
                proxy, h -> network.endpoint(PROXY, Set.of(Transport.UDP), h));
        try {
            alice.send(ProxyHarness.parse(request("MESSAGE", "sip:bob@example.test", ALICE, Transport.UDP,
                    "z9hG4bK-l1", "c1", 1, "alice", "sip:bob@example.test", "")), ProxyHarness.target(Transport.UDP,
                    PROXY));
            network.settle(lane::runPending);

            assertThat(got).singleElement().satisfies(in -> assertThat(((SipResponse) in.message()).statusCode())
                    .isEqualTo(503));
            proxy.attach(layer);
            assertThatThrownBy(() -> proxy.attach(layer)).isInstanceOf(IllegalStateException.class);
        } finally {
            layer.close();
            alice.close();
            proxy.close();
        }
    }

    @Test
    void answers500NamingTheStoreWhenTheLocationLookupFails() {
        try (ProxyHarness h = new ProxyHarness(c -> c, b -> b.locations(new BrokenStore()))) {
            h.send(ALICE, Transport.UDP, request("INVITE", "sip:bob@example.test", ALICE, Transport.UDP,
                    "z9hG4bK-l2", h.newCallId(), 1, "alice", "sip:bob@example.test", ""));

            SipResponse failed = h.responses(ALICE, 500).get(0);
            assertThat(failed.reasonPhrase()).contains("location store").contains("database gone");
            assertThat(h.proxy.stats().liveContexts()).isZero();
        }
    }

    @Test
    void answersRegisterWith403WithoutARegistrar() {
        try (ProxyHarness h = new ProxyHarness(c -> c, b -> Proxy.builder(ProxyConfig.forDomains(
                List.of("example.test"))).locations(new BrokenStore()).locator(ProxyHarness.locator()))) {
            h.send(BOB, Transport.UDP, request("REGISTER", "sip:example.test", BOB, Transport.UDP, "z9hG4bK-l3",
                    h.newCallId(), 1, "bob", "sip:bob@example.test", ""));

            assertThat(h.responses(BOB, 403)).singleElement()
                    .satisfies(r -> assertThat(r.reasonPhrase()).contains("no registrar"));
        }
    }

    @Test
    void aCancelWhileTheLookupIsPendingEndsTheInviteWith487() {
        CompletableFuture<List<Binding>> pending = new CompletableFuture<>();
        LocationStore slow = new BrokenStore() {
            @Override
            public CompletableFuture<List<Binding>> lookup(AddressOfRecord aor) {
                return pending;
            }
        };
        try (ProxyHarness h = new ProxyHarness(c -> c, b -> b.locations(slow))) {
            String callId = h.newCallId();
            h.send(ALICE, Transport.UDP, request("INVITE", "sip:bob@example.test", ALICE, Transport.UDP,
                    "z9hG4bK-l4", callId, 1, "alice", "sip:bob@example.test", ""));
            h.send(ALICE, Transport.UDP, request("CANCEL", "sip:bob@example.test", ALICE, Transport.UDP,
                    "z9hG4bK-l4", callId, 1, "alice", "sip:bob@example.test", ""));
            pending.complete(List.of());
            h.settle();

            assertThat(h.responses(ALICE, 0)).extracting(SipResponse::statusCode).containsExactly(100, 200, 487);
            assertThat(h.requests(BOB, "INVITE")).isEmpty();
        }
    }

    @Test
    void honoursRportWhenAnswering() {
        try (ProxyHarness h = new ProxyHarness()) {
            // RFC 3581: the Via names a private address; the answer goes where the packet came from.
            h.send(ALICE, Transport.UDP, request("INVITE", "sip:nobody@example.test", ALICE, Transport.UDP,
                    "z9hG4bK-l5", h.newCallId(), 1, "alice", "sip:nobody@example.test", "")
                    .replace("127.0.0.2:5070;branch", "10.0.0.7:5060;rport;branch"));

            assertThat(h.responses(ALICE, 404)).singleElement().satisfies(r -> {
                assertThat(r.topVia().received()).hasValue("127.0.0.2");
                assertThat(r.topVia().rport()).hasValue(5070);
            });
        }
    }

    @Test
    void forgetsACallWithoutByeAfterTheMaximumAge() {
        try (ProxyHarness h = new ProxyHarness(c -> c.withMaxCallAge(Duration.ofMinutes(10)), b -> b)) {
            h.register("bob", BOB, Transport.UDP, "", "");
            h.send(ALICE, Transport.UDP, request("INVITE", "sip:bob@example.test", ALICE, Transport.UDP,
                    "z9hG4bK-l6", h.newCallId(), 1, "alice", "sip:bob@example.test", ""));
            h.answer(BOB, "INVITE", 200, "b", "");
            assertThat(h.proxy.calls()).hasSize(1);

            h.network.clock().advance(Duration.ofMinutes(11));
            assertThat(h.proxy.calls()).isEmpty();
        }
    }

    @Test
    void refusesBadConfigurationNamingTheValue() {
        assertThatThrownBy(() -> ProxyConfig.forDomains(List.of("bad host"))).isInstanceOf(
                IllegalArgumentException.class).hasMessageContaining("bad host");
        assertThatThrownBy(() -> ProxyConfig.forDomains(List.of("a.test")).withMaxCallAge(Duration.ZERO))
                .hasMessageContaining("maxCallAge");
        assertThatThrownBy(() -> ProxyConfig.forDomains(List.of("a.test")).withRealm("b.test", "r"))
                .hasMessageContaining("b.test");
        assertThatThrownBy(() -> Proxy.builder(ProxyConfig.forDomains(List.of("a.test"))).build())
                .isInstanceOf(NullPointerException.class).hasMessageContaining("locations");
        assertThatThrownBy(() -> ProxyConfig.forDomains(List.of("a.test")).withStatelessRoutes(List.of("A.test")))
                .hasMessageContaining("served domain");
        assertThat(ProxyConfig.forDomains(List.of("A.Test")).serves("a.test")).isTrue();
    }
}
