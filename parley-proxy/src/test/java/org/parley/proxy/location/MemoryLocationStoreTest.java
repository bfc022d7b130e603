package org.parley.proxy.location;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.parley.message.header.Contact;
import org.parley.proxy.location.ChangeResult.Outcome;
import org.parley.testkit.VirtualClock;
import org.parley.transport.Source;
import org.parley.transport.Transport;

class MemoryLocationStoreTest {
    private static final AddressOfRecord ALICE = new AddressOfRecord("alice", "Example.COM");
    private static final Source SOURCE = new Source(Transport.TCP, new InetSocketAddress("127.0.0.9", 40000),
            new InetSocketAddress("127.0.0.1", 5060), 7);

    private final VirtualClock clock = new VirtualClock();
    private final MemoryLocationStore store = new MemoryLocationStore(clock, 5);

    private Binding binding(AddressOfRecord aor, String contact, long seconds, String callId, long cseq) {
        return new Binding(aor, Contact.parse(contact), clock.instant().plusSeconds(seconds), callId, cseq, List.of(),
                Contact.parse(contact).instanceId(), OptionalInt.empty(), SOURCE, Optional.empty());
    }

    private ChangeResult apply(AddressOfRecord aor, String callId, long cseq, Binding... updates) {
        return store.apply(BindingChange.of(aor, clock.instant(), callId, cseq, List.of(updates), 3)).join();
    }

    @Test
    void canonicalKeyLowersTheDomainAndKeepsTheUser() {
        assertThat(ALICE.key()).isEqualTo("sip:alice@example.com");
        assertThat(AddressOfRecord.parse("sip:Alice@example.com").user()).isEqualTo("Alice");
    }



    @Test
    void refusesMoreThanThePerRecordLimitAndMoreThanTheStoreHolds() {
        ChangeResult four = apply(ALICE, "c1", 1, binding(ALICE, "<sip:a@h1>", 60, "c1", 1),
                binding(ALICE, "<sip:a@h2>", 60, "c1", 1), binding(ALICE, "<sip:a@h3>", 60, "c1", 1),
                binding(ALICE, "<sip:a@h4>", 60, "c1", 1));
        assertThat(four.outcome()).isEqualTo(Outcome.TOO_MANY_BINDINGS);
        assertThat(store.lookup(ALICE).join()).isEmpty();

        AddressOfRecord bob = new AddressOfRecord("bob", "example.com");
        apply(ALICE, "c1", 2, binding(ALICE, "<sip:a@h1>", 60, "c1", 2), binding(ALICE, "<sip:a@h2>", 60, "c1", 2),
                binding(ALICE, "<sip:a@h3>", 60, "c1", 2));
        apply(bob, "c3", 1, binding(bob, "<sip:b@h1>", 60, "c3", 1), binding(bob, "<sip:b@h2>", 60, "c3", 1));
        ChangeResult sixth = apply(bob, "c3", 2, binding(bob, "<sip:b@h3>", 60, "c3", 2));
        assertThat(sixth.outcome()).isEqualTo(Outcome.STORE_FULL);
        assertThat(store.count().join()).isEqualTo(new LocationCounts(2, 5));
    }

    @Test
    void expiredBindingsLeaveAtTheirDeadlineInOrder() {
        AddressOfRecord bob = new AddressOfRecord("bob", "example.com");
        apply(ALICE, "c1", 1, binding(ALICE, "<sip:a@h1>", 60, "c1", 1), binding(ALICE, "<sip:a@h2>", 90, "c1", 1));
        apply(bob, "c2", 1, binding(bob, "<sip:b@h1>", 30, "c2", 1));

        clock.advance(Duration.ofMillis(29_999));
        assertThat(store.removeExpired()).isZero();
        clock.advance(Duration.ofMillis(1));
        assertThat(store.removeExpired()).isEqualTo(1);
        assertThat(store.lookup(bob).join()).isEmpty();

        clock.advance(Duration.ofMillis(29_999));
        assertThat(store.lookup(ALICE).join()).hasSize(2);
        clock.advance(Duration.ofMillis(1));
        assertThat(store.lookup(ALICE).join()).extracting(b -> b.uri().toString()).containsExactly("sip:a@h2");
        assertThat(store.count().join()).isEqualTo(new LocationCounts(1, 1));
        clock.advance(Duration.ofSeconds(30));
        assertThat(store.removeExpired()).isEqualTo(1);
        assertThat(store.count().join()).isEqualTo(new LocationCounts(0, 0));
    }

    @Test
    void aRefreshMovesTheDeadline() {
        apply(ALICE, "c1", 1, binding(ALICE, "<sip:a@h1>", 60, "c1", 1));
        clock.advance(Duration.ofSeconds(50));
        apply(ALICE, "c1", 2, binding(ALICE, "<sip:a@h1>", 60, "c1", 2));
        clock.advance(Duration.ofSeconds(59));
        assertThat(store.removeExpired()).isZero();
        assertThat(store.lookup(ALICE).join()).hasSize(1);
        clock.advance(Duration.ofSeconds(1));
        assertThat(store.removeExpired()).isEqualTo(1);
    }



}
