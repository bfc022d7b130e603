package org.parley.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.parley.transaction.TransactionHarness.LAYER;
import static org.parley.transaction.TransactionHarness.NOBODY;
import static org.parley.transaction.TransactionHarness.PEER;
import static org.parley.transaction.TransactionHarness.request;
import static org.parley.transaction.TransactionHarness.target;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.message.Method;
import org.parley.message.SipResponse;
import org.parley.testkit.PacketFilter;
import org.parley.transport.Transport;

/** RFC 3261 §17.1.2, Figure 6, over the memory network in virtual time. */
class NonInviteClientTransactionTest {
    private final TransactionHarness h = new TransactionHarness();
    private final List<SipResponse> responses = new ArrayList<>();
    private final List<Long> responseTimes = new ArrayList<>();

    private ClientTransaction sendOptions(Transport transport, InetSocketAddress to) {
        ClientTransaction tx = h.layer.send(request("OPTIONS", transport, LAYER, TransactionLayer.newBranch()),
                target(transport, to), (t, r) -> {
                    responses.add(r);
                    responseTimes.add(h.lane.nowMillis());
                });
        h.settle();
        return tx;
    }

    @Test
    void retransmitsOnTimerEDoublingUpToT2AndTimesOutOnTimerFWithA408() {
        ClientTransaction tx = sendOptions(Transport.UDP, PEER);
        assertThat(tx.state()).isEqualTo(TransactionState.TRYING);
        List<Long> arrivals = new ArrayList<>();
        for (long t = 0; t < 40_000; t++) {
            long before = h.peerGot("OPTIONS");
            h.advance(1);
            if (h.peerGot("OPTIONS") > before) {
                arrivals.add(h.lane.nowMillis());
            }
        }
        // T1 = 500 ms doubling to T2 = 4 s: 500, 1500, 3500, 7500, then every 4 s until Timer F.
        assertThat(arrivals).containsExactly(500L, 1_500L, 3_500L, 7_500L, 11_500L, 15_500L, 19_500L, 23_500L,
                27_500L, 31_500L);
        assertThat(responses).extracting(SipResponse::statusCode).containsExactly(408);
        assertThat(responseTimes).containsExactly(32_000L);
        assertThat(tx.state()).isEqualTo(TransactionState.TERMINATED);
        assertThat(h.layer.stats().timeouts()).isEqualTo(1);
        assertThat(h.layer.stats().retransmissions()).isEqualTo(10);
    }

    @Test
    void aProvisionalResponseMovesToProceedingWhereTimerEIsT2() {
        ClientTransaction tx = sendOptions(Transport.UDP, PEER);
        h.peerAnswers(100);
        h.settle();
        assertThat(tx.state()).isEqualTo(TransactionState.PROCEEDING);
        assertThat(responses).extracting(SipResponse::statusCode).containsExactly(100);
        h.advance(500);
        // The pending Timer E still fires at T1; after it the interval is T2 (§17.1.2.2).
        assertThat(h.peerGot("OPTIONS")).isEqualTo(2);
        h.advance(3_999);
        assertThat(h.peerGot("OPTIONS")).isEqualTo(2);
        h.advance(1);
        assertThat(h.peerGot("OPTIONS")).isEqualTo(3);
    }

    @Test
    void aFinalResponseCompletesAndItsRetransmissionsAreAbsorbedUntilTimerK() {
        ClientTransaction tx = sendOptions(Transport.UDP, PEER);
        h.peerAnswers(200);
        h.settle();
        assertThat(tx.state()).isEqualTo(TransactionState.COMPLETED);
        h.peerAnswers(200);
        h.settle();
        assertThat(responses).extracting(SipResponse::statusCode).containsExactly(200);
        h.advance(4_999);
        assertThat(tx.state()).isEqualTo(TransactionState.COMPLETED);
        assertThat(h.peerGot("OPTIONS")).as("no retransmission once completed").isEqualTo(1);
        h.advance(1);
        assertThat(tx.state()).as("Timer K = T4").isEqualTo(TransactionState.TERMINATED);
        h.peerAnswers(200);
        h.settle();
        assertThat(h.strays).hasSize(1);
    }

