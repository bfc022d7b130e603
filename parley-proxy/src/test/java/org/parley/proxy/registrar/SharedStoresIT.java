package org.parley.proxy.registrar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.proxy.registrar.Registers.SOURCE;
import static org.parley.proxy.registrar.Registers.answer;
import static org.parley.proxy.registrar.Registers.register;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parley.message.HeaderName;
import org.parley.message.SipRequest;
import org.parley.message.SipResponse;
import org.parley.message.header.Contact;
import org.parley.proxy.auth.DigestConfig;
import org.parley.proxy.auth.DigestServer;
import org.parley.proxy.auth.Subscriber;
import org.parley.proxy.location.AddressOfRecord;
import org.parley.proxy.location.Binding;
import org.parley.proxy.store.postgres.PostgresConfig;
import org.parley.proxy.store.postgres.PostgresSubscriberStore;
import org.parley.proxy.store.redis.RedisConfig;
import org.parley.proxy.store.redis.RedisLocationStore;
import org.parley.testkit.db.PostgresServer;
import org.parley.testkit.db.RedisServer;
import org.parley.transport.Source;
import org.parley.transport.Transport;
import org.parley.ua.auth.DigestAlgorithm;

/**
 * Issue #6 "Two registrars on one Redis: register on one, find on the other": two nodes, each with its
 * own {@link Registrar}, {@link RedisLocationStore} and {@link PostgresSubscriberStore}, share one Redis
 * and one PostgreSQL (throw-away servers on free loopback ports) and one nonce secret. REGISTERs carry
 * digest credentials written by hand as a client computes them (RFC 3261 §22.4, RFC 7616 §3.4).
 * Skipped when either server is missing, unless {@code CI=true} (STYLE.md §9).
 */
class SharedStoresIT {
    private static final long WAIT_SECONDS = 10;
    private static final AddressOfRecord ALICE = new AddressOfRecord("alice", "example.com");
    private static final Source SOURCE_B = new Source(Transport.TCP, new InetSocketAddress("127.0.0.10", 40000),
            new InetSocketAddress("127.0.0.1", 5060), 3);
    private static RedisServer redis;
    private static PostgresServer postgres;

    private static final AtomicInteger TESTS = new AtomicInteger();
    private final DigestConfig digest = DigestConfig.defaults();
    /** The nodes of one test share bindings; tests do not (each has its own key prefix). */
    private final String keyPrefix = "shared" + TESTS.incrementAndGet() + ":";
    private final List<AutoCloseable> opened = new ArrayList<>();

    /** One Parley node: its stores and its registrar. */
    private record Node(PostgresSubscriberStore users, RedisLocationStore locations, Registrar registrar) {
        SipResponse handle(SipRequest request, Source source) {
            return registrar.handle(request, source).orTimeout(WAIT_SECONDS, TimeUnit.SECONDS).join();
        }
    }

    @BeforeAll
    static void startServers() {
        boolean ci = "true".equals(System.getenv("CI"));
        Assumptions.assumeTrue(RedisServer.isInstalled() || ci, "redis-server is not installed (Debian package "
                + RedisServer.PACKAGE + "); skipping");
        Assumptions.assumeTrue(PostgresServer.isInstalled() || ci, "PostgreSQL is not installed (Debian package "
                + PostgresServer.PACKAGE + "); skipping");
        redis = RedisServer.start();
        postgres = PostgresServer.start();
    }

