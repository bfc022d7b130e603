package org.parley.proxy.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.message.header.Address;
import org.parley.message.header.Contact;
import org.parley.proxy.location.AddressOfRecord;
import org.parley.proxy.location.Binding;
import org.parley.proxy.location.BindingChange;
import org.parley.proxy.location.ChangeResult;
import org.parley.proxy.location.LocationCounts;
import org.parley.testkit.VirtualClock;
import org.parley.transport.Source;
import org.parley.transport.Transport;

/** {@link SqliteLocationStore}: restart persistence, write-behind batching, its writer thread. */
class SqliteLocationStoreTest {
    private static final AddressOfRecord ALICE = new AddressOfRecord("alice", "example.com");
    private static final String INSTANCE = "<urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6>";
    private static final Source SOURCE = new Source(Transport.TLS, new InetSocketAddress("2001:db8::9", 40000),
            new InetSocketAddress("127.0.0.1", 5061), 42, List.of("edge.example.com", "example.com"));

    @TempDir
    Path dir;

    private final VirtualClock clock = new VirtualClock();

    private SqliteLocationStore open() {
        return SqliteLocationStore.open(SqliteDatabase.open(dir), clock);
    }

    private Binding plain(AddressOfRecord aor, String host, long seconds, long cseq) {
        return new Binding(aor, Contact.parse("<sip:" + aor.user() + "@" + host + ">"),
                clock.instant().plusSeconds(seconds), "call-" + aor.user(), cseq, List.of(), Optional.empty(),
                OptionalInt.empty(), new Source(Transport.UDP, new InetSocketAddress("192.0.2.7", 5060),
                        new InetSocketAddress("127.0.0.1", 5060), 0), Optional.empty());
    }

    private static ChangeResult apply(SqliteLocationStore store, Instant now, Binding... updates) {
        Binding first = updates[0];
        return store.apply(BindingChange.of(first.aor(), now, first.callId(), first.cseq(), List.of(updates), 10))
                .join();
    }

    @Test
    void aBindingSurvivesARestartWithEverythingItHeld() {
        Binding outbound = new Binding(ALICE,
                Contact.parse("\"Alice\" <sip:alice@198.51.100.3:5071;transport=tls;ob>;q=0.7"
                        + ";+sip.instance=\"" + INSTANCE + "\";reg-id=2"),
                clock.instant().plusSeconds(3600), "a84b4c76e66710@pc33", 1826,
                List.of(Address.parse("Path", "<sip:edge.example.com;lr;ob>"),
                        Address.parse("Path", "\"Edge, second\" <sip:p2.example.com;lr>")),
                Optional.of(INSTANCE), OptionalInt.of(2), SOURCE, Optional.of("Parley/0.1 (test)"));
        Binding second = plain(ALICE, "10.0.0.2", 600, 1826);
        try (SqliteLocationStore store = open()) {
            assertThat(apply(store, clock.instant(), outbound, second).isApplied()).isTrue();
        }
        clock.advance(Duration.ofSeconds(10));
        try (SqliteLocationStore store = open()) {
            List<Binding> found = store.lookup(ALICE).join();
            assertThat(found).containsExactly(outbound, second);
            assertThat(found.get(0).remainingSeconds(clock.instant())).isEqualTo(3590);
            assertThat(found.get(0).source().peerIdentities()).containsExactly("edge.example.com", "example.com");
            assertThat(store.count().join()).isEqualTo(new LocationCounts(1, 2));
        }
    }

    @Test
    void expiredBindingsAreNotLoadedAndTheirRowsLeave() throws SQLException {
        AddressOfRecord bob = new AddressOfRecord("bob", "example.com");
        try (SqliteLocationStore store = open()) {
            apply(store, clock.instant(), plain(ALICE, "h1", 60, 1), plain(ALICE, "h2", 120, 1));
            apply(store, clock.instant(), plain(bob, "h1", 30, 1));
        }
        clock.advance(Duration.ofSeconds(60));
        try (SqliteLocationStore store = open()) {
            assertThat(store.lookup(ALICE).join()).extracting(b -> b.uri().toString()).containsExactly("sip:alice@h2");
            assertThat(store.lookup(bob).join()).isEmpty();
            assertThat(store.count().join()).isEqualTo(new LocationCounts(1, 1));
        }
        assertThat(rows("SELECT count(*) FROM binding")).isEqualTo(1);
    }

