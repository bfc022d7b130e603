package org.parley.proxy.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parley.message.header.Contact;
import org.parley.proxy.location.AddressOfRecord;
import org.parley.proxy.location.Binding;
import org.parley.proxy.location.BindingChange;
import org.parley.proxy.location.ChangeResult;
import org.parley.proxy.location.ChangeResult.Outcome;
import org.parley.proxy.location.LocationCounts;
import org.parley.proxy.location.LocationStore;
import org.parley.proxy.location.LocationStoreContract;
import org.parley.testkit.VirtualClock;
import org.parley.testkit.db.RedisServer;

/**
 * {@link RedisLocationStore} against a real, throw-away Redis ({@link RedisServer}): the
 * {@link LocationStoreContract} (each test under its own key prefix), then what is Redis's own: the key
 * layout and TTL, expiry by Redis itself, unreadable values, a full Redis, and a Redis that is gone.
 * Skipped when {@code redis-server} is missing, unless {@code CI=true} (STYLE.md §9).
 */
class RedisLocationStoreIT extends LocationStoreContract {
    private static final AtomicInteger PREFIXES = new AtomicInteger();
    private static RedisServer redis;
    private static RedisClient rawClient;
    private static StatefulRedisConnection<String, String> rawConnection;
    private static RedisCommands<String, String> raw;

    private RedisConfig config;

    @BeforeAll
    static void startRedis() {
        Assumptions.assumeTrue(RedisServer.isInstalled() || "true".equals(System.getenv("CI")),
                "redis-server is not installed (Debian package " + RedisServer.PACKAGE + "); skipping");
        redis = RedisServer.start();
        rawClient = RedisClient.create(RedisURI.create(redis.uri()));
        rawConnection = rawClient.connect();
        raw = rawConnection.sync();
    }

