package org.parley.proxy.location;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.message.header.Contact;
import org.parley.proxy.location.ChangeResult.Outcome;
import org.parley.testkit.VirtualClock;
import org.parley.transport.Source;
import org.parley.transport.Transport;

/**
 * What every {@link LocationStore} does, whatever holds the bindings: each implementation's test
 * extends this class and says how to make a fresh store. The rules are RFC 3261 §10.3 steps 6 and 7
 * (ordering, removal, all-or-nothing), the per-record and store bounds, expiry by the given clock,
 * paging and counts.
 */
public abstract class LocationStoreContract {
    /** The per-record limit the tests' changes carry. */
    protected static final int PER_RECORD = 3;
    /** The store bound the tests ask {@link #newStore} for. */
    protected static final int STORE_BOUND = 5;

    private static final AddressOfRecord ALICE = new AddressOfRecord("alice", "example.com");
    private static final AddressOfRecord BOB = new AddressOfRecord("bob", "example.com");
    private static final Source SOURCE = new Source(Transport.TCP, new InetSocketAddress("127.0.0.9", 40000),
            new InetSocketAddress("127.0.0.1", 5060), 7);

    protected final VirtualClock clock = new VirtualClock();
    private LocationStore store;

    /** A new, empty store reading time from {@code clock} and holding at most {@code maxBindings}. */
    protected abstract LocationStore newStore(VirtualClock clock, int maxBindings) throws Exception;

    @BeforeEach
    void openStore() throws Exception {
        store = newStore(clock, STORE_BOUND);
    }

    @AfterEach
    void closeStore() throws Exception {
        if (store instanceof AutoCloseable c) {
            c.close();
        }
    }

    private Binding binding(AddressOfRecord aor, String contact, long seconds, String callId, long cseq) {
        return new Binding(aor, Contact.parse(contact), clock.instant().plusSeconds(seconds), callId, cseq, List.of(),
                Optional.empty(), OptionalInt.empty(), SOURCE, Optional.empty());
    }

    private ChangeResult apply(AddressOfRecord aor, String callId, long cseq, Binding... updates) {
        return store.apply(BindingChange.of(aor, clock.instant(), callId, cseq, List.of(updates), PER_RECORD)).join();
    }

    @Test
    void addsRefreshesAndRemovesBindingsKeepingTheSource() {
        assertThat(apply(ALICE, "c1", 1, binding(ALICE, "<sip:a@10.0.0.1>", 60, "c1", 1)).isApplied()).isTrue();
        apply(ALICE, "c1", 2, binding(ALICE, "<sip:a@10.0.0.1>", 120, "c1", 2));
        assertThat(store.lookup(ALICE).join()).singleElement().satisfies(b -> {
            assertThat(b.cseq()).isEqualTo(2);
            assertThat(b.source()).isEqualTo(SOURCE);
            assertThat(b.remainingSeconds(clock.instant())).isEqualTo(120);
        });
        assertThat(apply(ALICE, "c1", 3, binding(ALICE, "<sip:a@10.0.0.1>", 0, "c1", 3)).bindings()).isEmpty();
        assertThat(store.lookup(ALICE).join()).isEmpty();
        assertThat(store.count().join()).isEqualTo(new LocationCounts(0, 0));
    }

    @Test
    void keepsBindingsInTheOrderTheyWereFirstAdded() {
        apply(ALICE, "c1", 1, binding(ALICE, "<sip:a@h2>", 60, "c1", 1), binding(ALICE, "<sip:a@h1>", 60, "c1", 1));
        apply(ALICE, "c1", 2, binding(ALICE, "<sip:a@h3>", 60, "c1", 2), binding(ALICE, "<sip:a@h2>", 90, "c1", 2));
        assertThat(store.lookup(ALICE).join()).extracting(b -> b.uri().toString())
                .containsExactly("sip:a@h2", "sip:a@h1", "sip:a@h3");
    }

