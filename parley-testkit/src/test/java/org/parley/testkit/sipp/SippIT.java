package org.parley.testkit.sipp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.parley.transport.Transport;

/** The SIPp runner with SIPp on both ends, on loopback with ports it picks. */
class SippIT {
    private static final Duration EXIT = Duration.ofSeconds(30);

    private final List<SippProcess> started = new ArrayList<>();

    @AfterEach
    void stopSipp() {
        started.forEach(SippProcess::close);
    }

    private SippProcess start(Sipp sipp) {
        SippProcess p = sipp.start();
        started.add(p);
        return p;
    }

    @ParameterizedTest
    @ValueSource(strings = {"UDP", "TCP"})
    void uacCallCompletesEveryCallAgainstUasAnswer(String transportName) {
        Transport transport = Transport.of(transportName);
        SippProcess uas = start(Sipp.resource("uas-answer.xml").transport(transport).calls(3));
        SippProcess uac = start(Sipp.resource("uac-call.xml").transport(transport).remote(uas.localAddress())
                .calls(3).rate(10).define("hold_ms", "100"));

        SippResult caller = uac.awaitExit(EXIT);
        SippResult callee = uas.awaitExit(EXIT);

        assertThat(caller.isSuccess()).as(caller.describe()).isTrue();
        assertThat(caller.successfulCalls()).isEqualTo(3);
        assertThat(caller.failedCalls()).isZero();
        assertThat(callee.isSuccess()).as(callee.describe()).isTrue();
        assertThat(callee.successfulCalls()).isEqualTo(3);
        assertThat(caller.messages()).contains("m=audio", "RTP/AVP 0 8 101", "SIP/2.0 180 Ringing", "BYE sip:");
    }

    @Test
    void registersOptionsAndMessagesAgainstUasRequestsOverIpv6() {
        InetAddress v6 = new InetSocketAddress("::1", 0).getAddress();
        SippProcess uas = start(Sipp.resource("uas-requests.xml").local(v6).calls(3));
        for (String scenario : List.of("uac-register.xml", "uac-options.xml", "uac-message.xml")) {
            SippResult r = start(Sipp.resource(scenario).local(v6).remote(uas.localAddress())).awaitExit(EXIT);
            assertThat(r.isSuccess()).as(scenario + ": " + r.describe()).isTrue();
            assertThat(r.successfulCalls()).isEqualTo(1);
        }
        SippResult server = uas.awaitExit(EXIT);
        assertThat(server.isSuccess()).as(server.describe()).isTrue();
        assertThat(server.successfulCalls()).isEqualTo(3);
        assertThat(server.messages()).contains("Allow: INVITE", "hello from SIPp", ";expires=120");
    }

    @Test
    void digestServerAcceptsTheRightPassword() {
        SippProcess uas = start(Sipp.resource("uas-digest.xml").set("password", "secret"));
        SippResult client = start(Sipp.resource("uac-register.xml").remote(uas.localAddress())
                .args("-au", "alice", "-ap", "secret")).awaitExit(EXIT);

        assertThat(client.isSuccess()).as(client.describe()).isTrue();
        assertThat(client.messages()).contains("SIP/2.0 401", "qop=\"auth\"", "algorithm=MD5", "SIP/2.0 200");
        assertThat(uas.awaitExit(EXIT).isSuccess()).isTrue();
    }

    @Test
    void aFailingScenarioReportsTheFailureAndTheErrorText() {
        SippProcess uas = start(Sipp.resource("uas-digest.xml").set("password", "secret"));
        SippResult client = start(Sipp.resource("uac-register.xml").remote(uas.localAddress())
                .args("-au", "alice", "-ap", "wrong")).awaitExit(EXIT);
        SippResult server = uas.awaitExit(EXIT);

        assertThat(client.isSuccess()).isFalse();
        assertThat(client.exitCode()).isEqualTo(1);
        assertThat(client.failedCalls()).isEqualTo(1);
        assertThat(client.successfulCalls()).isZero();
        assertThat(client.errors()).contains("403");
        assertThat(client.describe()).contains("exit code 1", "403");
        assertThat(server.exitCode()).isEqualTo(1);
    }

    @Test
    void closeKillsARunningSippAndFreesItsPort() {
        SippProcess uas = start(Sipp.resource("uas-answer.xml").transport(Transport.TCP));
        ProcessHandle handle = ProcessHandle.of(uas.pid()).orElseThrow();
        assertThat(LocalPorts.isBound(Transport.TCP, uas.localAddress().getAddress(), uas.localPort())).isTrue();

        uas.close();

        assertThat(handle.isAlive()).isFalse();
        assertThat(uas.isAlive()).isFalse();
        assertThat(LocalPorts.isBound(Transport.TCP, uas.localAddress().getAddress(), uas.localPort())).isFalse();
        assertThatThrownBy(() -> uas.awaitExit(EXIT)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void awaitExitKillsSippThatOutlivesTheLimit() {
        SippProcess uas = start(Sipp.resource("uas-answer.xml"));
        ProcessHandle handle = ProcessHandle.of(uas.pid()).orElseThrow();

        assertThatThrownBy(() -> uas.awaitExit(Duration.ofMillis(200))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("did not exit within PT0.2S");
        assertThat(handle.isAlive()).isFalse();
    }

    @Test
    void aMissingProgramIsAnErrorNamingTheDebianPackage() {
        assertThatThrownBy(() -> Sipp.builtIn("uas").executable("sipp-not-installed-here").start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("sip-tester").hasMessageContaining("sipp-not-installed-here");
    }
}
