package org.parley.proxy.nat;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.parley.message.header.Contact;
import org.parley.proxy.location.AddressOfRecord;
import org.parley.proxy.location.Binding;
import org.parley.proxy.location.BindingChange;
import org.parley.proxy.location.MemoryLocationStore;
import org.parley.testkit.VirtualClock;
import org.parley.transport.Source;
import org.parley.transport.Transport;

/** {@link BindingRemoval}: removes the binding pinged, never one the client refreshed meanwhile. */
class BindingRemovalTest {
    private static final AddressOfRecord ALICE = new AddressOfRecord("alice", "example.com");

    private final VirtualClock clock = new VirtualClock();
    private final MemoryLocationStore store = new MemoryLocationStore(clock);

    private Binding binding(String callId, long cseq, int sourcePort) {
        return new Binding(ALICE, Contact.parse("<sip:alice@192.168.1.2:5060>"),
                clock.instant().plus(Duration.ofHours(1)), callId, cseq, List.of(), Optional.empty(),
                OptionalInt.empty(), new Source(Transport.UDP, new InetSocketAddress("127.0.0.9", sourcePort),
                        new InetSocketAddress("127.0.0.1", 5060), 0), Optional.empty());
    }

    private void put(Binding b) {
        assertThat(store.apply(BindingChange.of(ALICE, clock.instant(), b.callId(), b.cseq(), List.of(b), 10))
                .join().isApplied()).isTrue();
    }

    @Test
    void removesTheBindingThatWasPinged() {
        Binding pinged = binding("reg-1", 4, 40000);
        put(pinged);

        assertThat(BindingRemoval.remove(store, pinged, clock.instant()).join()).isTrue();
        assertThat(store.lookup(ALICE).join()).isEmpty();
    }

    @Test
    void leavesABindingRefreshedUnderTheSameCallId() {
        Binding pinged = binding("reg-1", 4, 40000);
        put(pinged);
        put(binding("reg-1", 5, 40000));

        assertThat(BindingRemoval.remove(store, pinged, clock.instant()).join()).isFalse();
        assertThat(store.lookup(ALICE).join()).singleElement().satisfies(b -> assertThat(b.cseq()).isEqualTo(5));
    }

    @Test
    void leavesABindingReRegisteredFromANewAddressUnderANewCallId() {
        Binding pinged = binding("reg-1", 4, 40000);
        put(pinged);
        put(binding("reg-2", 1, 40002));

        assertThat(BindingRemoval.remove(store, pinged, clock.instant()).join()).isFalse();
        assertThat(store.lookup(ALICE).join()).singleElement()
                .satisfies(b -> assertThat(b.callId()).isEqualTo("reg-2"));
    }
}
