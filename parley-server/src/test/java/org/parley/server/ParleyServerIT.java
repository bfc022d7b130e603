package org.parley.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeout;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.parley.message.SipResponse;
import org.parley.proxy.auth.Subscriber;
import org.parley.proxy.location.AddressOfRecord;
import org.parley.proxy.location.Binding;
import org.parley.proxy.store.sqlite.SqliteDatabase;
import org.parley.proxy.store.sqlite.SqliteLocationStore;
import org.parley.proxy.store.sqlite.SqliteSubscriberStore;
import org.parley.server.config.Limits;
import org.parley.server.config.ServerConfig;
import org.parley.server.tls.ServerCertificates;
import org.parley.transport.Transport;
import org.parley.transport.tls.TlsConfig;
import org.parley.transport.tls.TrustMaterial;
import org.parley.ua.RegistrationException;
import org.parley.ua.UserAgent;
import org.parley.ua.auth.DigestAlgorithm;

/**
 * A {@link ParleyServer} on 127.0.0.1 port-0 listeners (UDP, TCP, WS, and TLS and WSS with the
 * self-signed certificate it makes) and a temporary data directory, with Parley user agents registering
 * through the digest challenge (RFC 3261 §22) as users added to the SQLite store the way
 * {@code parley user add} adds them: another connection to the same file, while the server runs.
 */
class ParleyServerIT {
    private static final String DOMAIN = "127.0.0.1";
    private static final String PASSWORD = "correct horse";

    @TempDir
    static Path data;
    @TempDir
    static Path uaFiles;

    private static ParleyServer server;

