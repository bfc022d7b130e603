package org.parley.testkit.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Throw-away Redis servers reached with the client the location store uses (Lettuce). Skipped when
 * {@code redis-server} is missing, unless {@code CI=true} (STYLE.md §9).
 */
class RedisServerIT {
    private static final long WAIT_SECONDS = 10;

    private final List<RedisServer> servers = new ArrayList<>();
    private final List<RedisClient> clients = new ArrayList<>();

    @BeforeAll
    static void needsRedis() {
        Assumptions.assumeTrue(RedisServer.isInstalled() || "true".equals(System.getenv("CI")),
                "redis-server is not installed (Debian package " + RedisServer.PACKAGE + "); skipping");
    }

    @AfterEach
    void closeAll() {
        clients.forEach(c -> c.shutdown(Duration.ZERO, Duration.ofSeconds(2)));
        servers.forEach(RedisServer::close);
    }

    private RedisServer start() {
        RedisServer server = RedisServer.start();
        servers.add(server);
        return server;
    }

    private StatefulRedisConnection<String, String> connect(RedisServer server) {
        RedisClient client = RedisClient.create(RedisURI.create(server.uri()));
        clients.add(client);
        return client.connect();
    }

    @Test
    void setsAKeyWithExpiryReadsItAndSeesItExpire() throws Exception {
        RedisServer redis = start();
        assertThat(redis.uri()).hasToString("redis://127.0.0.1:" + redis.port());
        RedisCommands<String, String> sync = connect(redis).sync();
        // Redis announces each key it expires on this channel once notify-keyspace-events has E and x.
        sync.configSet("notify-keyspace-events", "Ex");
        RedisClient client = RedisClient.create(RedisURI.create(redis.uri()));
        clients.add(client);
        StatefulRedisPubSubConnection<String, String> events = client.connectPubSub();
        CompletableFuture<String> expired = new CompletableFuture<>();
        events.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                expired.complete(message);
            }
        });
        events.sync().subscribe("__keyevent@0__:expired");

        assertThat(sync.set("location:alice", "sip:alice@127.0.0.1:5070", SetArgs.Builder.px(300))).isEqualTo("OK");

        assertThat(sync.get("location:alice")).isEqualTo("sip:alice@127.0.0.1:5070");
        assertThat(sync.pttl("location:alice")).isBetween(1L, 300L);
        assertThat(expired.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("location:alice");
        assertThat(sync.get("location:alice")).isNull();
        assertThat(sync.exists("location:alice")).isZero();
    }

    @Test
    void runsTwoServersAtOnceOnDifferentPortsWithTheirOwnKeys() {
        RedisServer first = start();
        RedisServer second = start();

        assertThat(first.port()).isNotEqualTo(second.port());
        assertThat(first.directory()).isNotEqualTo(second.directory());
        RedisCommands<String, String> a = connect(first).sync();
        RedisCommands<String, String> b = connect(second).sync();
        a.set("k", "first");
        b.set("k", "second");
        assertThat(a.get("k")).isEqualTo("first");
        assertThat(b.get("k")).isEqualTo("second");
        assertThat(a.configGet("bind")).containsEntry("bind", "127.0.0.1");
        assertThat(a.configGet("save")).containsEntry("save", "");
        assertThat(a.configGet("appendonly")).containsEntry("appendonly", "no");
    }

    @Test
    void closeStopsTheServerFreesThePortAndDeletesTheDirectory() {
        RedisServer redis = start();
        ProcessHandle server = ProcessHandle.of(redis.pid()).orElseThrow();
        Path dir = redis.directory();
        StatefulRedisConnection<String, String> connection = connect(redis);
        assertThat(connection.sync().ping()).isEqualTo("PONG");
        connection.close();

        redis.close();
        redis.close();

        assertThat(server.isAlive()).isFalse();
        assertThat(redis.isAlive()).isFalse();
        assertThat(Files.exists(dir)).isFalse();
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", redis.port()));
            assertThat(socket.getLocalPort()).isEqualTo(redis.port());
        } catch (IOException e) {
            throw new AssertionError("port " + redis.port() + " still taken after close", e);
        }
    }
}