    @AfterAll
    static void stopRedis() {
        if (rawConnection != null) {
            rawConnection.close();
            rawClient.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Override
    protected LocationStore newStore(VirtualClock clock) {
        config = RedisConfig.of(redis.uri().toString()).withKeyPrefix("t" + PREFIXES.incrementAndGet() + ":loc:");
        return RedisLocationStore.open(config, clock);
    }

    @Override
    protected void closeStore(LocationStore opened) {
        ((RedisLocationStore) opened).close();
    }

    private RedisLocationStore redisStore() {
        return (RedisLocationStore) store();
    }

    @Test
    void aRecordIsOneKeyWhoseTtlEndsWithItsLastBinding() {
        apply(ALICE, "c1", 1, binding(ALICE, "<sip:a@h1>", 60, "c1", 1), binding(ALICE, "<sip:a@h2>", 90, "c1", 1));
        String key = config.keyPrefix() + "sip:alice@example.com";
        assertThat(redisStore().keyOf(ALICE)).isEqualTo(key);
        assertThat(raw.keys(config.keyPrefix() + "*")).containsExactly(key);
        assertThat(raw.pttl(key)).isBetween(85_000L, 90_000L);
        assertThat(raw.get(key)).startsWith("2:P1");

        apply(ALICE, "c1", 2, binding(ALICE, "<sip:a@h2>", 0, "c1", 2));
        assertThat(raw.pttl(key)).isBetween(55_000L, 60_000L);
        apply(ALICE, "c1", 3, binding(ALICE, "<sip:a@h1>", 0, "c1", 3));
        assertThat(raw.exists(key)).isZero();
    }

    @Test
    void redisRemovesARecordWhenItsLastBindingLapses() throws Exception {
        // Real time here: the TTL Redis counts down is what is under test. Redis announces each key it
        // expires on a channel once notify-keyspace-events has E (keyevent) and x (expired).
        raw.configSet("notify-keyspace-events", "Ex");
        StatefulRedisPubSubConnection<String, String> events = rawClient.connectPubSub();
        try (RedisLocationStore real = RedisLocationStore.open(config.withKeyPrefix(config.keyPrefix() + "real:"),
                InstantSource.system())) {
            String key = real.keyOf(ALICE);
            CompletableFuture<String> expired = new CompletableFuture<>();
            events.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
                    if (message.equals(key)) {
                        expired.complete(message);
                    }
                }
            });
            events.sync().subscribe("__keyevent@0__:expired");
            Instant now = InstantSource.system().instant();
            Binding brief = new Binding(ALICE, Contact.parse("<sip:a@h1>"), now.plusMillis(300), "c1", 1, List.of(),
                    Optional.empty(), OptionalInt.empty(), SOURCE, Optional.empty());
            Binding longer = new Binding(ALICE, Contact.parse("<sip:a@h2>"), now.plusMillis(600), "c1", 1, List.of(),
                    Optional.empty(), OptionalInt.empty(), SOURCE, Optional.empty());
            assertThat(await(real.apply(BindingChange.of(ALICE, now, "c1", 1, List.of(brief, longer), 10)))
                    .isApplied()).isTrue();
            assertThat(raw.pttl(key)).isBetween(1L, 600L);

            assertThat(expired).succeedsWithin(Duration.ofSeconds(WAIT_SECONDS));
            assertThat(InstantSource.system().instant()).isAfterOrEqualTo(longer.expiresAt());
            assertThat(raw.exists(key)).isZero();
            assertThat(await(real.lookup(ALICE))).isEmpty();
            assertThat(await(real.count())).isEqualTo(new LocationCounts(0, 0));
        } finally {
            events.close();
            raw.configSet("notify-keyspace-events", "");
        }
    }

    @Test
    void anUnreadableValueFailsTheLookupNamingTheStoreAndTheRecord() {
        raw.set(redisStore().keyOf(ALICE), "not a binding");
        CompletableFuture<List<Binding>> lookup = store().lookup(ALICE);
        assertThatThrownBy(() -> lookup.get(WAIT_SECONDS, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("Redis location store at redis://127.0.0.1:" + redis.port()
                        + ": lookup of sip:alice@example.com failed: IllegalArgumentException: expected <length>:");
        assertThat(store().apply(BindingChange.removeAll(ALICE, clock.instant(), "c1", 1)))
                .failsWithin(Duration.ofSeconds(WAIT_SECONDS));
        // A listing skips it rather than failing the whole page.
        assertThat(await(store().count())).isEqualTo(new LocationCounts(0, 0));
    }

    @Test
    void aRedisOutOfMemoryIsAFullStore() {
        apply(ALICE, "c1", 1, binding(ALICE, "<sip:a@h1>", 60, "c1", 1));
        raw.configSet("maxmemory", "1");
        try {
            ChangeResult r = apply(ALICE, "c1", 2, binding(ALICE, "<sip:a@h2>", 60, "c1", 2));
            assertThat(r.outcome()).isEqualTo(Outcome.STORE_FULL);
            assertThat(r.bindings()).extracting(b -> b.uri().toString()).containsExactly("sip:a@h1");
        } finally {
            raw.configSet("maxmemory", "0");
        }
        assertThat(apply(ALICE, "c1", 3, binding(ALICE, "<sip:a@h2>", 60, "c1", 3)).isApplied()).isTrue();
    }

    @Test
    void aRedisThatIsGoneFailsEveryOperationWithinTheTimeout() throws Exception {
        RedisServer doomed = RedisServer.start();
        RedisConfig short1s = RedisConfig.of(doomed.uri().toString()).withTimeout(Duration.ofSeconds(1));
        try (RedisLocationStore store = RedisLocationStore.open(short1s, clock)) {
            assertThat(await(store.lookup(ALICE))).isEmpty();
            doomed.close();
            long started = System.nanoTime();
            for (CompletableFuture<?> f : List.of(store.lookup(ALICE), store.apply(BindingChange.of(ALICE,
                    clock.instant(), "c1", 1, List.of(binding(ALICE, "<sip:a@h1>", 60, "c1", 1)), 3)), store.count(),
                    store.addressesOfRecord("", 10))) {
                assertThatThrownBy(() -> f.get(WAIT_SECONDS, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                        .cause().isInstanceOf(IllegalStateException.class)
                        .hasMessageStartingWith("Redis location store at redis://127.0.0.1:" + doomed.port() + ": ");
            }
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        } finally {
            doomed.close();
        }
    }

    @Test
    void openingWhereNothingListensFailsNamingTheServer() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort();
        }
        RedisConfig nowhere = RedisConfig.of("redis://127.0.0.1:" + port).withTimeout(Duration.ofSeconds(1));
        assertThatThrownBy(() -> RedisLocationStore.open(nowhere, clock)).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("Redis location store at redis://127.0.0.1:" + port + ": cannot connect");
    }

    @Test
    void aPasswordInTheUriIsNeverShown() {
        RedisConfig secret = RedisConfig.of("redis://:hunter2@127.0.0.1:6379/0");
        assertThat(secret.toString()).doesNotContain("hunter2").contains("redis://***@127.0.0.1:6379/0");
    }

    @Test
    void scanPatternsEscapeTheGlobCharactersOfThePrefix() {
        assertThat(RedisLocationStore.globEscape("a*b?[c]\\d:")).isEqualTo("a\\*b\\?\\[c\\]\\\\d:");
        RedisLocationStore odd = RedisLocationStore.open(config.withKeyPrefix(config.keyPrefix() + "[x]*:"), clock);
        try {
            AddressOfRecord bob = new AddressOfRecord("bob", "example.com");
            apply(ALICE, "c1", 1, binding(ALICE, "<sip:a@h1>", 60, "c1", 1));
            assertThat(await(odd.apply(BindingChange.of(bob, clock.instant(), "c2", 1,
                    List.of(binding(bob, "<sip:b@h1>", 60, "c2", 1)), 3))).isApplied()).isTrue();
            assertThat(await(odd.addressesOfRecord("", 10))).containsExactly(bob);
            assertThat(await(store().addressesOfRecord("", 10))).containsExactly(ALICE);
        } finally {
            odd.close();
        }
    }
}
