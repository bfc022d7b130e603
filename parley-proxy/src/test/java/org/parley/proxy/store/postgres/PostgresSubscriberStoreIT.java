package org.parley.proxy.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parley.proxy.auth.Subscriber;
import org.parley.proxy.auth.SubscriberStore;
import org.parley.proxy.auth.SubscriberStoreContract;
import org.parley.testkit.db.PostgresServer;
import org.parley.ua.auth.DigestAlgorithm;
import org.parley.ua.auth.DigestComputation;

/**
 * {@link PostgresSubscriberStore} against a real, throw-away PostgreSQL ({@link PostgresServer}): the
 * {@link SubscriberStoreContract} (the table emptied before each test), then what is PostgreSQL's own:
 * the documented table shape, schema creation by nodes starting together, a newer schema refused,
 * the bounded queue, bad credentials and a database that is gone. Skipped when PostgreSQL is missing,
 * unless {@code CI=true} (STYLE.md §9).
 */
class PostgresSubscriberStoreIT extends SubscriberStoreContract {
    private static PostgresServer postgres;

    @BeforeAll
    static void startPostgres() {
        Assumptions.assumeTrue(PostgresServer.isInstalled() || "true".equals(System.getenv("CI")),
                "PostgreSQL is not installed (Debian package " + PostgresServer.PACKAGE + "); skipping");
        postgres = PostgresServer.start();
    }

    @AfterAll
    static void stopPostgres() {
        if (postgres != null) {
            postgres.close();
        }
    }

    private static PostgresConfig config() {
        return PostgresConfig.of(postgres.jdbcUrl(), postgres.user(), postgres.password());
    }

    private static void sql(String... statements) {
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password());
                Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected SubscriberStore newStore() {
        PostgresSubscriberStore store = PostgresSubscriberStore.open(config());
        sql("TRUNCATE subscribers");
        return store;
    }

    @Override
    protected void closeStore(SubscriberStore opened) {
        ((PostgresSubscriberStore) opened).close();
    }

    @Test
    void aRowWrittenBySqlInTheDocumentedShapeIsFound() {
        String md5 = DigestComputation.userRealmHash(DigestAlgorithm.MD5, "bob", "example.com", "pw");
        sql("INSERT INTO subscribers (realm, username, ha1_md5) VALUES ('example.com', 'bob', '" + md5 + "')");
        Subscriber bob = await(store().find("bob", "example.com")).orElseThrow();
        assertThat(bob.userRealmHash(DigestAlgorithm.MD5)).hasValue(md5);
        assertThat(bob.userRealmHash(DigestAlgorithm.SHA_256)).isEmpty();
    }

