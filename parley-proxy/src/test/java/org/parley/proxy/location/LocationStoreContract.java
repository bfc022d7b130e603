package org.parley.proxy.location;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.message.header.Address;
import org.parley.message.header.Contact;
import org.parley.proxy.location.ChangeResult.Outcome;
import org.parley.testkit.VirtualClock;
import org.parley.transport.Source;
import org.parley.transport.Transport;

/**
 * What every {@link LocationStore} must do, run by each implementation's test (memory, Redis, …):
 * the SPI's contract with the registrar (RFC 3261 §10.3 steps 6 and 7 through {@link BindingChange}),
 * a faithful round trip of every field of a {@link Binding}, lapsed bindings never returned, paging and
 * counts, and atomic changes under concurrent writers. Time is a {@link VirtualClock} the store reads.
 */
public abstract class LocationStoreContract {
    /** Waits on a store's future at most this long: a store that hangs fails the test instead. */
    protected static final long WAIT_SECONDS = 10;
    protected static final AddressOfRecord ALICE = new AddressOfRecord("alice", "example.com");
    protected static final Source SOURCE = new Source(Transport.UDP, new InetSocketAddress("127.0.0.9", 5070),
            new InetSocketAddress("127.0.0.1", 5060), 0);

    protected final VirtualClock clock = new VirtualClock();
    private LocationStore store;

    /** A new, empty store that reads time from {@code clock}. */
    protected abstract LocationStore newStore(VirtualClock clock);

    /** Releases what {@link #newStore} opened. */
    protected void closeStore(LocationStore opened) {
    }

    @BeforeEach
    void openStore() {
        store = newStore(clock);
    }

    @AfterEach
    void releaseStore() {
        closeStore(store);
    }

    protected LocationStore store() {
        return store;
    }

    protected static <T> T await(CompletableFuture<T> future) {
        return future.orTimeout(WAIT_SECONDS, TimeUnit.SECONDS).join();
    }

    protected Binding binding(AddressOfRecord aor, String contact, long seconds, String callId, long cseq) {
        return new Binding(aor, Contact.parse(contact), clock.instant().plusSeconds(seconds), callId, cseq, List.of(),
                Optional.empty(), OptionalInt.empty(), SOURCE, Optional.empty());
    }

    protected ChangeResult apply(AddressOfRecord aor, String callId, long cseq, Binding... updates) {
        return await(store.apply(BindingChange.of(aor, clock.instant(), callId, cseq, List.of(updates), 3)));
    }

    private List<Binding> lookup(AddressOfRecord aor) {
        return await(store.lookup(aor));
    }

    @Test
    void everyFieldOfABindingRoundTrips() {
        Source tls = new Source(Transport.TLS, new InetSocketAddress("::1", 50123),
                new InetSocketAddress("::1", 5061), 42, List.of("phone.example.com", "example.com"));
        Contact contact = Contact.parse("\"Alice's \\\"desk\\\" phone\" <sip:alice@[::1]:50123;transport=tls;ob>"
                + ";q=0.7;+sip.instance=\"<urn:uuid:00000000-0000-0000-0000-000000000001>\";reg-id=2;audio");
        Binding full = new Binding(ALICE, contact, clock.instant().plusMillis(3_600_123), "a84b4c76e66710@pc33",
                (1L << 31) - 1, List.of(Address.parse("Path", "<sip:edge1.example.com;lr;ob>"),
                        Address.parse("Path", "\"Edge 2\" <sip:edge2.example.com:5080;transport=tcp;lr>")),
                Optional.of("<urn:uuid:00000000-0000-0000-0000-000000000001>"), OptionalInt.of(2), tls,
                Optional.of("Phone/1.0 (build 7; \t colons: 1:2:3) ünïcødé"));
        Binding plain = binding(ALICE, "<sip:alice@10.0.0.2>", 60, "a84b4c76e66710@pc33", (1L << 31) - 1);

        ChangeResult r = await(store.apply(BindingChange.of(ALICE, clock.instant(), "a84b4c76e66710@pc33",
                (1L << 31) - 1, List.of(full, plain), 3)));

        assertThat(r.isApplied()).isTrue();
        assertThat(lookup(ALICE)).containsExactly(full, plain);
        assertThat(lookup(ALICE).get(0).contact().toString()).isEqualTo(contact.toString());
    }

