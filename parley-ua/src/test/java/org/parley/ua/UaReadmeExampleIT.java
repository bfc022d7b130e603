package org.parley.ua;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.parley.sdp.Direction;
import org.parley.testkit.sipp.Sipp;
import org.parley.testkit.sipp.SippProcess;
import org.parley.testkit.sipp.SippResult;
import org.parley.transport.Transport;

/**
 * The user-agent example of README.md, kept compiling and true: the same calls, with loopback
 * addresses for example.com — SIPp's {@code uas-requests.xml} as the registrar (the REGISTER and,
 * at close, the removal) and a second Parley UA as Bob — and no outbound proxy (issue #7 brings
 * one to test with).
 */
class UaReadmeExampleIT {
    @Test
    void registersCallsHoldsAndHangsUp() throws Exception {
        Assumptions.assumeTrue(Sipp.isInstalled() || "true".equals(System.getenv("CI")),
                "sipp is not installed (Debian package " + Sipp.PACKAGE + "); skipping");
        List<String> printed = new CopyOnWriteArrayList<>();
        try (SippProcess registrarProcess = Sipp.resource("uas-requests.xml").calls(2).args("-deadcall_wait", "0")
                .remote(new InetSocketAddress(InetAddress.getLoopbackAddress(), 5060)).start();
                UserAgent bob = UserAgent.builder().identity("sip:bob@127.0.0.1").listen("udp:127.0.0.1:0").start()) {
            bob.onIncomingCall(incoming -> {
                incoming.ring();
                incoming.answer();
            });
            String registrarUri = "sip:127.0.0.1:" + registrarProcess.localPort();
            String bobUri = "sip:bob@127.0.0.1:" + bob.localAddresses(Transport.UDP).get(0).getPort();
            Call[] placed = new Call[1];

            // From here on, README.md's example, with registrarUri and bobUri for the example.com URIs.
            try (UserAgent alice = UserAgent.builder()
                    .identity("Alice <sip:alice@127.0.0.1>")
                    .account("alice", "secret")
                    .listen("udp:127.0.0.1:0")
                    .start()) {
                Registration registration = alice.register(registrarUri);
                for (Binding b : registration.start().get(10, TimeUnit.SECONDS)) {
                    printed.add(b.contact() + " for " + b.expires().toSeconds() + " s" + (b.isOurs() ? " (us)" : ""));
                }

                Call call = alice.call(bobUri,
                        CallOptions.defaults().onProvisional(p -> printed.add(p.response().startLine())));
                placed[0] = call;
                call.established().get(60, TimeUnit.SECONDS);
                printed.add("Bob answered with " + call.remoteSdp().orElseThrow().media().get(0));
                call.hold().get(10, TimeUnit.SECONDS);
                assertThat(call.localSdp().orElseThrow().media().get(0).direction()).hasValue(Direction.SENDONLY);
                call.hangup();
                printed.add("ended: " + call.ended().get(10, TimeUnit.SECONDS).reason());
            }

            List<String> lines = new ArrayList<>(printed);
            assertThat(lines.get(0)).contains("sip:alice@127.0.0.1").endsWith(" for 3600 s (us)");
            assertThat(lines).contains("SIP/2.0 180 Ringing").contains("ended: LOCAL_BYE");
            assertThat(lines).anyMatch(l -> l.startsWith("Bob answered with m=audio "));
            assertThat(placed[0].state()).isEqualTo(CallState.ENDED);
            SippResult registrar = registrarProcess.awaitExit(Duration.ofSeconds(30));
            assertThat(registrar.isSuccess()).as(registrar.describe()).isTrue();
            assertThat(registrar.successfulCalls()).as("the REGISTER and its removal at close").isEqualTo(2);
        }
    }
}
