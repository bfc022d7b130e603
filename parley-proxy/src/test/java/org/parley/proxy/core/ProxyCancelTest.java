package org.parley.proxy.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.proxy.core.ProxyHarness.ALICE;
import static org.parley.proxy.core.ProxyHarness.BOB;
import static org.parley.proxy.core.ProxyHarness.CAROL;
import static org.parley.proxy.core.ProxyHarness.request;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.parley.transport.Transport;

/** RFC 3261 §16.10 CANCEL and §16.8 Timer C. */
class ProxyCancelTest {
    private ProxyHarness h = new ProxyHarness();

    @AfterEach
    void close() {
        h.close();
    }

    private void callBob(String branch) {
        h.send(ALICE, Transport.UDP, request("INVITE", "sip:bob@example.test", ALICE, Transport.UDP, branch,
                "cancel-call", 1, "alice", "sip:bob@example.test", ""));
    }

    private void cancel(String branch) {
        h.send(ALICE, Transport.UDP, request("CANCEL", "sip:bob@example.test", ALICE, Transport.UDP, branch,
                "cancel-call", 1, "alice", "sip:bob@example.test", ""));
    }

    @Test
    void aCancelIsAnswered200AndCancelsEveryBranchWhose487sMakeTheAnswer() {
        h.register("bob", BOB, Transport.UDP, "", "");
        h.register("bob", CAROL, Transport.UDP, "", "");
        callBob("z9hG4bK-c1");
        h.answer(BOB, "INVITE", 180, "b", "");
        h.answer(CAROL, "INVITE", 180, "c", "");

        cancel("z9hG4bK-c1");

        assertThat(h.responses(ALICE, 200)).as("the CANCEL's own 200").hasSize(1);
        assertThat(h.requests(BOB, "CANCEL")).hasSize(1);
        assertThat(h.requests(CAROL, "CANCEL")).hasSize(1);
        h.answer(BOB, "INVITE", 487, "b", "");
        assertThat(h.responses(ALICE, 487)).as("waits for every branch").isEmpty();
        h.answer(CAROL, "INVITE", 487, "c", "");
        assertThat(h.responses(ALICE, 487)).hasSize(1);
        assertThat(h.proxy.stats().cancelsSent()).isEqualTo(2);
    }

    @Test
    void aBranchWithoutAProvisionalIsCancelledOnlyOnceOneArrives() {
        h.register("bob", BOB, Transport.UDP, "", "");
        callBob("z9hG4bK-c2");
        cancel("z9hG4bK-c2");
        assertThat(h.requests(BOB, "CANCEL")).as("§9.1: not before a provisional response").isEmpty();

        h.answer(BOB, "INVITE", 180, "b", "");
        assertThat(h.requests(BOB, "CANCEL")).hasSize(1);
        h.answer(BOB, "INVITE", 487, "b", "");
        assertThat(h.responses(ALICE, 487)).hasSize(1);
    }

    @Test
    void aCancelForNothingGets481FromTheTransactionLayer() {
        cancel("z9hG4bK-none");

        assertThat(h.responses(ALICE, 481)).hasSize(1);
    }

    @Test
    void timerCCancelsABranchThatRangAndEndsItAs408WhenNoAnswerFollows() {
        h.close();
        h = new ProxyHarness(c -> c.withShortTimerC(Duration.ofSeconds(5)), b -> b);
        h.register("bob", BOB, Transport.UDP, "", "");
        callBob("z9hG4bK-c3");
        h.answer(BOB, "INVITE", 180, "b", "");
        h.advance(4_000, 100);
        h.answer(BOB, "INVITE", 183, "b", "");
        h.advance(4_000, 100);
        assertThat(h.requests(BOB, "CANCEL")).as("a provisional resets Timer C").isEmpty();

        h.advance(1_100, 100);
        assertThat(h.requests(BOB, "CANCEL")).hasSize(1);
        assertThat(h.proxy.stats().timerCFired()).isEqualTo(1);
        h.advance(33_000, 500);
        // §16.8: no final after the CANCEL counts as 408 (retransmitted on Timer G, alice never ACKs).
        assertThat(h.responses(ALICE, 408)).isNotEmpty().allSatisfy(r -> assertThat(r.reasonPhrase())
                .contains("Timer C"));
        assertThat(h.responses(ALICE, 0)).noneMatch(r -> r.statusCode() >= 200 && r.statusCode() != 408);
    }

    @Test
    void timerCWithoutAProvisionalCountsAs408AndTheNextGroupIsTried() {
        h.close();
        h = new ProxyHarness(c -> c.withShortTimerC(Duration.ofSeconds(5)), b -> b);
        h.register("bob", BOB, Transport.UDP, ";q=1.0", "");
        h.register("bob", CAROL, Transport.UDP, ";q=0.5", "");
        h.network.drop(p -> p.destination().equals(BOB), org.parley.testkit.MemoryNetwork.ALWAYS);
        callBob("z9hG4bK-c4");
        h.advance(5_100, 100);

        assertThat(h.requests(CAROL, "INVITE")).as("sequential forking after the 408").hasSize(1);
        h.answer(CAROL, "INVITE", 200, "c", "");
        assertThat(h.responses(ALICE, 200)).hasSize(1);
        assertThat(h.responses(ALICE, 408)).isEmpty();
    }

    @Test
    void defaultTimerCIsOverThreeMinutes() {
        assertThat(ProxyConfig.forDomains(java.util.List.of("a.test")).timerC()).isGreaterThan(Duration.ofMinutes(3));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ProxyConfig.forDomains(java.util.List.of("a.test"))
                .withTimerC(Duration.ofMinutes(3))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("timerC");
    }
}
