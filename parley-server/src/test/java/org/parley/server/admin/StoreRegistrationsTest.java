package org.parley.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.parley.message.header.Contact;
import org.parley.proxy.location.AddressOfRecord;
import org.parley.proxy.location.Binding;
import org.parley.proxy.location.BindingChange;
import org.parley.proxy.location.MemoryLocationStore;
import org.parley.transport.Source;
import org.parley.transport.Transport;

/** {@link StoreRegistrations} over a memory location store. */
class StoreRegistrationsTest {
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-22T03:00:00Z"));
    private final InstantSource clock = now::get;
    private final MemoryLocationStore store = new MemoryLocationStore(clock);

    private void register(String user, String contact, long seconds, Source source, String userAgent) {
        AddressOfRecord aor = new AddressOfRecord(user, "example.test");
        Binding b = new Binding(aor, Contact.parse(contact), clock.instant().plusSeconds(seconds), user + "-call", 1,
                List.of(), Optional.empty(), OptionalInt.empty(), source, Optional.ofNullable(userAgent));
        store.apply(BindingChange.of(aor, clock.instant(), user + "-call", 1, List.of(b), 10)).orTimeout(5,
                TimeUnit.SECONDS).join();
    }

    private static Source source(Transport t, String host, int port) {
        return new Source(t, new InetSocketAddress(host, port), new InetSocketAddress("127.0.0.1", 5060), 0);
    }

    @Test
    void listsEachLiveBindingWithItsRemainingTimeSourceAndUserAgent() {
        register("alice", "<sip:alice@192.0.2.10:5070>", 3600, source(Transport.UDP, "192.0.2.10", 5070), "baresip");
        register("bob", "<sip:bob@[2001:db8::1]:5070;transport=tcp>", 60, source(Transport.TCP, "2001:db8::1", 40000),
                null);
        now.set(now.get().plus(Duration.ofMillis(1500)));
        List<RegistrationEntry> list = new StoreRegistrations(store, clock).list(10).orTimeout(5, TimeUnit.SECONDS)
                .join();
        assertThat(list).containsExactly(
                new RegistrationEntry("sip:alice@example.test", "<sip:alice@192.0.2.10:5070>", 3599,
                        "UDP 192.0.2.10:5070", "baresip"),
                new RegistrationEntry("sip:bob@example.test", "<sip:bob@[2001:db8::1]:5070;transport=tcp>", 59,
                        "TCP [2001:db8:0:0:0:0:0:1]:40000", ""));
    }

    @Test
    void stopsAtTheLimitAndLeavesLapsedBindingsOut() {
        register("alice", "<sip:alice@192.0.2.10:5070>", 3600, source(Transport.UDP, "192.0.2.10", 5070), null);
        register("bob", "<sip:bob@192.0.2.20:5070>", 10, source(Transport.UDP, "192.0.2.20", 5070), null);
        register("carol", "<sip:carol@192.0.2.30:5070>", 3600, source(Transport.UDP, "192.0.2.30", 5070), null);
        StoreRegistrations registrations = new StoreRegistrations(store, clock);
        assertThat(registrations.list(2).join()).extracting(RegistrationEntry::aor)
                .containsExactly("sip:alice@example.test", "sip:bob@example.test");
        now.set(now.get().plusSeconds(11));
        assertThat(registrations.list(10).join()).extracting(RegistrationEntry::aor)
                .containsExactly("sip:alice@example.test", "sip:carol@example.test");
    }
}