    @Test
    void theSchemaRecordsItsVersion() throws SQLException {
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password());
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT version FROM parley_schema WHERE component = 'subscribers'")) {
            assertThat(r.next()).isTrue();
            assertThat(r.getInt(1)).isEqualTo(PostgresSubscriberStore.SCHEMA_VERSION);
        }
    }

    @Test
    void nodesOpeningTogetherCreateTheSchemaOnce() throws Exception {
        sql("DROP TABLE subscribers", "DROP TABLE parley_schema");
        ExecutorService starters = Executors.newFixedThreadPool(4);
        List<CompletableFuture<PostgresSubscriberStore>> opened = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                opened.add(CompletableFuture.supplyAsync(() -> PostgresSubscriberStore.open(config()), starters));
            }
            for (CompletableFuture<PostgresSubscriberStore> f : opened) {
                PostgresSubscriberStore node = await(f);
                assertThat(await(node.list(""))).isEmpty();
            }
        } finally {
            for (CompletableFuture<PostgresSubscriberStore> f : opened) {
                f.thenAccept(PostgresSubscriberStore::close);
            }
            starters.shutdown();
            assertThat(starters.awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void aNewerSchemaIsRefusedWithItsVersion() {
        sql("UPDATE parley_schema SET version = 99 WHERE component = 'subscribers'");
        try {
            assertThatThrownBy(() -> PostgresSubscriberStore.open(config())).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("PostgreSQL subscriber store at " + postgres.jdbcUrl())
                    .hasMessageContaining("schema version 99, newer than this Parley's 1");
        } finally {
            sql("UPDATE parley_schema SET version = 1 WHERE component = 'subscribers'");
        }
    }

    @Test
    void aFullQueueFailsAtOnceAndTheQueuedWorkStillCompletes() throws Exception {
        try (PostgresSubscriberStore narrow = PostgresSubscriberStore.open(config().withPool(1, 1)
                .withTimeout(Duration.ofSeconds(WAIT_SECONDS)));
                Connection locker = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(),
                        postgres.password());
                Statement lock = locker.createStatement()) {
            // Hold the table so the store's one thread waits in its first statement.
            locker.setAutoCommit(false);
            lock.execute("LOCK TABLE subscribers IN ACCESS EXCLUSIVE MODE");
            CompletableFuture<Optional<Subscriber>> running = narrow.find("alice", "example.com");
            waitUntilBlocked();
            CompletableFuture<Optional<Subscriber>> queued = narrow.find("bob", "example.com");
            CompletableFuture<Optional<Subscriber>> refused = narrow.find("carol", "example.com");
            assertThat(refused).isCompletedExceptionally();
            assertThatThrownBy(refused::join).cause().isInstanceOf(IllegalStateException.class)
                    .hasMessage("PostgreSQL subscriber store at " + postgres.jdbcUrl()
                            + ": find carol in example.com failed: queue full (1 operations waiting)");
            locker.commit();
            assertThat(await(running)).isEmpty();
            assertThat(await(queued)).isEmpty();
        }
    }

    /** Until some session waits on a lock: the store's statement is then inside PostgreSQL. */
    private static void waitUntilBlocked() throws SQLException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password());
                Statement s = c.createStatement()) {
            while (System.nanoTime() < deadline) {
                try (ResultSet r = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                        + " AND application_name = 'parley'")) {
                    r.next();
                    if (r.getInt(1) > 0) {
                        return;
                    }
                }
            }
        }
        throw new AssertionError("the store's statement never waited on the lock within " + WAIT_SECONDS + " s");
    }

    @Test
    void aWrongPasswordFailsOpeningWithPostgresqlsReason() {
        PostgresConfig wrong = new PostgresConfig(postgres.jdbcUrl(), postgres.user(), "wrong", 1, 10,
                Duration.ofSeconds(3));
        assertThatThrownBy(() -> PostgresSubscriberStore.open(wrong)).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("PostgreSQL subscriber store at " + postgres.jdbcUrl() + ": cannot connect")
                .hasMessageContaining("password authentication failed")
                .hasMessageNotContaining("wrong");
    }

    @Test
    void aDatabaseThatIsGoneFailsEveryOperationWithinTheTimeout() throws Exception {
        PostgresServer doomed = PostgresServer.start();
        PostgresConfig oneSecond = PostgresConfig.of(doomed.jdbcUrl(), doomed.user(), doomed.password())
                .withTimeout(Duration.ofSeconds(1));
        try (PostgresSubscriberStore store = PostgresSubscriberStore.open(oneSecond)) {
            await(store.put(Subscriber.withPassword("alice", "example.com", "pw", List.of(DigestAlgorithm.MD5))));
            doomed.close();
            long started = System.nanoTime();
            for (CompletableFuture<?> f : List.of(store.find("alice", "example.com"), store.list(""),
                    store.remove("alice", "example.com"))) {
                assertThatThrownBy(() -> f.get(WAIT_SECONDS, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                        .cause().isInstanceOf(IllegalStateException.class)
                        .hasMessageStartingWith("PostgreSQL subscriber store at " + doomed.jdbcUrl() + ": ")
                        .hasMessageContaining(" failed: ");
            }
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(8));
        } finally {
            doomed.close();
        }
    }

    @Test
    void theConfigurationNeverShowsThePassword() {
        assertThat(config().toString()).doesNotContain(postgres.password()).contains(postgres.jdbcUrl());
    }
}
