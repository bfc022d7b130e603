package org.parley.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.transaction.TransactionHarness.LAYER;
import static org.parley.transaction.TransactionHarness.PEER;
import static org.parley.transaction.TransactionHarness.request;
import static org.parley.transaction.TransactionHarness.target;

import org.junit.jupiter.api.Test;
import org.parley.message.SipRequest;
import org.parley.message.SipResponse;
import org.parley.transport.Transport;

/** RFC 3261 §17.2.2, Figure 8, over the memory network in virtual time. */
class NonInviteServerTransactionTest {
    private final TransactionHarness h = new TransactionHarness();

    private SipRequest sendFromPeer(String method, Transport transport, String branch) {
        SipRequest r = request(method, transport, PEER, branch);
        h.peer.send(r, target(transport, LAYER));
        h.settle();
        return r;
    }

    private void answer(ServerTransaction tx, int status) {
        tx.respond(SipResponse.responseTo(tx.request(), status).build());
        h.settle();
    }

    @Test
    void handsTheRequestToTheUserOnceAndAbsorbsRetransmissionsInTrying() {
        sendFromPeer("OPTIONS", Transport.UDP, "z9hG4bK-s1");
        sendFromPeer("OPTIONS", Transport.UDP, "z9hG4bK-s1");
        assertThat(h.requests).hasSize(1);
        assertThat(h.requests.get(0).state()).isEqualTo(TransactionState.TRYING);
        assertThat(h.atPeer).as("nothing answered in Trying").isEmpty();
        assertThat(h.requests.get(0).source().remote()).isEqualTo(PEER);
    }

    @Test
    void answersARetransmissionWithTheLastProvisionalInProceeding() {
        sendFromPeer("REGISTER", Transport.UDP, "z9hG4bK-s2");
        ServerTransaction tx = h.requests.get(0);
        answer(tx, 100);
        assertThat(tx.state()).isEqualTo(TransactionState.PROCEEDING);
        sendFromPeer("REGISTER", Transport.UDP, "z9hG4bK-s2");
        assertThat(h.peerGotStatus(100)).isEqualTo(2);
        assertThat(h.requests).hasSize(1);
    }

    @Test
    void repeatsTheFinalResponseUntilTimerJThenForgetsTheTransaction() {
        sendFromPeer("OPTIONS", Transport.UDP, "z9hG4bK-s3");
        ServerTransaction tx = h.requests.get(0);
        answer(tx, 200);
        assertThat(tx.state()).isEqualTo(TransactionState.COMPLETED);
        sendFromPeer("OPTIONS", Transport.UDP, "z9hG4bK-s3");
        assertThat(h.peerGotStatus(200)).isEqualTo(2);
        h.advance(31_999);
        assertThat(tx.state()).isEqualTo(TransactionState.COMPLETED);
        h.advance(1);
        assertThat(tx.state()).as("Timer J = 64*T1").isEqualTo(TransactionState.TERMINATED);
        sendFromPeer("OPTIONS", Transport.UDP, "z9hG4bK-s3");
        assertThat(h.requests).as("after Timer J the request is new").hasSize(2);
    }

    @Test
    void refusesAResponseAfterTheFinalOne() {
        sendFromPeer("OPTIONS", Transport.UDP, "z9hG4bK-s4");
        ServerTransaction tx = h.requests.get(0);
        answer(tx, 486);
        answer(tx, 200);
        assertThat(h.peerGotStatus(486)).isEqualTo(1);
        assertThat(h.peerGotStatus(200)).isZero();
        assertThat(h.layer.stats().refusedResponses()).isEqualTo(1);
    }

    @Test
    void overAReliableTransportTerminatesAsSoonAsTheFinalResponseIsSent() {
        sendFromPeer("OPTIONS", Transport.TCP, "z9hG4bK-s5");
        ServerTransaction tx = h.requests.get(0);
        answer(tx, 200);
        assertThat(tx.state()).as("Timer J = 0 over TCP").isEqualTo(TransactionState.TERMINATED);
        assertThat(h.peerGotStatus(200)).isEqualTo(1);
    }

    @Test
    void requestsOfAnotherBranchOrSentByAreOtherTransactions() {
        // With the same From tag, Call-ID and CSeq the second is a merged request (§8.2.2.2, see
        // MergedRequestTest); a proxy's layer, with detection off, shows both transactions.
        TransactionHarness proxy = new TransactionHarness(TransactionConfig.defaults().withLanes(1)
                .withMergedRequestDetection(false));
        proxy.peer.send(request("OPTIONS", Transport.UDP, PEER, "z9hG4bK-a"), target(Transport.UDP, LAYER));
        proxy.peer.send(request("OPTIONS", Transport.UDP, PEER, "z9hG4bK-b"), target(Transport.UDP, LAYER));
        proxy.settle();
        assertThat(proxy.requests).hasSize(2);
        assertThat(proxy.requests.get(0).key()).isNotEqualTo(proxy.requests.get(1).key());
    }

    @Test
    void anAckWithoutATransactionGoesToTheUserAsAStray() {
        sendFromPeer("ACK", Transport.UDP, "z9hG4bK-ack");
        assertThat(h.requests).isEmpty();
        assertThat(h.strays).hasSize(1);
    }

    @Test
    void answersARequestWhoseCSeqCannotBeRead400() {
        h.peer.send(TransactionHarness.parse("OPTIONS sip:bob@127.0.0.2 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.2:5070;branch=z9hG4bK-bad\r\nMax-Forwards: 70\r\n"
                + "From: <sip:alice@127.0.0.1>;tag=a1\r\nTo: <sip:bob@127.0.0.2>\r\nCall-ID: bad@127.0.0.2\r\n"
                + "CSeq: one OPTIONS\r\nContent-Length: 0\r\n\r\n"), target(Transport.UDP, LAYER));
        h.settle();
        assertThat(h.requests).isEmpty();
        assertThat(h.peerGotStatus(400)).isEqualTo(1);
        assertThat(h.layer.stats().unreadable()).isEqualTo(1);
    }
}
