package org.parley.proxy.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.proxy.flow.Flows.EXIT;
import static org.parley.proxy.flow.Flows.await;
import static org.parley.proxy.flow.Flows.eventually;

import java.net.InetSocketAddress;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.parley.message.Method;
import org.parley.message.SipRequest;
import org.parley.testkit.sipp.Sipp;
import org.parley.testkit.sipp.SippProcess;
import org.parley.testkit.sipp.SippResult;
import org.parley.transport.Transport;
import org.parley.ua.Call;
import org.parley.ua.CallEnd;
import org.parley.ua.CallState;
import org.parley.ua.UserAgent;

/**
 * Forking through the proxy to SIPp callees bound to one address-of-record (RFC 3261 §16.5, §16.6):
 * in parallel, one answer and the other branches CANCELled (§16.7 step 10, §16.10), or two answers
 * both forwarded (§16.7 step 5) and the caller ending the extra dialog (§13.2.2.4); sequentially by
 * q-value when the first group fails with 486 or 408, sent or made by Timer B (§16.6 step 1, §16.7
 * step 6). Every SIPp run is closed by try-with-resources; every wait is bounded.
 */
class ForkingIT {
    private static final String CAROL = "sip:carol@" + ProxyHarness.DOMAIN;
    /** A callee that rings, answers after {@code answer_ms}, takes a CANCEL before or after, copies Record-Route. */
    private static final String RINGS = "uas-ring-race.xml";

    @BeforeAll
    static void needsSipp() {
        Flows.assumeSipp();
    }

    private static void bind(ProxyHarness harness, SippProcess uas, String q) {
        harness.bind("carol", "<sip:carol@127.0.0.1:" + uas.localPort() + ">;q=" + q, Transport.UDP,
                uas.localAddress());
    }

    @Test
    void threeContactsOneAnswersTheOtherTwoAreCancelledWith487() throws Exception {
        try (ProxyHarness harness = ProxyHarness.start();
                SippProcess answers = Sipp.resource(RINGS).define("answer_ms", "300").start();
                SippProcess rings1 = Sipp.resource(RINGS).define("answer_ms", "20000").start();
                SippProcess rings2 = Sipp.resource(RINGS).define("answer_ms", "20000").start()) {
            bind(harness, rings1, "1.0");
            bind(harness, answers, "1.0");
            bind(harness, rings2, "1.0");
            UserAgent alice = harness.userAgent("alice", Transport.UDP);

            Call call = alice.call(CAROL);
            Flows.awaitEstablished(call, answers, rings1, rings2);

            // §16.7 step 10 / §16.10: once a 2xx is forwarded, the pending branches are CANCELled.
            for (SippProcess cancelled : new SippProcess[] {rings1, rings2}) {
                SippResult r = cancelled.awaitExit(EXIT);
                assertThat(r.isSuccess()).as(r.describe()).isTrue();
                assertThat(r.messages()).contains("CANCEL sip:carol@127.0.0.1", "SIP/2.0 487 Request Terminated");
            }
            assertThat(harness.proxy().stats().cancelsSent()).isGreaterThanOrEqualTo(2);
            assertThat(await(call.answered()).toTag().orElseThrow()).startsWith(answers.pid() + "-x-");

            call.hangup();
            assertThat(Flows.awaitOrExplain(call.ended(), "the end of the call", answers).reason())
                    .isEqualTo(CallEnd.Reason.LOCAL_BYE);
            SippResult answered = answers.awaitExit(EXIT);
            assertThat(answered.isSuccess()).as(answered.describe()).isTrue();
            assertThat(answered.messages()).contains("BYE sip:race@127.0.0.1");
            eventually("no call is left in the proxy", () -> harness.proxy().calls().isEmpty());
        }
    }

    @Test
    void twoContactsAnswerBothTwoHundredsReachTheCallerWhoEndsTheSecondDialog() throws Exception {
        try (ProxyHarness harness = ProxyHarness.start();
                SippProcess first = Sipp.resource("uas-answer-at-once.xml").start();
                SippProcess second = Sipp.resource("uas-answer-at-once.xml").start()) {
            bind(harness, first, "1.0");
            bind(harness, second, "1.0");
            UserAgent alice = harness.userAgent("alice", Transport.UDP);

            Call call = alice.call(CAROL);
            Flows.awaitEstablished(call, first, second);
            String answeredBy = await(call.answered()).toTag().orElseThrow();
            SippProcess kept = answeredBy.startsWith(first.pid() + "-") ? first : second;
            SippProcess extra = kept == first ? second : first;

            // §16.7 step 5: the second 2xx is forwarded too; the caller ACKs it and sends BYE (§13.2.2.4).
            SippResult ended = extra.awaitExit(EXIT);
            assertThat(ended.isSuccess()).as(ended.describe()).isTrue();
            assertThat(ended.messages()).contains("ACK sip:now@", "BYE sip:now@");
            assertThat(call.state()).isEqualTo(CallState.ESTABLISHED);

            call.hangup();
            assertThat(Flows.awaitOrExplain(call.ended(), "the end of the call", kept).reason())
                    .isEqualTo(CallEnd.Reason.LOCAL_BYE);
            SippResult kept2 = kept.awaitExit(EXIT);
            assertThat(kept2.isSuccess()).as(kept2.describe()).isTrue();
            assertThat(kept2.messages()).contains("BYE sip:now@");
            eventually("no call is left in the proxy", () -> harness.proxy().calls().isEmpty());
        }
    }