    @Test
    void addsRefreshesAndRemovesBindingsKeepingTheSource() {
        assertThat(apply(ALICE, "c1", 1, binding(ALICE, "<sip:a@10.0.0.1>", 60, "c1", 1)).isApplied()).isTrue();
        assertThat(apply(ALICE, "c1", 2, binding(ALICE, "<sip:a@10.0.0.1>", 120, "c1", 2)).bindings())
                .singleElement().satisfies(b -> assertThat(b.cseq()).isEqualTo(2));
        assertThat(lookup(ALICE)).singleElement().satisfies(b -> {
            assertThat(b.source()).isEqualTo(SOURCE);
            assertThat(b.remainingSeconds(clock.instant())).isEqualTo(120);
        });
        assertThat(apply(ALICE, "c1", 3, binding(ALICE, "<sip:a@10.0.0.1>", 0, "c1", 3)).bindings()).isEmpty();
        assertThat(lookup(ALICE)).isEmpty();
        assertThat(await(store.count())).isEqualTo(new LocationCounts(0, 0));
    }

    @Test
    void keepsBindingsInTheOrderTheyWereFirstAdded() {
        apply(ALICE, "c1", 1, binding(ALICE, "<sip:a@h2>", 60, "c1", 1), binding(ALICE, "<sip:a@h1>", 60, "c1", 1));
        apply(ALICE, "c1", 2, binding(ALICE, "<sip:a@h3>", 60, "c1", 2), binding(ALICE, "<sip:a@h2>", 90, "c1", 2));
        assertThat(lookup(ALICE)).extracting(b -> b.uri().toString())
                .containsExactly("sip:a@h2", "sip:a@h1", "sip:a@h3");
    }

    @Test
    void anOutOfOrderRequestChangesNothing() {
        apply(ALICE, "c1", 5, binding(ALICE, "<sip:a@10.0.0.1>", 60, "c1", 5));
        ChangeResult late = apply(ALICE, "c1", 5, binding(ALICE, "<sip:b@10.0.0.2>", 60, "c1", 5),
                binding(ALICE, "<sip:a@10.0.0.1>", 0, "c1", 5));
        assertThat(late.outcome()).isEqualTo(Outcome.OUT_OF_ORDER);
        assertThat(lookup(ALICE)).extracting(b -> b.uri().toString()).containsExactly("sip:a@10.0.0.1");
        // RFC 3261 §10.3 step 7: another Call-ID may replace it whatever its CSeq.
        assertThat(apply(ALICE, "c2", 1, binding(ALICE, "<sip:a@10.0.0.1>", 60, "c2", 1)).isApplied()).isTrue();
    }

    @Test
    void refusesMoreThanThePerRecordLimitAndChangesNothing() {
        ChangeResult four = apply(ALICE, "c1", 1, binding(ALICE, "<sip:a@h1>", 60, "c1", 1),
                binding(ALICE, "<sip:a@h2>", 60, "c1", 1), binding(ALICE, "<sip:a@h3>", 60, "c1", 1),
                binding(ALICE, "<sip:a@h4>", 60, "c1", 1));
        assertThat(four.outcome()).isEqualTo(Outcome.TOO_MANY_BINDINGS);
        assertThat(lookup(ALICE)).isEmpty();
    }

    @Test
    void lapsedBindingsAreNeverReturnedOrCounted() {
        AddressOfRecord bob = new AddressOfRecord("bob", "example.com");
        apply(ALICE, "c1", 1, binding(ALICE, "<sip:a@h1>", 60, "c1", 1), binding(ALICE, "<sip:a@h2>", 90, "c1", 1));
        apply(bob, "c2", 1, binding(bob, "<sip:b@h1>", 30, "c2", 1));
        assertThat(await(store.count())).isEqualTo(new LocationCounts(2, 3));

        clock.advance(Duration.ofMillis(29_999));
        assertThat(lookup(bob)).hasSize(1);
        clock.advance(Duration.ofMillis(1));
        assertThat(lookup(bob)).isEmpty();
        assertThat(await(store.count())).isEqualTo(new LocationCounts(1, 2));

        clock.advance(Duration.ofSeconds(30));
        assertThat(lookup(ALICE)).extracting(b -> b.uri().toString()).containsExactly("sip:a@h2");
        assertThat(await(store.addressesOfRecord("", 10))).containsExactly(ALICE);
        clock.advance(Duration.ofSeconds(30));
        assertThat(lookup(ALICE)).isEmpty();
        assertThat(await(store.count())).isEqualTo(new LocationCounts(0, 0));
        assertThat(await(store.addressesOfRecord("", 10))).isEmpty();
    }

