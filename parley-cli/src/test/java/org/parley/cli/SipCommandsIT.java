package org.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.transport.Transport;
import org.parley.ua.IncomingMessage;
import org.parley.ua.UserAgent;

/**
 * The SIP commands run in-process against a Parley user agent on loopback: what they print and
 * which exit code each outcome gets (success, refusal, timeout, unreachable, bad usage).
 */
class SipCommandsIT {
    private final CliRun cli = new CliRun();
    private final StringWriter out = cli.out;
    private final StringWriter err = cli.err;
    private UserAgent peer;
    private final LinkedBlockingQueue<IncomingMessage> received = new LinkedBlockingQueue<>();

    @BeforeEach
    void startPeer() {
        peer = UserAgent.builder().listen("udp:127.0.0.1:0").listen("tcp:127.0.0.1:0").listen("ws:127.0.0.1:0")
                .identity("sip:bob@127.0.0.1").userAgentName("TestPeer/1").start();
    }

    @AfterEach
    void stopPeer() {
        peer.close();
    }

    private int run(String... args) {
        return cli.run(args);
    }

    private String peerUri(String user, Transport transport) {
        InetSocketAddress a = peer.localAddresses(transport).get(0);
        return "sip:" + (user == null ? "" : user + "@") + "127.0.0.1:" + a.getPort()
                + (transport.equals(Transport.UDP) ? "" : ";transport=" + transport.name().toLowerCase());
    }