    @ParameterizedTest(name = "first group answers {0} {1}")
    @CsvSource({"486, Busy Here", "408, Request Timeout"})
    void theNextQValueGroupIsTriedWhenTheFirstFails(String status, String reason) throws Exception {
        try (ProxyHarness harness = ProxyHarness.start();
                SippProcess refuses = Sipp.resource("uas-reject.xml").define("status", status)
                        .define("reason", reason).start();
                SippProcess answers = Sipp.resource(RINGS).define("answer_ms", "100").start()) {
            bind(harness, answers, "0.5");
            bind(harness, refuses, "1.0");
            UserAgent alice = harness.userAgent("alice", Transport.UDP);

            Call call = alice.call(CAROL);
            Flows.awaitEstablished(call, refuses, answers);

            // §16.6 step 1 (RFC 3841 reading of q): the q=1.0 contact first, q=0.5 only after its failure.
            SippResult refused = refuses.awaitExit(EXIT);
            assertThat(refused.isSuccess()).as(refused.describe()).isTrue();
            assertThat(refused.messages()).contains("SIP/2.0 " + status + " " + reason, "ACK sip:carol@");
            assertThat(await(call.answered()).toTag().orElseThrow()).startsWith(answers.pid() + "-x-");

            call.hangup();
            assertThat(Flows.awaitOrExplain(call.ended(), "the end of the call", answers).reason())
                    .isEqualTo(CallEnd.Reason.LOCAL_BYE);
            SippResult answered = answers.awaitExit(EXIT);
            assertThat(answered.isSuccess()).as(answered.describe()).isTrue();
        }
    }

    @Test
    void theNextQValueGroupIsTriedWhenTheFirstTimesOutWithoutAnyAnswer() throws Exception {
        try (ProxyHarness harness = ProxyHarness.start(c -> c, Optional.empty(), ProxyHarness.SHORT_T1);
                RawPeer silent = new RawPeer();
                SippProcess answers = Sipp.resource(RINGS).define("answer_ms", "100").start()) {
            harness.bind("carol", "<sip:carol@127.0.0.1:" + silent.port() + ">;q=1.0", Transport.UDP,
                    new InetSocketAddress("127.0.0.1", silent.port()));
            bind(harness, answers, "0.5");
            UserAgent alice = harness.userAgent("alice", Transport.UDP);

            Call call = alice.call(CAROL);

            // The silent contact gets the INVITE (and its retransmissions) and never answers: Timer B gives the
            // branch a 408 after 64·T1 (RFC 3261 §17.1.1.2, §16.7 step 2), and the q=0.5 group is tried.
            assertThat(((SipRequest) silent.receive().message()).method())
                    .isEqualTo(Method.INVITE);
            Flows.awaitEstablished(call, answers);
            assertThat(await(call.answered()).toTag().orElseThrow()).startsWith(answers.pid() + "-x-");

            call.hangup();
            assertThat(Flows.awaitOrExplain(call.ended(), "the end of the call", answers).reason())
                    .isEqualTo(CallEnd.Reason.LOCAL_BYE);
            SippResult answered = answers.awaitExit(EXIT);
            assertThat(answered.isSuccess()).as(answered.describe()).isTrue();
        }
    }

    @Test
    void whenEveryBranchFailsTheCallerGetsTheBestResponse() throws Exception {
        try (ProxyHarness harness = ProxyHarness.start();
                SippProcess busy = Sipp.resource("uas-reject.xml").start();
                SippProcess gone = Sipp.resource("uas-reject.xml").define("status", "480")
                        .define("reason", "Temporarily Unavailable").start()) {
            bind(harness, busy, "1.0");
            bind(harness, gone, "1.0");
            UserAgent alice = harness.userAgent("alice", Transport.UDP);

            Call call = alice.call(CAROL);
            CallEnd end = await(call.ended());

            // §16.7 step 6: the lowest class wins; among 4xx the proxy picks one (486 or 480), never a 5xx.
            assertThat(end.reason()).isEqualTo(CallEnd.Reason.REJECTED);
            assertThat(end.status()).isIn(486, 480);
            assertThat(busy.awaitExit(EXIT).isSuccess()).isTrue();
            assertThat(gone.awaitExit(EXIT).isSuccess()).isTrue();
        }
    }
}