    @Test
    void aChangeDropsLapsedBindingsAndCountsOnlyLiveOnesAgainstTheLimit() {
        apply(ALICE, "c1", 1, binding(ALICE, "<sip:a@h1>", 30, "c1", 1), binding(ALICE, "<sip:a@h2>", 30, "c1", 1),
                binding(ALICE, "<sip:a@h3>", 90, "c1", 1));
        clock.advance(Duration.ofSeconds(30));
        ChangeResult r = apply(ALICE, "c1", 2, binding(ALICE, "<sip:a@h4>", 60, "c1", 2),
                binding(ALICE, "<sip:a@h5>", 60, "c1", 2));
        assertThat(r.isApplied()).isTrue();
        assertThat(lookup(ALICE)).extracting(b -> b.uri().toString())
                .containsExactly("sip:a@h3", "sip:a@h4", "sip:a@h5");
    }

    @Test
    void outboundBindingsOfTheSameInstanceAndRegIdReplaceEachOther() {
        String instance = ";+sip.instance=\"<urn:uuid:00000000-0000-0000-0000-000000000001>\"";
        Binding first = new Binding(ALICE, Contact.parse("<sip:a@10.0.0.1:5060>" + instance + ";reg-id=1"),
                clock.instant().plusSeconds(60), "c1", 1, List.of(), Optional.of("<urn:uuid:1>"), OptionalInt.of(1),
                SOURCE, Optional.empty());
        Binding flow = new Binding(ALICE, Contact.parse("<sip:a@10.0.0.2:6000>" + instance + ";reg-id=1"),
                clock.instant().plusSeconds(60), "c2", 1, List.of(), Optional.of("<urn:uuid:1>"), OptionalInt.of(1),
                SOURCE, Optional.empty());
        apply(ALICE, "c1", 1, first);
        assertThat(apply(ALICE, "c2", 1, flow).bindings()).extracting(b -> b.uri().toString())
                .containsExactly("sip:a@10.0.0.2:6000");
        assertThat(lookup(ALICE)).containsExactly(flow);
        assertThat(await(store.count()).bindings()).isEqualTo(1);
    }

    @Test
    void removeAllHonoursTheOrderingCheck() {
        apply(ALICE, "c1", 4, binding(ALICE, "<sip:a@h1>", 60, "c1", 4));
        Instant now = clock.instant();
        assertThat(await(store.apply(BindingChange.removeAll(ALICE, now, "c1", 4))).outcome())
                .isEqualTo(Outcome.OUT_OF_ORDER);
        assertThat(await(store.apply(BindingChange.removeAll(ALICE, now, "c1", 5))).isApplied()).isTrue();
        assertThat(lookup(ALICE)).isEmpty();
    }

    @Test
    void pagesRecordsInKeyOrderAndCountsThem() {
        for (String u : List.of("carol", "alice", "bob", "dave")) {
            AddressOfRecord aor = new AddressOfRecord(u, "example.com");
            apply(aor, "c" + u, 1, binding(aor, "<sip:" + u + "@h1>", 60, "c" + u, 1),
                    binding(aor, "<sip:" + u + "@h2>", 60, "c" + u, 1));
        }
        assertThat(await(store.addressesOfRecord("", 2))).extracting(AddressOfRecord::user)
                .containsExactly("alice", "bob");
        assertThat(await(store.addressesOfRecord("sip:bob@example.com", 2))).extracting(AddressOfRecord::user)
                .containsExactly("carol", "dave");
        assertThat(await(store.addressesOfRecord("sip:dave@example.com", 2))).isEmpty();
        assertThat(await(store.count())).isEqualTo(new LocationCounts(4, 8));
    }

    @Test
    void recordsAreKeyedByTheirCanonicalKeyOnly() {
        AddressOfRecord upper = new AddressOfRecord("Alice", "example.com");
        apply(ALICE, "c1", 1, binding(ALICE, "<sip:a@h1>", 60, "c1", 1));
        assertThat(lookup(upper)).isEmpty();
        assertThat(lookup(new AddressOfRecord("alice", "EXAMPLE.com"))).hasSize(1);
    }

    @Test
    void concurrentChangesToOneRecordAllLand() throws Exception {
        int writers = 12;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<CompletableFuture<ChangeResult>> results = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                Binding b = binding(ALICE, "<sip:a@h" + i + ">", 60, "c" + i, 1);
                BindingChange change = BindingChange.of(ALICE, clock.instant(), "c" + i, 1, List.of(b), writers);
                results.add(CompletableFuture.supplyAsync(() -> store.apply(change), pool).thenCompose(f -> f));
            }
            for (CompletableFuture<ChangeResult> r : results) {
                assertThat(await(r).isApplied()).isTrue();
            }
        } finally {
            pool.shutdown();
            assertThat(pool.awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(lookup(ALICE)).hasSize(writers);
    }
}
