package org.parley.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.proxy.auth.Subscriber;
import org.parley.proxy.location.AddressOfRecord;
import org.parley.proxy.store.postgres.PostgresConfig;
import org.parley.proxy.store.postgres.PostgresSubscriberStore;
import org.parley.proxy.store.redis.RedisConfig;
import org.parley.proxy.store.redis.RedisLocationStore;
import org.parley.server.config.ServerConfig;
import org.parley.server.config.StorageConfig;
import org.parley.testkit.db.PostgresServer;
import org.parley.testkit.db.RedisServer;
import org.parley.transport.Transport;
import org.parley.ua.UserAgent;
import org.parley.ua.auth.DigestAlgorithm;

/**
 * A {@link ParleyServer} with {@code storage: postgres}: subscribers in a throw-away PostgreSQL, bindings
 * in a throw-away Redis (both on free loopback ports). A user put into PostgreSQL registers with digest,
 * and the binding is found in Redis by another store, as another node would find it. The database
 * password comes from the variable the configuration names (PARLEY_TEST_PG_PASSWORD, set by failsafe).
 */
class ServerSharedStorageIT {
    private static final String PG_PASSWORD = "pg-secret-1";
    private static final String PASSWORD = "correct horse";
    private static PostgresServer postgres;
    private static RedisServer redis;

    @TempDir
    Path data;

    @BeforeAll
    static void startStores() {
        boolean ci = "true".equals(System.getenv("CI"));
        Assumptions.assumeTrue(PostgresServer.isInstalled() || ci,
                "PostgreSQL is not installed (Debian package " + PostgresServer.PACKAGE + "); skipping");
        Assumptions.assumeTrue(RedisServer.isInstalled() || ci,
                "Redis is not installed (Debian package " + RedisServer.PACKAGE + "); skipping");
        postgres = PostgresServer.builder().password(PG_PASSWORD).start();
        redis = RedisServer.start();
    }

    @AfterAll
    static void stopStores() {
        if (redis != null) {
            redis.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    private ServerConfig config(String passwordEnv) {
        return ServerConfig.builder().listen("udp:127.0.0.1:0").domain("127.0.0.1").dataDir(data).noAdmin()
                .logLevel("WARN").storage(StorageConfig.postgres(postgres.jdbcUrl(), postgres.user(), passwordEnv,
                        redis.uri().toString()))
                .build();
    }

    @Test
    void aUserInPostgresRegistersAndTheBindingIsInRedis() throws Exception {
        try (PostgresSubscriberStore users = PostgresSubscriberStore.open(PostgresConfig.of(postgres.jdbcUrl(),
                postgres.user(), PG_PASSWORD))) {
            users.put(Subscriber.withPassword("grace", "127.0.0.1", PASSWORD,
                    List.of(DigestAlgorithm.SHA_256, DigestAlgorithm.MD5))).get(10, TimeUnit.SECONDS);
        }
        ParleyServer server = ParleyServer.start(config("PARLEY_TEST_PG_PASSWORD"));
        try (UserAgent grace = UserAgent.builder().identity("sip:grace@127.0.0.1").account("grace", PASSWORD)
                .listen("udp:127.0.0.1:0").start()) {
            grace.register("sip:127.0.0.1:" + server.localAddress(Transport.UDP).getPort()).start()
                    .get(20, TimeUnit.SECONDS);
            try (RedisLocationStore other = RedisLocationStore.open(RedisConfig.of(redis.uri().toString()),
                    Clock.systemUTC())) {
                assertThat(other.lookup(AddressOfRecord.parse("sip:grace@127.0.0.1")).get(10, TimeUnit.SECONDS))
                        .hasSize(1);
            }
        } finally {
            server.close();
        }
    }

    @Test
    void anUnsetPasswordVariableFailsTheStartNamingIt() {
        assertThatThrownBy(() -> ParleyServer.start(config("PARLEY_TEST_SURELY_UNSET_PG_PASSWORD")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PARLEY_TEST_SURELY_UNSET_PG_PASSWORD, which is not set");
    }
}
