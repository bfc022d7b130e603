package org.parley.ua;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.parley.sdp.RtpMap;
import org.parley.testkit.ForkingRelay;
import org.parley.testkit.sipp.Sipp;
import org.parley.testkit.sipp.SippProcess;
import org.parley.testkit.sipp.SippResult;
import org.parley.transport.Transport;
import org.parley.ua.dialog.DialogId;

/**
 * Calls between a Parley {@link UserAgent} and SIPp on loopback (scenarios of {@code parley-testkit}):
 * SIPp calls Parley, Parley calls SIPp, either side hangs up, and Parley calls two SIPp callees through
 * a {@link ForkingRelay} (RFC 3261 §13.2.2.4: both 2xx are ACKed, the second fork gets a BYE). Every
 * SIPp run is closed by try-with-resources and every wait is bounded. Skipped when SIPp is missing,
 * unless {@code CI=true} (STYLE.md §9).
 */
class CallSippIT {
    private static final Duration EXIT = Duration.ofSeconds(30);
    private static final long WAIT_SECONDS = 15;
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @BeforeAll
    static void needsSipp() {
        Assumptions.assumeTrue(Sipp.isInstalled() || "true".equals(System.getenv("CI")),
                "sipp is not installed (Debian package " + Sipp.PACKAGE + "); skipping");
    }

    private static UserAgent agent(String transport) {
        return UserAgent.builder().identity("sip:parley@127.0.0.1").listen(transport + ":127.0.0.1:0").start();
    }

    private static InetSocketAddress address(UserAgent ua, String transport) {
        return ua.localAddresses(Transport.of(transport.toUpperCase(Locale.ROOT))).get(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"udp", "tcp"})
    void sippCallsThreeTimesAndParleyAnswersEachUntilTheRemoteBye(String transport) throws Exception {
        List<CompletableFuture<CallEnd>> ends = new CopyOnWriteArrayList<>();
        try (UserAgent parley = agent(transport)) {
            parley.onIncomingCall(in -> {
                ends.add(in.call().ended());
                in.answer();
            });
            try (SippProcess uac = Sipp.resource("uac-call.xml").transport(Transport.of(transport.toUpperCase(
                    Locale.ROOT))).remote(address(parley, transport)).calls(3).rate(10).define("hold_ms", "200")
                    .start()) {
                SippResult result = uac.awaitExit(EXIT);

                assertThat(result.isSuccess()).as(result.describe()).isTrue();
                assertThat(result.successfulCalls()).as(result.describe()).isEqualTo(3);
                assertThat(result.failedCalls()).isZero();
                // RFC 3264 §6: Parley's answer keeps PCMU from the offer.
                assertThat(result.messages()).contains("SIP/2.0 200 OK", "RTP/AVP 0");
            }
            assertThat(ends).hasSize(3);
            for (CompletableFuture<CallEnd> end : ends) {
                assertThat(end.get(WAIT_SECONDS, TimeUnit.SECONDS).reason()).isEqualTo(CallEnd.Reason.REMOTE_BYE);
            }
        }
    }

    @Test
    void parleyCallsSippWhichAnswersWithPcmuThenParleyHangsUp() throws Exception {
        try (UserAgent parley = agent("udp");
                SippProcess uas = Sipp.resource("uas-answer.xml").start()) {
            Call call = parley.call("sip:service@127.0.0.1:" + uas.localPort());
            call.established().get(WAIT_SECONDS, TimeUnit.SECONDS);

            assertThat(call.state()).isEqualTo(CallState.ESTABLISHED);
            assertThat(call.remoteSdp().orElseThrow().media().get(0).rtpMaps()).extracting(RtpMap::encoding)
                    .contains("PCMU");
            call.hangup();
            assertThat(call.ended().get(WAIT_SECONDS, TimeUnit.SECONDS).reason()).isEqualTo(CallEnd.Reason.LOCAL_BYE);
            SippResult result = uas.awaitExit(EXIT);
            assertThat(result.isSuccess()).as(result.describe()).isTrue();
            assertThat(result.successfulCalls()).isEqualTo(1);
        }
    }

    @Test
    void sippCallsAndWaitsWhileParleyAnswersAndHangsUpShortlyAfter() throws Exception {
        CompletableFuture<CallEnd> end = new CompletableFuture<>();
        try (UserAgent parley = agent("udp")) {
            parley.onIncomingCall(in -> {
                Call call = in.call();
                call.ended().whenComplete((e, error) -> end.complete(e));
                // Hang up 200 ms after the ACK: no sleep, a delayed executor on the common pool.
                call.established().thenRunAsync(call::hangup,
                        CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS));
                in.answer();
            });
            try (SippProcess uac = Sipp.resource("uac-call-wait-bye.xml").remote(address(parley, "udp")).start()) {
                SippResult result = uac.awaitExit(EXIT);

                assertThat(result.isSuccess()).as(result.describe()).isTrue();
                assertThat(result.successfulCalls()).isEqualTo(1);
                assertThat(result.messages()).contains("BYE sip:caller@");
            }
            assertThat(end.get(WAIT_SECONDS, TimeUnit.SECONDS).reason()).isEqualTo(CallEnd.Reason.LOCAL_BYE);
        }
    }

    @Test
    void aForkedCallFollowsTheFirst2xxAndAcksThenEndsTheSecondFork() throws Exception {
        Set<DialogId> early = ConcurrentHashMap.newKeySet();
        try (UserAgent parley = agent("udp");
                SippProcess fast = Sipp.resource("uas-ring.xml").define("ring_ms", "300").start();
                SippProcess slow = Sipp.resource("uas-ring.xml").define("ring_ms", "1500").start();
                ForkingRelay relay = ForkingRelay.start(new InetSocketAddress(LOOPBACK, 0),
                        List.of(fast.localAddress(), slow.localAddress()))) {
            Call call = parley.call("sip:service@127.0.0.1:" + relay.address().getPort(), CallOptions.defaults()
                    .onProvisional(p -> p.earlyDialog().ifPresent(early::add)));
            call.established().get(WAIT_SECONDS, TimeUnit.SECONDS);
            String answeredBy = call.answered().get(WAIT_SECONDS, TimeUnit.SECONDS).toTag().orElseThrow();

            // RFC 3261 §12.1.2: a 180 with a To tag from each fork, two early dialogs.
            assertThat(early).extracting(DialogId::remoteTag).hasSize(2).contains(answeredBy);
            assertThat(call.earlyDialogs()).hasSize(2);
            // RFC 3261 §13.2.2.4: the slower fork's 2xx is ACKed, then its dialog ended with BYE.
            SippResult second = slow.awaitExit(EXIT);
            assertThat(second.isSuccess()).as(second.describe()).isTrue();
            assertThat(second.messages()).contains("ACK sip:ring@", "BYE sip:ring@");
            assertThat(call.state()).isEqualTo(CallState.ESTABLISHED);

            call.hangup();
            SippResult first = fast.awaitExit(EXIT);
            assertThat(first.isSuccess()).as(first.describe()).isTrue();
            assertThat(first.messages()).contains("BYE sip:ring@");
            assertThat(call.ended().get(WAIT_SECONDS, TimeUnit.SECONDS).reason()).isEqualTo(CallEnd.Reason.LOCAL_BYE);
            // In-dialog requests and their responses went straight between the UAs, none via the relay.
            assertThat(relay.dropped()).isZero();
        }
    }
}
