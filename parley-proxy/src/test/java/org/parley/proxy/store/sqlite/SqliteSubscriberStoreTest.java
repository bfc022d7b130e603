package org.parley.proxy.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.proxy.auth.Subscriber;
import org.parley.proxy.auth.SubscriberStore;
import org.parley.proxy.auth.SubscriberStoreContract;
import org.parley.ua.auth.DigestAlgorithm;

/** {@link SqliteSubscriberStore}: the {@link SubscriberStoreContract}, read-through and its threads. */
class SqliteSubscriberStoreTest extends SubscriberStoreContract {
    private static final List<DigestAlgorithm> BOTH = List.of(DigestAlgorithm.SHA_256, DigestAlgorithm.MD5);

    @TempDir
    Path dir;

    @Override
    protected SubscriberStore newStore() {
        return SqliteSubscriberStore.open(SqliteDatabase.open(dir));
    }

    @Test
    void aRunningStoreSeesWhatAnotherConnectionWroteAtOnce() {
        try (SqliteSubscriberStore server = SqliteSubscriberStore.open(SqliteDatabase.open(dir));
                SqliteSubscriberStore admin = SqliteSubscriberStore.open(SqliteDatabase.open(dir))) {
            assertThat(server.find("alice", "example.com").join()).isEmpty();
            Subscriber alice = Subscriber.withPassword("alice", "example.com", "secret", BOTH);
            admin.put(alice).join();
            assertThat(server.find("alice", "example.com").join()).get().extracting(Subscriber::ha1)
                    .isEqualTo(alice.ha1());
            admin.remove("alice", "example.com").join();
            assertThat(server.find("alice", "example.com").join()).isEmpty();
        }
    }

    @Test
    void survivesAReopenAndStoresNoPassword() throws Exception {
        try (SqliteSubscriberStore s = SqliteSubscriberStore.open(SqliteDatabase.open(dir))) {
            s.put(Subscriber.withPassword("alice", "example.com", "TheSecretWord", BOTH)).join();
        }
        try (SqliteSubscriberStore s = SqliteSubscriberStore.open(SqliteDatabase.open(dir))) {
            assertThat(s.find("alice", "example.com").join()).isPresent();
        }
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)).as(f.toString())
                        .doesNotContain("TheSecretWord");
            }
        }
    }

    @Test
    void writesOnItsOwnThreadWhileTheCallerGoesOn() throws Exception {
        try (SqliteSubscriberStore s = SqliteSubscriberStore.open(SqliteDatabase.open(dir))) {
            CompletableFuture<Void> put;
            CompletableFuture<Thread> completedOn = new CompletableFuture<>();
            WriteLock lock = new WriteLock(dir.resolve(SqliteDatabase.FILE_NAME));
            try {
                put = s.put(Subscriber.withPassword("alice", "example.com", "secret", BOTH));
                // Returned at once, the write waiting for the lock on the store's thread.
                assertThat(put).isNotDone();
                put.whenComplete((v, e) -> completedOn.complete(Thread.currentThread()));
            } finally {
                lock.close();
            }
            // Waiting on completedOn, not on put: a thread waiting in put.get may run put's callbacks itself.
            assertThat(completedOn.get(10, TimeUnit.SECONDS).getName()).isEqualTo(SqliteSubscriberStore.THREAD_NAME);
            put.get(10, TimeUnit.SECONDS);
            assertThat(s.find("alice", "example.com").join()).isPresent();
        }
    }

    @Test
    void aClosedStoreFailsNamingTheFile() {
        SqliteSubscriberStore s = SqliteSubscriberStore.open(SqliteDatabase.open(dir));
        s.close();
        assertThatThrownBy(() -> s.find("alice", "example.com").join()).isInstanceOf(CompletionException.class)
                .cause().isInstanceOf(SqliteStoreException.class)
                .hasMessageContaining(dir.resolve(SqliteDatabase.FILE_NAME).toString())
                .hasMessageContaining("alice").hasMessageContaining("closed");
    }
}