    @Test
    void manyChangesGoInOneFlushAndRepeatedRefreshesOfARecordAreOneWrite() throws Exception {
        try (SqliteLocationStore store = open()) {
            store.flush().get(10, TimeUnit.SECONDS);
            List<AddressOfRecord> aors = new ArrayList<>();
            for (int i = 0; i < 2000; i++) {
                AddressOfRecord aor = new AddressOfRecord("user" + i, "example.com");
                aors.add(aor);
                for (int refresh = 1; refresh <= 3; refresh++) {
                    assertThat(apply(store, clock.instant(), plain(aor, "h" + i, 60L * refresh, refresh)).isApplied())
                            .isTrue();
                }
            }
            assertThat(store.flush().get(10, TimeUnit.SECONDS)).isEqualTo(2000);
            assertThat(rows("SELECT count(*) FROM binding")).isEqualTo(2000);
            assertThat(rows("SELECT count(*) FROM binding WHERE cseq = 3 AND expires_at = "
                    + clock.instant().plusSeconds(180).toEpochMilli())).isEqualTo(2000);
            assertThat(store.flush().get(10, TimeUnit.SECONDS)).isZero();
            assertThat(store.flushFailures()).isZero();
        }
    }

    @Test
    void writesOnlyOnItsWriterThreadAndApplyNeverWaitsForTheDisk() throws Exception {
        try (SqliteLocationStore store = open()) {
            CompletableFuture<Integer> flush;
            CompletableFuture<Thread> completedOn = new CompletableFuture<>();
            WriteLock lock = new WriteLock(dir.resolve(SqliteDatabase.FILE_NAME));
            try {
                // The file is locked by "another process": apply still answers at once, from memory.
                CompletableFuture<ChangeResult> applied = store.apply(BindingChange.of(ALICE, clock.instant(),
                        "call-alice", 1, List.of(plain(ALICE, "h1", 60, 1)), 10));
                assertThat(applied).isDone();
                assertThat(applied.join().isApplied()).isTrue();
                assertThat(store.lookup(ALICE).join()).hasSize(1);
                flush = store.flush();
                assertThat(flush).isNotDone();
                flush.whenComplete((n, e) -> completedOn.complete(Thread.currentThread()));
            } finally {
                lock.close();
            }
            // Waiting on completedOn, not on flush: a thread waiting in flush.get may run flush's callbacks itself.
            Thread writer = completedOn.get(10, TimeUnit.SECONDS);
            assertThat(flush.get(10, TimeUnit.SECONDS)).isEqualTo(1);
            assertThat(writer.getName()).isEqualTo(SqliteLocationStore.THREAD_NAME);
            assertThat(writer).isNotSameAs(Thread.currentThread());
            assertThat(rows("SELECT count(*) FROM binding")).isEqualTo(1);
        }
    }

    @Test
    void writesBehindWithinAFlushIntervalWithoutBeingAsked() throws Exception {
        SqliteLocationConfig fast = SqliteLocationConfig.defaults().withFlushInterval(Duration.ofMillis(50));
        try (SqliteLocationStore store = SqliteLocationStore.open(SqliteDatabase.open(dir), clock, fast)) {
            apply(store, clock.instant(), plain(ALICE, "h1", 60, 1));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            int found = 0;
            for (int polls = 0; polls < 1000 && found == 0 && System.nanoTime() < deadline; polls++) {
                // Each poll opens a connection and reads the file: no sleep needed between them.
                found = rows("SELECT count(*) FROM binding");
            }
            assertThat(found).isEqualTo(1);
        }
    }

    @Test
    void closeWritesWhatIsLeftAndLaterCallsFailNamingTheFile() throws SQLException {
        SqliteLocationStore store = open();
        apply(store, clock.instant(), plain(ALICE, "h1", 60, 1));
        store.close();
        assertThat(rows("SELECT count(*) FROM binding")).isEqualTo(1);
        assertThatThrownBy(() -> store.lookup(ALICE).join()).isInstanceOf(CompletionException.class)
                .cause().isInstanceOf(SqliteStoreException.class)
                .hasMessageContaining(dir.resolve(SqliteDatabase.FILE_NAME).toString()).hasMessageContaining("closed");
        assertThatThrownBy(() -> store.flush().join()).cause().isInstanceOf(SqliteStoreException.class);
    }

    @Test
    void aRemovedRecordLeavesTheFile() throws Exception {
        try (SqliteLocationStore store = open()) {
            apply(store, clock.instant(), plain(ALICE, "h1", 60, 1));
            store.flush().get(10, TimeUnit.SECONDS);
            assertThat(store.apply(BindingChange.removeAll(ALICE, clock.instant(), "call-alice", 2)).join()
                    .isApplied()).isTrue();
            store.flush().get(10, TimeUnit.SECONDS);
            assertThat(rows("SELECT count(*) FROM binding")).isZero();
        }
    }

    private int rows(String countQuery) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(SqliteDatabase.FILE_NAME));
                Statement s = c.createStatement(); ResultSet r = s.executeQuery(countQuery)) {
            r.next();
            return r.getInt(1);
        }
    }
}