    @BeforeAll
    static void start() {
        server = ParleyServer.start(config(data).build());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static ServerConfig.Builder config(Path dir) {
        Limits d = Limits.DEFAULTS;
        return ServerConfig.builder().listen("udp:127.0.0.1:0").listen("tcp:127.0.0.1:0").listen("tls:127.0.0.1:0")
                .listen("ws:127.0.0.1:0").listen("wss:127.0.0.1:0").domain(DOMAIN).dataDir(dir).noAdmin()
                .logLevel("WARN")
                .limits(new Limits(d.maxMessageBytes(), d.maxHeaderCount(), d.maxConnections(),
                        d.maxConnectionsPerAddress(), d.idleTimeout(), d.maxBindings(), d.maxBindingsPerAor(),
                        d.minExpires(), d.defaultExpires(), d.maxExpires(), Duration.ofSeconds(5)));
    }

    /** Adds a subscriber as {@code parley user add} does: its own connection to DATA/parley.db. */
    private static void addUser(Path dir, String user) {
        try (SqliteSubscriberStore store = SqliteSubscriberStore.open(SqliteDatabase.open(dir))) {
            store.put(Subscriber.withPassword(user, DOMAIN, PASSWORD,
                    List.of(DigestAlgorithm.SHA_256, DigestAlgorithm.MD5))).get();
        } catch (InterruptedException | ExecutionException e) {
            throw new AssertionError("cannot add " + user, e);
        }
    }

    private static UserAgent userAgent(String user, String password, Transport t) {
        String lower = t.name().toLowerCase(Locale.ROOT);
        var builder = UserAgent.builder().identity("sip:" + user + "@" + DOMAIN).account(user, password)
                .listen(lower + ":127.0.0.1:0");
        if (t.isSecure()) {
            builder.tls(TlsConfig.selfSigned(uaFiles, List.of("localhost")).toBuilder()
                    .trust(TrustMaterial.fromPem(serverCertificate())).build());
        }
        return builder.start();
    }

    private static Path serverCertificate() {
        try (var files = Files.list(data.resolve(ServerCertificates.SELF_SIGNED_DIRECTORY))) {
            return files.filter(p -> p.getFileName().toString().endsWith("cert.pem")).findFirst().orElseThrow();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String registrar(Transport t) {
        return "sip:" + DOMAIN + ":" + server.localAddress(t).getPort() + ";transport="
                + t.name().toLowerCase(Locale.ROOT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"UDP", "TCP", "TLS", "WS", "WSS"})
    void aUserAddedWhileTheServerRunsRegistersWithDigestOverEachTransport(String name) throws Exception {
        Transport t = Transport.of(name);
        String user = "user-" + name.toLowerCase(Locale.ROOT);
        assertThat(server.localAddress(t).getPort()).isPositive();
        addUser(data, user);
        try (UserAgent ua = userAgent(user, PASSWORD, t)) {
            List<org.parley.ua.Binding> bound = ua.register(registrar(t)).start().get(15, TimeUnit.SECONDS);
            assertThat(bound).singleElement().satisfies(b -> assertThat(b.isOurs()).isTrue());
            List<Binding> stored = server.locations().lookup(AddressOfRecord.parse("sip:" + user + "@" + DOMAIN))
                    .get(5, TimeUnit.SECONDS);
            assertThat(stored).singleElement().satisfies(b -> assertThat(b.source().transport()).isEqualTo(t));
        }
    }

    @Test
    void anUnknownUserIsRefusedUntilAddedThenAcceptedWithoutARestart() throws Exception {
        try (UserAgent ua = userAgent("carol", PASSWORD, Transport.UDP)) {
            assertThatThrownBy(() -> ua.register(registrar(Transport.UDP)).start().get(15, TimeUnit.SECONDS))
                    .cause().isInstanceOfSatisfying(RegistrationException.class,
                            e -> assertThat(e.status()).isIn(401, 403));
        }
        addUser(data, "carol");
        try (UserAgent ua = userAgent("carol", PASSWORD, Transport.UDP)) {
            assertThat(ua.register(registrar(Transport.UDP)).start().get(15, TimeUnit.SECONDS)).hasSize(1);
        }
    }

    @Test
    void aWrongPasswordLeavesNoBinding() throws Exception {
        addUser(data, "dave");
        try (UserAgent ua = userAgent("dave", "wrong password", Transport.TCP)) {
            assertThatThrownBy(() -> ua.register(registrar(Transport.TCP)).start().get(15, TimeUnit.SECONDS))
                    .cause().isInstanceOf(RegistrationException.class);
        }
        assertThat(server.locations().lookup(AddressOfRecord.parse("sip:dave@" + DOMAIN)).get(5, TimeUnit.SECONDS))
                .isEmpty();
    }

    @Test
    void answersOptionsAndRefusesWhatItDoesNotHandleWith405() throws Exception {
        try (UserAgent ua = userAgent("erin", PASSWORD, Transport.UDP)) {
            SipResponse options = ua.options("sip:" + DOMAIN + ":" + server.localAddress(Transport.UDP).getPort())
                    .get(15, TimeUnit.SECONDS);
            assertThat(options.statusCode()).isEqualTo(200);
            SipResponse message = ua.message("sip:bob@" + DOMAIN + ":" + server.localAddress(Transport.UDP).getPort(),
                    "hello").get(15, TimeUnit.SECONDS);
            assertThat(message.statusCode()).isEqualTo(405);
        }
    }

    @Test
    void listensOnIpv6Loopback(@TempDir Path own) throws Exception {
        ParleyServer s = ParleyServer.start(ServerConfig.builder().listen("udp:[::1]:0").listen("tcp:[::1]:0")
                .domain(DOMAIN).dataDir(own).noAdmin().logLevel("WARN").build());
        try (UserAgent ua = UserAgent.builder().identity("sip:erin@127.0.0.1").listen("udp:[::1]:0").start()) {
            assertThat(s.localAddress(Transport.UDP).getAddress().isLoopbackAddress()).isTrue();
            SipResponse ok = ua.options("sip:[::1]:" + s.localAddress(Transport.UDP).getPort())
                    .get(15, TimeUnit.SECONDS);
            assertThat(ok.statusCode()).isEqualTo(200);
        } finally {
            s.close();
        }
    }

    @Test
    void closesGracefullyAndTheBindingsSurviveInTheDataDirectory(@TempDir Path own) throws Exception {
        ParleyServer s = ParleyServer.start(config(own).build());
        assertThat(s.isFirstStart()).isTrue();
        assertThat(s.adminToken()).hasSizeGreaterThanOrEqualTo(32);
        assertThat(s.domains()).containsExactly(DOMAIN);
        addUser(own, "frank");
        try (UserAgent ua = UserAgent.builder().identity("sip:frank@" + DOMAIN).account("frank", PASSWORD)
                .listen("udp:127.0.0.1:0").start()) {
            ua.register("sip:" + DOMAIN + ":" + s.localAddress(Transport.UDP).getPort()).start()
                    .get(15, TimeUnit.SECONDS);
            // Closed while still registered (the user agent would unregister on close): the binding stays.
            assertTimeout(Duration.ofSeconds(5), s::close);
            assertThat(s.isClosing()).isTrue();
            s.close();
        }
        try (SqliteLocationStore reopened = SqliteLocationStore.open(SqliteDatabase.open(own),
                Clock.systemUTC())) {
            assertThat(reopened.lookup(AddressOfRecord.parse("sip:frank@" + DOMAIN)).get(5, TimeUnit.SECONDS))
                    .hasSize(1);
        }
        ParleyServer again = ParleyServer.start(config(own).build());
        try {
            assertThat(again.isFirstStart()).isFalse();
            assertThat(again.adminToken()).isEqualTo(s.adminToken());
            assertThat(again.locations().lookup(AddressOfRecord.parse("sip:frank@" + DOMAIN)).get(5, TimeUnit.SECONDS))
                    .hasSize(1);
        } finally {
            again.close();
        }
    }

    @Test
    void aPortInUseFailsTheStartNamingTheListenerAndReleasesTheDataDirectory(@TempDir Path own) throws Exception {
        try (DatagramSocket taken = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            ServerConfig c = ServerConfig.builder().listen("udp:127.0.0.1:" + taken.getLocalPort())
                    .domain(DOMAIN).dataDir(own).noAdmin().logLevel("WARN").build();
            assertThatThrownBy(() -> ParleyServer.start(c)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(String.valueOf(taken.getLocalPort()));
        }
        ParleyServer s = ParleyServer.start(config(own).build());
        s.close();
    }

    @Test
    void reloadAppliesTheLogLevelAndReportsWhatNeedsARestart() {
        ServerConfig next = server.config().toBuilder().logLevel("ERROR").domain("other.example.test").build();
        assertThat(server.reload(next)).containsExactly("domains");
        assertThat(server.config().log().level()).isEqualTo("ERROR");
        assertThat(server.config().domains()).hasSize(1);
        assertThat(server.reload(server.config().toBuilder().logLevel("WARN").build())).isEmpty();
        assertThat(server.config().log().level()).isEqualTo("WARN");
    }
}
