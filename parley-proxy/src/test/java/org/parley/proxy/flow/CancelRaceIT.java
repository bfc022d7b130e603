package org.parley.proxy.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.proxy.flow.Flows.EXIT;
import static org.parley.proxy.flow.Flows.eventually;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parley.testkit.sipp.Sipp;
import org.parley.testkit.sipp.SippProcess;
import org.parley.testkit.sipp.SippResult;
import org.parley.transport.Transport;
import org.parley.ua.Call;
import org.parley.ua.CallEnd;
import org.parley.ua.UserAgent;

/**
 * A caller's CANCEL racing the callee's 200 OK through the proxy (RFC 3261 §9.1, §16.10, §16.7 step
 * 5): the callee answers 400 ms after ringing and the caller cancels around that instant, several
 * times. Whichever wins, the call ends cleanly: CANCELled with 487, or answered (the 2xx is forwarded
 * whatever the CANCEL did) and then ended by the caller's ACK and BYE; SIPp sees every call through and
 * the proxy keeps no context and no call.
 */
class CancelRaceIT {
    private static final int ANSWER_MS = 400;
    private static final int[] CANCEL_AFTER_MS = {100, 360, 390, 405, 420, 440, 900};

    @BeforeAll
    static void needsSipp() {
        Flows.assumeSipp();
    }

    @Test
    void everyRaceEndsTheCallCleanlyOnBothSidesAndInTheProxy() throws Exception {
        try (ProxyHarness harness = ProxyHarness.start();
                SippProcess dave = Sipp.resource("uas-ring-race.xml").define("answer_ms", String.valueOf(ANSWER_MS))
                        .calls(CANCEL_AFTER_MS.length).timeout(java.time.Duration.ofSeconds(60)).start()) {
            harness.bind("dave", "<sip:dave@127.0.0.1:" + dave.localPort() + ">", Transport.UDP,
                    dave.localAddress());
            UserAgent alice = harness.userAgent("alice", Transport.UDP);
            List<CallEnd.Reason> outcomes = new ArrayList<>();

            for (int delay : CANCEL_AFTER_MS) {
                Call call = alice.call("sip:dave@" + ProxyHarness.DOMAIN);
                CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS).execute(call::hangup);
                CallEnd end = Flows.awaitOrExplain(call.ended(), () -> "the end of the call cancelled after " + delay
                        + " ms (caller's call " + call.state() + ", proxy " + harness.proxy().stats() + ")", dave);
                // Cancelled in time (487), or answered first: then hangup sends ACK and BYE (§15).
                assertThat(end.reason()).as("call cancelled after %d ms: %s", delay, end)
                        .isIn(CallEnd.Reason.CANCELLED, CallEnd.Reason.LOCAL_BYE);
                outcomes.add(end.reason());
            }

            SippResult result = dave.awaitExit(EXIT);
            assertThat(result.isSuccess()).as(result.describe()).isTrue();
            assertThat(result.successfulCalls()).isEqualTo(CANCEL_AFTER_MS.length);
            // The early and the late cancels went each way at least once.
            assertThat(outcomes).contains(CallEnd.Reason.CANCELLED, CallEnd.Reason.LOCAL_BYE);
            eventually("no call is left in the proxy", () -> harness.proxy().calls().isEmpty());
            eventually("no response context is left in the proxy",
                    () -> harness.proxy().stats().liveContexts() == 0);
        }
    }
}
