package org.parley.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.proxy.auth.Subscriber;
import org.parley.proxy.location.AddressOfRecord;
import org.parley.proxy.location.Binding;
import org.parley.proxy.store.sqlite.SqliteDatabase;
import org.parley.proxy.store.sqlite.SqliteSubscriberStore;
import org.parley.server.config.ServerConfig;
import org.parley.testkit.audio.Frequencies;
import org.parley.testkit.audio.Pcm;
import org.parley.testkit.audio.Wav;
import org.parley.testkit.baresip.Baresip;
import org.parley.testkit.baresip.BaresipMessage;
import org.parley.testkit.baresip.BaresipProcess;
import org.parley.testkit.linphone.Linphonec;
import org.parley.testkit.linphone.LinphonecProcess;
import org.parley.testkit.sipp.Sipp;
import org.parley.testkit.sipp.SippResult;
import org.parley.transport.Transport;
import org.parley.ua.auth.DigestAlgorithm;

/**
 * Issue #8's tests with real clients: baresip and linphonec (and SIPp) against a {@link ParleyServer} on
 * 127.0.0.1 port-0 listeners serving the domain {@value #DOMAIN}, users added to its SQLite store as
 * {@code parley user add} adds them. The clients reach the server as their outbound proxy (RFC 3261
 * §8.1.2), so their addresses of record stay in the served domain.
 *
 * <p>Registration with digest authentication (RFC 3261 §22) needs only the registrar: linphonec's runs
 * now; baresip's waits for MD5-only challenges (see {@link #NEEDS_MD5_ONLY}). Calls and MESSAGEs between
 * clients need the proxy core in the server (issue #7) and are disabled until it is wired in. All seven
 * passed in a trial merge with wt-proxy's {@code Proxy} as the server's transaction user (locations,
 * registrar, subscribers, digest authentication; merged-request detection off) and MD5 as the only
 * algorithm. Skipped when a client is missing, unless {@code CI=true} (STYLE.md §9).
 */
class RealClientsIT {
    private static final String DOMAIN = "parley.test";
    private static final String PASSWORD = "s3cret-pass";
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String NEEDS_PROXY = "needs the proxy core (issue #7) wired into ParleyServer; issue #8";
    /**
     * baresip 1.0's SIP library (libre) gives up ("Function not implemented") when any WWW-Authenticate
     * names an algorithm other than MD5, wherever it stands, instead of taking one it supports (RFC 8760
     * §2.4); Parley offers SHA-256 and MD5 (DigestConfig.DEFAULT_ALGORITHMS) with no server setting to
     * change it. BaresipIT shows it against SIPp; with MD5 alone offered these tests pass (tried by
     * changing the default locally).
     */
    private static final String NEEDS_MD5_ONLY = "baresip 1.0 gives up at any non-MD5 challenge; needs a server "
            + "setting that offers MD5 only; issue #8";

    @TempDir
    static Path data;

    private static ParleyServer server;

    private final List<AutoCloseable> started = new ArrayList<>();

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        boolean ci = "true".equals(System.getenv("CI"));
        Assumptions.assumeTrue(Baresip.isInstalled() || ci,
                "baresip is not installed (Debian package " + Baresip.PACKAGE + "); skipping");
        Assumptions.assumeTrue(Linphonec.isInstalled() || ci,
                "linphonec is not installed (Debian package " + Linphonec.PACKAGE + "); skipping");
        Assumptions.assumeTrue(Sipp.isInstalled() || ci,
                "SIPp is not installed (Debian package " + Sipp.PACKAGE + "); skipping");
        server = ParleyServer.start(ServerConfig.builder().listen("udp:127.0.0.1:0").listen("tcp:127.0.0.1:0")
                .domain(DOMAIN).dataDirectory(data).noAdmin().logLevel("WARN").build());
        for (String user : List.of("alice", "bob", "carol", "dave")) {
            addUser(user, List.of(DigestAlgorithm.SHA_256, DigestAlgorithm.MD5));
        }
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @AfterEach
    void stopClients() throws Exception {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
    }

    /** Adds a subscriber as {@code parley user add} does: its own connection to the data directory's store. */
    private static void addUser(String user, List<DigestAlgorithm> algorithms) {
        try (SqliteSubscriberStore store = SqliteSubscriberStore.open(SqliteDatabase.open(data))) {
            store.put(Subscriber.withPassword(user, DOMAIN, PASSWORD, algorithms)).get();
        } catch (InterruptedException | ExecutionException e) {
            throw new AssertionError("cannot add " + user, e);
        }
    }

    private <T extends AutoCloseable> T keep(T process) {
        started.add(process);
        return process;
    }