    @Test
    void overAReliableTransportNeverRetransmitsAndTerminatesAtOnce() {
        ClientTransaction tx = sendOptions(Transport.TCP, PEER);
        h.advance(10_000);
        assertThat(h.peerGot("OPTIONS")).isEqualTo(1);
        h.peerAnswers(404);
        h.settle();
        assertThat(responses).extracting(SipResponse::statusCode).containsExactly(404);
        assertThat(tx.state()).as("Timer K = 0 over TCP").isEqualTo(TransactionState.TERMINATED);
    }

    @Test
    void aLostRequestIsRecoveredByItsRetransmission() {
        h.network.drop(PacketFilter.request(Method.OPTIONS), 1);
        ClientTransaction tx = sendOptions(Transport.UDP, PEER);
        assertThat(h.peerGot("OPTIONS")).isZero();
        h.advance(500);
        assertThat(h.peerGot("OPTIONS")).isEqualTo(1);
        h.peerAnswers(200);
        h.settle();
        assertThat(tx.state()).isEqualTo(TransactionState.COMPLETED);
        assertThat(responses).extracting(SipResponse::statusCode).containsExactly(200);
    }

    @Test
    void aTransportErrorEndsTheTransactionWithA503() {
        ClientTransaction tx = sendOptions(Transport.TCP, NOBODY);
        assertThat(responses).extracting(SipResponse::statusCode).containsExactly(503);
        assertThat(responses.get(0).reasonPhrase()).contains("transport error");
        assertThat(tx.state()).isEqualTo(TransactionState.TERMINATED);
        assertThat(h.layer.stats().transportErrors()).isEqualTo(1);
    }

    @Test
    void theResponseToACancelDoesNotMatchTheRequestOfTheSameBranch() {
        ClientTransaction tx = sendOptions(Transport.UDP, PEER);
        String branch = tx.request().topVia().branch().orElseThrow();
        h.peer.send(TransactionHarness.parse("SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 127.0.0.1:5060;branch=" + branch
                + "\r\nFrom: <sip:alice@127.0.0.1>;tag=a1\r\nTo: <sip:bob@127.0.0.2>;tag=b\r\n"
                + "Call-ID: call-1@127.0.0.1\r\nCSeq: 1 CANCEL\r\nContent-Length: 0\r\n\r\n"),
                target(Transport.UDP, LAYER));
        h.settle();
        assertThat(responses).isEmpty();
        assertThat(h.strays).hasSize(1);
        assertThat(tx.state()).isEqualTo(TransactionState.TRYING);
    }

    @Test
    void refusesAnAckAndABranchWithoutTheMagicCookie() {
        assertThatThrownBy(() -> h.layer.send(request("ACK", Transport.UDP, LAYER, TransactionLayer.newBranch()),
                target(Transport.UDP, PEER), (t, r) -> { })).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("§17.1.1.3");
        assertThatThrownBy(() -> h.layer.send(request("OPTIONS", Transport.UDP, LAYER, "old-style"),
                target(Transport.UDP, PEER), (t, r) -> { })).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("z9hG4bK");
    }

    @Test
    void liveTransactionsCountsTheTableAndFallsToZeroWhenTheTransactionEnds() throws Exception {
        sendOptions(Transport.UDP, PEER);
        assertThat(h.layer.liveTransactions().get()).isEqualTo(1);
        h.peerAnswers(200);
        h.settle();
        assertThat(h.layer.liveTransactions().get()).as("Completed still absorbs retransmissions").isEqualTo(1);
        h.advance(5_000);
        assertThat(h.layer.liveTransactions().get()).as("gone after Timer K").isZero();
    }

    @Test
    void newBranchesCarryTheMagicCookieAndDiffer() {
        assertThat(TransactionLayer.newBranch()).startsWith("z9hG4bK").isNotEqualTo(TransactionLayer.newBranch());
    }
}
