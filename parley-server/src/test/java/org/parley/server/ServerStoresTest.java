package org.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.message.header.Contact;
import org.parley.proxy.location.AddressOfRecord;
import org.parley.proxy.location.Binding;
import org.parley.proxy.location.BindingChange;
import org.parley.proxy.store.sqlite.SqliteLocationStore;
import org.parley.server.config.ServerConfig;
import org.parley.transport.Source;
import org.parley.transport.Transport;

/**
 * {@link ServerStores} with SQLite: both stores in DATA/parley.db, and the server's sweep
 * ({@link ServerStores#removeExpired()}) removing the bindings due by the clock, which the SQLite store
 * does not do by itself.
 */
class ServerStoresTest {
    @TempDir
    Path data;

    @Test
    void sqliteStorageSweepsExpiredBindingsOnlyWhenDue() throws Exception {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-22T10:00:00Z"));
        InstantSource clock = now::get;
        ServerConfig config = ServerConfig.builder().listen("udp:127.0.0.1:0").domain("example.test").dataDir(data)
                .build();
        try (ServerStores stores = ServerStores.open(config, clock)) {
            assertThat(stores.locations()).isInstanceOf(SqliteLocationStore.class);
            AddressOfRecord aor = AddressOfRecord.parse("sip:alice@example.test");
            Binding binding = new Binding(aor, Contact.parse("<sip:alice@127.0.0.1:5070>"),
                    now.get().plus(Duration.ofSeconds(60)), "sweep-1", 1, List.of(), Optional.empty(),
                    OptionalInt.empty(), new Source(Transport.UDP, new InetSocketAddress("127.0.0.1", 5070),
                            new InetSocketAddress("127.0.0.1", 5060), 0), Optional.empty());
            assertThat(stores.locations().apply(BindingChange.of(aor, now.get(), "sweep-1", 1, List.of(binding), 10))
                    .get(5, TimeUnit.SECONDS).isApplied()).isTrue();

            now.set(now.get().plus(Duration.ofSeconds(59)));
            assertThat(stores.removeExpired()).isZero();
            now.set(now.get().plus(Duration.ofSeconds(2)));
            assertThat(stores.removeExpired()).isEqualTo(1);
            assertThat(stores.removeExpired()).isZero();
        }
    }
}