    private BaresipProcess baresip(String user, Transport t, Baresip more) {
        return keep(more.account("sip:" + user + "@" + DOMAIN).password(PASSWORD).register(true).transport(t)
                .outboundProxy(server.localAddress(t)).start());
    }

    private static List<Binding> bindings(String user) throws Exception {
        return server.locations().lookup(AddressOfRecord.parse("sip:" + user + "@" + DOMAIN))
                .get(5, TimeUnit.SECONDS);
    }

    @Test
    @Disabled(NEEDS_MD5_ONLY)
    void twoBaresipsRegisterWithDigestAuthentication() throws Exception {
        BaresipProcess alice = baresip("alice", Transport.UDP, Baresip.builder());
        BaresipProcess bob = baresip("bob", Transport.TCP, Baresip.builder());

        alice.awaitRegistered(WAIT);
        bob.awaitRegistered(WAIT);

        assertThat(bindings("alice")).singleElement()
                .satisfies(b -> assertThat(b.source().transport()).isEqualTo(Transport.UDP));
        assertThat(bindings("bob")).singleElement()
                .satisfies(b -> assertThat(b.source().transport()).isEqualTo(Transport.TCP));
    }

    @Test
    @Disabled(NEEDS_MD5_ONLY)
    void baresipWithAWrongPasswordIsRefusedAndLeavesNoBinding() throws Exception {
        BaresipProcess dave = keep(Baresip.builder().account("sip:dave@" + DOMAIN).password("wrong").register(true)
                .outboundProxy(server.localAddress(Transport.UDP)).start());

        assertThatThrownBy(() -> dave.awaitRegistered(WAIT)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("failed to register").hasMessageMatching("(?s).*\\b40[13]\\b.*");
        assertThat(bindings("dave")).isEmpty();
    }

    @Test
    void linphonecWithAWrongPasswordIsRefusedAndLeavesNoBinding() throws Exception {
        LinphonecProcess dave = keep(Linphonec.builder().identity("sip:dave@" + DOMAIN)
                .proxy(server.localAddress(Transport.UDP)).register(true).password("wrong").start());

        assertThatThrownBy(() -> dave.awaitRegistered(WAIT)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("failed to register");
        assertThat(bindings("dave")).isEmpty();
    }

    @Test
    void linphonecRegistersWithDigestAuthentication() throws Exception {
        LinphonecProcess carol = keep(Linphonec.builder().identity("sip:carol@" + DOMAIN)
                .proxy(server.localAddress(Transport.UDP)).register(true).password(PASSWORD).start());

        carol.awaitRegistered(WAIT);

        assertThat(bindings("carol")).singleElement()
                .satisfies(b -> assertThat(b.source().transport()).isEqualTo(Transport.UDP));
    }

    @Test
    @Disabled(NEEDS_PROXY + "; " + NEEDS_MD5_ONLY)
    void twoRegisteredBaresipsCallThroughTheServerAndHearEachOther() {
        Path a = dir.resolve("a.wav");
        Path b = dir.resolve("b.wav");
        Wav.writeTone(a, 440, Duration.ofSeconds(20));
        Wav.writeTone(b, 880, Duration.ofSeconds(20));
        BaresipProcess alice = baresip("alice", Transport.UDP, Baresip.builder().play(a)
                .recordTo(dir.resolve("alice")));
        BaresipProcess bob = baresip("bob", Transport.TCP, Baresip.builder().play(b).autoAnswer(true)
                .recordTo(dir.resolve("bob")));
        alice.awaitRegistered(WAIT);
        bob.awaitRegistered(WAIT);

        alice.dial("sip:bob@" + DOMAIN);
        alice.awaitCallEstablished(WAIT);
        assertThat(bob.awaitCallEstablished(WAIT).peerUri()).contains("alice@" + DOMAIN);
        alice.awaitReceivedAudio(Duration.ofSeconds(1), WAIT);
        bob.awaitReceivedAudio(Duration.ofSeconds(1), WAIT);
        alice.hangup();
        alice.awaitCallClosed(WAIT);
        bob.awaitCallClosed(WAIT);
        alice.close();
        bob.close();

        // Media flows between the phones directly; the server only signals.
        Pcm aliceHeard = Wav.read(alice.receivedRecordings().getLast());
        Pcm bobHeard = Wav.read(bob.receivedRecordings().getLast());
        assertThat(Frequencies.dominant(aliceHeard)).as("what alice heard").isCloseTo(880, within(10.0));
        assertThat(Frequencies.dominant(bobHeard)).as("what bob heard").isCloseTo(440, within(10.0));
    }

    @Test
    @Disabled(NEEDS_PROXY + "; " + NEEDS_MD5_ONLY)
    void linphonecMessagesARegisteredBaresipUserThroughTheServer() {
        BaresipProcess bob = baresip("bob", Transport.UDP, Baresip.builder());
        LinphonecProcess carol = keep(Linphonec.builder().identity("sip:carol@" + DOMAIN)
                .proxy(server.localAddress(Transport.UDP)).register(true).password(PASSWORD).start());
        bob.awaitRegistered(WAIT);
        carol.awaitRegistered(WAIT);

        long from = carol.outputLineCount();
        carol.chat("sip:bob@" + DOMAIN, "hello bob, from carol");

        assertThat(carol.awaitChatOutcome(from, WAIT)).isEqualTo("Delivered");
        BaresipMessage received = bob.awaitMessage(0, WAIT);
        assertThat(received.text()).isEqualTo("hello bob, from carol");
        assertThat(received.peer()).contains("carol@" + DOMAIN);
    }

    @Test
    @Disabled(NEEDS_PROXY + "; " + NEEDS_MD5_ONLY)
    void sippFromAnotherDomainCallsARegisteredBaresipThroughTheServer() throws IOException {
        Path tone = dir.resolve("tone.wav");
        Wav.writeTone(tone, 440, Duration.ofSeconds(20));
        BaresipProcess bob = baresip("bob", Transport.UDP, Baresip.builder().play(tone).autoAnswer(true));
        bob.awaitRegistered(WAIT);
        Path scenario = dir.resolve("uac-call-domain.xml");
        Files.writeString(scenario, CALL_TO_DOMAIN, StandardCharsets.ISO_8859_1);

        // Issue #7: requests from other domains to our users are forwarded without a challenge.
        SippResult caller = keep(Sipp.scenario(scenario).remote(server.localAddress(Transport.UDP))
                .define("domain", DOMAIN).args("-s", "bob").start()).awaitExit(Duration.ofSeconds(30));

        assertThat(caller.isSuccess()).as(caller.describe()).isTrue();
        assertThat(bob.awaitCallEstablished(WAIT).peerUri()).contains("caller@");
        assertThat(bob.awaitCallClosed(WAIT).param()).isNotEmpty();
    }

    /**
     * uac-call with a Request-URI in the served domain ({{domain}}), sent to the server: INVITE -> 1xx ->
     * 200 -> ACK and BYE along the Record-Route (RFC 3261 §12.1.2, §16.12) -> 200.
     */
    private static final String CALL_TO_DOMAIN = """
            <?xml version="1.0" encoding="ISO-8859-1" ?>
            <scenario name="uac-call-domain">
              <send retrans="500"><![CDATA[

                  INVITE sip:[service]@{{domain}} SIP/2.0
                  Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch];rport
                  From: <sip:caller@[local_ip]:[local_port]>;tag=[pid]-c-[call_number]
                  To: <sip:[service]@{{domain}}>
                  Call-ID: [call_id]
                  CSeq: 1 INVITE
                  Contact: <sip:caller@[local_ip]:[local_port];transport=[transport]>
                  Max-Forwards: 70
                  Content-Type: application/sdp
                  Content-Length: [len]

                  v=0
                  o=caller 1 1 IN IP[local_ip_type] [local_ip]
                  s=-
                  c=IN IP[media_ip_type] [media_ip]
                  t=0 0
                  m=audio [media_port] RTP/AVP 0
                  a=rtpmap:0 PCMU/8000

                ]]></send>
              <recv response="100" optional="true"/>
              <recv response="180" optional="true"/>
              <recv response="183" optional="true"/>
              <recv response="200" rrs="true" rtd="true"/>
              <send><![CDATA[

                  ACK [next_url] SIP/2.0
                  Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch];rport
                  [routes]
                  From: <sip:caller@[local_ip]:[local_port]>;tag=[pid]-c-[call_number]
                  [last_To:]
                  Call-ID: [call_id]
                  CSeq: 1 ACK
                  Max-Forwards: 70
                  Content-Length: 0

                ]]></send>
              <pause milliseconds="1000"/>
              <send retrans="500"><![CDATA[

                  BYE [next_url] SIP/2.0
                  Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch];rport
                  [routes]
                  From: <sip:caller@[local_ip]:[local_port]>;tag=[pid]-c-[call_number]
                  [last_To:]
                  Call-ID: [call_id]
                  CSeq: 2 BYE
                  Max-Forwards: 70
                  Content-Length: 0

                ]]></send>
              <recv response="200"/>
            </scenario>
            """;
}
