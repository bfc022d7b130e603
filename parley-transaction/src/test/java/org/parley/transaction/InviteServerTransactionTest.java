package org.parley.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.transaction.TransactionHarness.LAYER;
import static org.parley.transaction.TransactionHarness.PEER;
import static org.parley.transaction.TransactionHarness.request;
import static org.parley.transaction.TransactionHarness.target;

import org.junit.jupiter.api.Test;
import org.parley.message.HeaderName;
import org.parley.message.SipRequest;
import org.parley.message.SipResponse;
import org.parley.transport.Transport;

/** RFC 3261 §17.2.1, Figure 7, with RFC 6026 §8.7's Accepted state; memory network, virtual time. */
class InviteServerTransactionTest {
    private static final String BRANCH = "z9hG4bK-inv";
    private final TransactionHarness h = new TransactionHarness();

    private SipRequest fromPeer(String method, Transport transport, String branch) {
        SipRequest r = request(method, transport, PEER, branch);
        h.peer.send(r, target(transport, LAYER));
        h.settle();
        return r;
    }

    private void answer(ServerTransaction tx, int status) {
        tx.respond(SipResponse.responseTo(tx.request(), status).set(HeaderName.TO, "<sip:bob@127.0.0.2>;tag=t1")
                .build());
        h.settle();
    }

    @Test
    void sends100TryingItselfWhenTheUserIsSilentFor200Ms() {
        fromPeer("INVITE", Transport.UDP, BRANCH);
        assertThat(h.requests).hasSize(1);
        h.advance(199);
        assertThat(h.peerGotStatus(100)).isZero();
        h.advance(1);
        assertThat(h.peerGotStatus(100)).isEqualTo(1);
        fromPeer("INVITE", Transport.UDP, BRANCH);
        assertThat(h.peerGotStatus(100)).as("a retransmitted INVITE gets the provisional again").isEqualTo(2);
        assertThat(h.requests).hasSize(1);
    }

    @Test
    void sendsNo100WhenTheUserAnswersFirst() {
        fromPeer("INVITE", Transport.UDP, BRANCH);
        answer(h.requests.get(0), 180);
        h.advance(1_000);
        assertThat(h.peerGotStatus(100)).isZero();
        assertThat(h.peerGotStatus(180)).isEqualTo(1);
    }

    @Test
    void retransmitsANon2xxOnTimerGUntilTheAckThenAbsorbsAcksUntilTimerI() {
        fromPeer("INVITE", Transport.UDP, BRANCH);
        ServerTransaction tx = h.requests.get(0);
        answer(tx, 486);
        assertThat(tx.state()).isEqualTo(TransactionState.COMPLETED);
        h.advance(500);
        assertThat(h.peerGotStatus(486)).isEqualTo(2);
        h.advance(1_000);
        assertThat(h.peerGotStatus(486)).as("G doubles: 500, then 1000").isEqualTo(3);
        fromPeer("INVITE", Transport.UDP, BRANCH);
        assertThat(h.peerGotStatus(486)).as("a retransmitted INVITE gets the final again").isEqualTo(4);

        fromPeer("ACK", Transport.UDP, BRANCH);
        assertThat(tx.state()).isEqualTo(TransactionState.CONFIRMED);
        h.advance(10_000);
        assertThat(h.peerGotStatus(486)).as("no retransmission once confirmed").isEqualTo(4);
        assertThat(tx.state()).as("Timer I = T4").isEqualTo(TransactionState.TERMINATED);
        assertThat(h.strays).isEmpty();
    }

    @Test
    void timerGIsCappedAtT2AndTimerHEndsTheWaitForTheAck() {
        fromPeer("INVITE", Transport.UDP, BRANCH);
        ServerTransaction tx = h.requests.get(0);
        answer(tx, 500);
        h.advance(31_999);
        // Sent at 0, then 500, 1500, 3500, 7500, 11500, …, 31500: 1 + 3 + 7 = 11 in 32 s.
        assertThat(h.peerGotStatus(500)).isEqualTo(11);
        h.advance(1);
        assertThat(tx.state()).as("Timer H = 64*T1").isEqualTo(TransactionState.TERMINATED);
        assertThat(h.layer.stats().timeouts()).isEqualTo(1);
    }

    @Test
    void a2xxMovesToAcceptedWhereTheUserRetransmitsItAndInviteRetransmissionsAreAbsorbed() {
        fromPeer("INVITE", Transport.UDP, BRANCH);
        ServerTransaction tx = h.requests.get(0);
        answer(tx, 200);
        assertThat(tx.state()).isEqualTo(TransactionState.ACCEPTED);
        fromPeer("INVITE", Transport.UDP, BRANCH);
        assertThat(h.peerGotStatus(200)).as("RFC 6026: absorbed, the user retransmits 2xx").isEqualTo(1);
        answer(tx, 200);
        assertThat(h.peerGotStatus(200)).isEqualTo(2);
        fromPeer("ACK", Transport.UDP, "z9hG4bK-2xx-ack");
        assertThat(h.strays).as("the ACK for a 2xx has its own branch and is the user's").hasSize(1);
        h.advance(32_000);
        assertThat(tx.state()).as("Timer L = 64*T1").isEqualTo(TransactionState.TERMINATED);
    }

    @Test
    void overTcpTheAckTerminatesAtOnce() {
        fromPeer("INVITE", Transport.TCP, BRANCH);
        ServerTransaction tx = h.requests.get(0);
        answer(tx, 404);
        h.advance(5_000);
        assertThat(h.peerGotStatus(404)).as("no Timer G over TCP").isEqualTo(1);
        fromPeer("ACK", Transport.TCP, BRANCH);
        assertThat(tx.state()).as("Timer I = 0").isEqualTo(TransactionState.TERMINATED);
    }

    @Test
    void aCancelGets200AndTheInvite487ByDefault() {
        fromPeer("INVITE", Transport.UDP, BRANCH);
        ServerTransaction invite = h.requests.get(0);
        fromPeer("CANCEL", Transport.UDP, BRANCH);
        assertThat(h.peerGotStatus(200)).as("200 to the CANCEL").isEqualTo(1);
        assertThat(h.peerGotStatus(487)).isEqualTo(1);
        assertThat(invite.state()).isEqualTo(TransactionState.COMPLETED);
        assertThat(h.requests).as("the CANCEL went to onCancel, not onRequest").hasSize(1);
    }

    @Test
    void aCancelRacingTheFinalResponseLeavesTheFinalResponseAlone() {
        fromPeer("INVITE", Transport.UDP, BRANCH);
        answer(h.requests.get(0), 200);
        fromPeer("CANCEL", Transport.UDP, BRANCH);
        assertThat(h.peerGotStatus(487)).isZero();
        assertThat(h.peerGotStatus(200)).as("the INVITE's 200 and the CANCEL's 200").isEqualTo(2);
    }

    @Test
    void aCancelForNoTransactionIsAnswered481() {
        fromPeer("CANCEL", Transport.UDP, "z9hG4bK-nothing");
        assertThat(h.peerGotStatus(481)).isEqualTo(1);
        assertThat(h.requests).isEmpty();
    }
}