    @Test
    void optionsPrintsStatusServerAndRoundTrip() {
        int code = run("options", peerUri(null, Transport.UDP), "--listen", "udp:127.0.0.1:0");

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).startsWith("SIP/2.0 200 OK").contains("Server: TestPeer/1")
                .containsPattern("Round trip: \\d+\\.\\d ms");
    }

    @Test
    void optionsFromTheDefaultListenersOnEveryInterface() {
        // No --listen: UDP and TCP on 0.0.0.0, an ephemeral port each; the request still goes to loopback only.
        int code = run("options", peerUri(null, Transport.UDP));

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).startsWith("SIP/2.0 200 OK");
    }

    @Test
    void optionsCountsPings() {
        int code = run("options", peerUri(null, Transport.UDP), "--count", "3", "--listen", "udp:127.0.0.1:0");

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString().split("SIP/2.0 200 OK", -1)).hasSize(4);
        assertThat(out.toString().split("Round trip: ", -1)).hasSize(4);
    }

    @Test
    void optionsOverTcpWithTheTransportOption() {
        String uri = "sip:127.0.0.1:" + peer.localAddresses(Transport.TCP).get(0).getPort();
        int code = run("options", uri, "--transport", "tcp", "--listen", "udp:127.0.0.1:0");

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).startsWith("SIP/2.0 200 OK");
    }

    @Test
    void optionsOverWebSocket() {
        String uri = "sip:127.0.0.1:" + peer.localAddresses(Transport.WS).get(0).getPort();
        int code = run("options", uri, "--transport", "ws", "--listen", "udp:127.0.0.1:0");

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).startsWith("SIP/2.0 200 OK");
    }

    @Test
    void messageIsDeliveredWithItsTextAndIdentity() throws InterruptedException {
        peer.onMessage(received::add);

        int code = run("message", peerUri("bob", Transport.UDP), "hello Bob, ça va?", "--from",
                "sip:alice@127.0.0.1", "--listen", "udp:127.0.0.1:0");

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).startsWith("SIP/2.0 200 OK");
        IncomingMessage m = received.poll(5, TimeUnit.SECONDS);
        assertThat(m).isNotNull();
        assertThat(m.text()).isEqualTo("hello Bob, ça va?");
        assertThat(m.from().uri().toString()).isEqualTo("sip:alice@127.0.0.1");
    }

    @Test
    void callIsAnsweredPrintsTheSdpAndHangsUpAfterTheDuration() throws Exception {
        LinkedBlockingQueue<org.parley.ua.CallEnd> ends = new LinkedBlockingQueue<>();
        peer.onIncomingCall(incoming -> {
            incoming.ring();
            incoming.answer();
            incoming.call().ended().thenAccept(ends::add);
        });

        int code = run("call", peerUri("bob", Transport.UDP), "--duration", "1", "--listen", "udp:127.0.0.1:0");

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("SIP/2.0 180 Ringing").contains("SIP/2.0 200 OK")
                .contains("Remote SDP:").contains("a=rtpmap:0 PCMU/8000").contains("Call ended: we hung up");
        assertThat(ends.poll(5, TimeUnit.SECONDS)).extracting(org.parley.ua.CallEnd::reason)
                .isEqualTo(org.parley.ua.CallEnd.Reason.REMOTE_BYE);
    }

    @Test
    void aCallEndedByThePeerEndsTheCommand() {
        peer.onIncomingCall(incoming -> {
            incoming.answer();
            incoming.call().established().thenAccept(org.parley.ua.Call::hangup);
        });

        int code = run("call", peerUri("bob", Transport.TCP), "--listen", "udp:127.0.0.1:0",
                "--listen", "tcp:127.0.0.1:0");

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("Call ended: the other side hung up");
    }

    @Test
    void aRejectedCallExitsOneWithTheStatusLine() {
        peer.onIncomingCall(incoming -> incoming.reject(486));

        int code = run("call", peerUri("bob", Transport.UDP), "--listen", "udp:127.0.0.1:0");

        assertThat(code).isEqualTo(1);
        assertThat(out.toString()).contains("SIP/2.0 486 ");
    }

    @Test
    void aRefusalExitsOneWithTheStatusLine() {
        // No message handler: the peer answers 480.
        int code = run("message", peerUri("bob", Transport.UDP), "anyone?", "--listen", "udp:127.0.0.1:0");

        assertThat(code).isEqualTo(1);
        assertThat(out.toString()).startsWith("SIP/2.0 480 ");
    }

    @Test
    void noAnswerExitsThreeAfterTheTimeout() throws Exception {
        try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            int code = run("options", "sip:127.0.0.1:" + silent.getLocalPort(), "--timeout", "1",
                    "--listen", "udp:127.0.0.1:0");

            assertThat(code).isEqualTo(3);
            assertThat(err.toString()).contains("no final response").contains("within 1 s");
            assertThat(out.toString()).isEmpty();
        }
    }

    @Test
    void aRefusedConnectionExitsFourNamingTheTarget() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        int code = run("options", "sip:127.0.0.1:" + closedPort + ";transport=tcp", "--listen", "udp:127.0.0.1:0");

        assertThat(code).isEqualTo(4);
        assertThat(err.toString()).contains("cannot reach sip:127.0.0.1:" + closedPort).contains("Connection refused");
    }

    @Test
    void aBadUriIsUsage() {
        int code = run("options", "sip:bad uri", "--listen", "udp:127.0.0.1:0");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("sip:bad uri");
    }

    @Test
    void aBadListenerSpecIsUsageNamingIt() {
        int code = run("options", peerUri(null, Transport.UDP), "--listen", "udp:localhost:x");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("udp:localhost:x");
    }

    @Test
    void aMissingPasswordVariableIsUsageNamingIt() {
        int code = run("message", peerUri("bob", Transport.UDP), "hi", "--user", "alice",
                "--password-env", "PARLEY_TEST_SURELY_UNSET", "--listen", "udp:127.0.0.1:0");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("PARLEY_TEST_SURELY_UNSET");
    }

    @Test
    void theDefaultIdentityIsTheUserAtTheTargetDomain() {
        assertThat(SipOptions.defaultIdentity("alice", "sip:bob@example.com:5070;transport=tcp"))
                .isEqualTo("sip:alice@example.com");
        assertThat(SipOptions.defaultIdentity("alice", "sips:[::1]:5061")).isEqualTo("sips:alice@[::1]");
        assertThat(List.of(SipOptions.defaultIdentity("a", "sip:example.org"))).containsExactly("sip:a@example.org");
    }
}