    @AfterAll
    static void stopServers() {
        if (redis != null) {
            redis.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @AfterEach
    void closeNodes() throws Exception {
        for (AutoCloseable c : opened.reversed()) {
            c.close();
        }
    }

    private Node node(RedisServer server) {
        InstantSource clock = InstantSource.system();
        PostgresSubscriberStore users = PostgresSubscriberStore.open(PostgresConfig.of(postgres.jdbcUrl(),
                postgres.user(), postgres.password()));
        opened.add(users);
        RedisLocationStore locations = RedisLocationStore.open(RedisConfig.of(server.uri().toString())
                .withKeyPrefix(keyPrefix).withTimeout(Duration.ofSeconds(1)), clock);
        opened.add(locations);
        Registrar registrar = Registrar.authenticating(RegistrarConfig.forDomain("example.com"), locations,
                new DigestServer(digest, users, clock), clock);
        return new Node(users, locations, registrar);
    }

    private static <T> T await(CompletableFuture<T> future) {
        return future.orTimeout(WAIT_SECONDS, TimeUnit.SECONDS).join();
    }

    /** Sends {@code request} to {@code challenger}, answers its 401 as alice, and sends the answer to {@code to}. */
    private static SipResponse authenticated(SipRequest request, Node challenger, Node to, Source source,
            String password, long nc) {
        SipResponse challenge = challenger.handle(request, source);
        assertThat(challenge.statusCode()).isEqualTo(401);
        return to.handle(answer(request, challenge.wwwAuthenticate().get(0), "alice", password, nc), source);
    }

    @Test
    void aRegisterHandledByOneNodeIsFoundThroughTheOther() {
        Node a = node(redis);
        Node b = node(redis);
        await(a.users().put(Subscriber.withPassword("alice", "example.com", "secret",
                List.of(DigestAlgorithm.SHA_256, DigestAlgorithm.MD5))));

        SipResponse ok = authenticated(register(1, "<sip:alice@127.0.0.9:5070>;expires=600")
                .add(HeaderName.USER_AGENT, "phone/1").build(), a, a, SOURCE, "secret", 1);
        assertThat(ok.statusCode()).isEqualTo(200);

        List<Binding> seenByB = await(b.locations().lookup(ALICE));
        assertThat(seenByB).singleElement().satisfies(binding -> {
            assertThat(binding.uri().toString()).isEqualTo("sip:alice@127.0.0.9:5070");
            assertThat(binding.source()).isEqualTo(SOURCE);
            assertThat(binding.userAgent()).hasValue("phone/1");
            assertThat(binding.callId()).isEqualTo("c1");
        });
        // A query (no Contact) through B's registrar lists the binding A wrote.
        SipResponse query = authenticated(register(2).build(), b, b, SOURCE_B, "secret", 1);
        assertThat(query.statusCode()).isEqualTo(200);
        assertThat(query.contacts()).extracting(c -> c.address().orElseThrow().uri().toString())
                .containsExactly("sip:alice@127.0.0.9:5070");
        assertThat(query.contacts().get(0).expires().orElseThrow()).isBetween(590L, 600L);
    }

    @Test
    void aNonceFromOneNodeIsGoodOnTheOtherAndARemovalThereIsSeenHere() {
        Node a = node(redis);
        Node b = node(redis);
        await(b.users().put(Subscriber.withPassword("alice", "example.com", "secret",
                List.of(DigestAlgorithm.SHA_256, DigestAlgorithm.MD5))));
        assertThat(authenticated(register(1, "<sip:alice@h1>", "<sip:alice@h2>").build(), a, a, SOURCE, "secret", 1)
                .statusCode()).isEqualTo(200);

        // Challenged by A, answered to B: the nodes share the nonce secret and the subscribers.
        SipResponse removed = authenticated(register(2, "<sip:alice@h1>;expires=0").build(), a, b, SOURCE_B,
                "secret", 1);
        assertThat(removed.statusCode()).isEqualTo(200);
        assertThat(removed.contacts()).extracting(Contact::toString).singleElement().asString()
                .startsWith("<sip:alice@h2>;expires=");
        assertThat(await(a.locations().lookup(ALICE))).extracting(x -> x.uri().toString())
                .containsExactly("sip:alice@h2");
        // A replayed removal of h2 (same Call-ID, CSeq not above h2's), now through A: out of order (§10.3 step 7).
        assertThat(authenticated(register(1, "<sip:alice@h2>;expires=0").build(), a, a, SOURCE, "secret", 2)
                .statusCode()).isEqualTo(400);
        assertThat(await(b.locations().lookup(ALICE))).extracting(x -> x.uri().toString())
                .containsExactly("sip:alice@h2");
    }

    @Test
    void aWrongPasswordOnEitherNodeLeavesNoBinding() {
        Node a = node(redis);
        Node b = node(redis);
        await(a.users().put(Subscriber.withPassword("alice", "example.com", "secret",
                List.of(DigestAlgorithm.SHA_256, DigestAlgorithm.MD5))));
        assertThat(authenticated(register(1, "<sip:alice@h9>").build(), b, b, SOURCE_B, "guess", 1).statusCode())
                .isEqualTo(401);
        assertThat(await(a.locations().lookup(ALICE))).isEmpty();
        await(a.users().remove("alice", "example.com"));
        assertThat(authenticated(register(2, "<sip:alice@h9>").build(), a, a, SOURCE, "secret", 1).statusCode())
                .isEqualTo(401);
        assertThat(await(b.locations().lookup(ALICE))).isEmpty();
    }

    @Test
    void aNodeWhoseRedisIsGoneAnswers500WithoutHanging() {
        RedisServer doomed = RedisServer.start();
        try {
            Node a = node(doomed);
            await(a.users().put(Subscriber.withPassword("alice", "example.com", "secret",
                    List.of(DigestAlgorithm.SHA_256))));
            doomed.close();
            SipResponse failed = authenticated(register(1, "<sip:alice@h1>").build(), a, a, SOURCE, "secret", 1);
            assertThat(failed.statusCode()).isEqualTo(500);
            assertThat(failed.reasonPhrase()).isEqualTo("Server Internal Error - location store failed");
        } finally {
            doomed.close();
        }
    }
}