    @Test
    void anOutOfOrderRequestChangesNothing() {
        apply(ALICE, "c1", 5, binding(ALICE, "<sip:a@10.0.0.1>", 60, "c1", 5));
        ChangeResult late = apply(ALICE, "c1", 5, binding(ALICE, "<sip:b@10.0.0.2>", 60, "c1", 5),
                binding(ALICE, "<sip:a@10.0.0.1>", 0, "c1", 5));
        assertThat(late.outcome()).isEqualTo(Outcome.OUT_OF_ORDER);
        assertThat(store.lookup(ALICE).join()).extracting(b -> b.uri().toString()).containsExactly("sip:a@10.0.0.1");
    }

    @Test
    void refusesMoreThanThePerRecordLimitAndMoreThanTheStoreHolds() {
        ChangeResult four = apply(ALICE, "c1", 1, binding(ALICE, "<sip:a@h1>", 60, "c1", 1),
                binding(ALICE, "<sip:a@h2>", 60, "c1", 1), binding(ALICE, "<sip:a@h3>", 60, "c1", 1),
                binding(ALICE, "<sip:a@h4>", 60, "c1", 1));
        assertThat(four.outcome()).isEqualTo(Outcome.TOO_MANY_BINDINGS);
        assertThat(store.lookup(ALICE).join()).isEmpty();

        apply(ALICE, "c1", 2, binding(ALICE, "<sip:a@h1>", 60, "c1", 2), binding(ALICE, "<sip:a@h2>", 60, "c1", 2),
                binding(ALICE, "<sip:a@h3>", 60, "c1", 2));
        apply(BOB, "c3", 1, binding(BOB, "<sip:b@h1>", 60, "c3", 1), binding(BOB, "<sip:b@h2>", 60, "c3", 1));
        assertThat(apply(BOB, "c3", 2, binding(BOB, "<sip:b@h3>", 60, "c3", 2)).outcome())
                .isEqualTo(Outcome.STORE_FULL);
        assertThat(store.count().join()).isEqualTo(new LocationCounts(2, 5));
    }

    @Test
    void neverReturnsALapsedBinding() {
        apply(ALICE, "c1", 1, binding(ALICE, "<sip:a@h1>", 60, "c1", 1), binding(ALICE, "<sip:a@h2>", 90, "c1", 1));
        clock.advance(Duration.ofMillis(59_999));
        assertThat(store.lookup(ALICE).join()).hasSize(2);
        clock.advance(Duration.ofMillis(1));
        assertThat(store.lookup(ALICE).join()).extracting(b -> b.uri().toString()).containsExactly("sip:a@h2");
        clock.advance(Duration.ofSeconds(30));
        assertThat(store.lookup(ALICE).join()).isEmpty();
        assertThat(store.count().join()).isEqualTo(new LocationCounts(0, 0));
    }

    @Test
    void removeAllHonoursTheOrderingCheck() {
        apply(ALICE, "c1", 4, binding(ALICE, "<sip:a@h1>", 60, "c1", 4));
        Instant now = clock.instant();
        assertThat(store.apply(BindingChange.removeAll(ALICE, now, "c1", 4)).join().outcome())
                .isEqualTo(Outcome.OUT_OF_ORDER);
        assertThat(store.apply(BindingChange.removeAll(ALICE, now, "c1", 5)).join().isApplied()).isTrue();
        assertThat(store.lookup(ALICE).join()).isEmpty();
    }

    @Test
    void pagesRecordsInKeyOrder() {
        for (String u : List.of("carol", "alice", "bob")) {
            AddressOfRecord aor = new AddressOfRecord(u, "example.com");
            apply(aor, "c" + u, 1, binding(aor, "<sip:" + u + "@h>", 60, "c" + u, 1));
        }
        assertThat(store.addressesOfRecord("", 2).join()).extracting(AddressOfRecord::user)
                .containsExactly("alice", "bob");
        assertThat(store.addressesOfRecord("sip:bob@example.com", 2).join()).extracting(AddressOfRecord::user)
                .containsExactly("carol");
    }
}
