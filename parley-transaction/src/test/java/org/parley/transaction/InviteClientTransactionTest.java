package org.parley.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.transaction.TransactionHarness.LAYER;
import static org.parley.transaction.TransactionHarness.NOBODY;
import static org.parley.transaction.TransactionHarness.PEER;
import static org.parley.transaction.TransactionHarness.request;
import static org.parley.transaction.TransactionHarness.target;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.message.HeaderName;
import org.parley.message.Method;
import org.parley.message.SipRequest;
import org.parley.message.SipResponse;
import org.parley.testkit.PacketFilter;
import org.parley.transport.Inbound;
import org.parley.transport.Transport;

/** RFC 3261 §17.1.1, Figure 5, with RFC 6026 §8.4's Accepted state; memory network, virtual time. */
class InviteClientTransactionTest {
    private final TransactionHarness h = new TransactionHarness();
    private final List<SipResponse> responses = new ArrayList<>();

    private ClientTransaction invite(Transport transport, InetSocketAddress to) {
        ClientTransaction tx = h.layer.send(request("INVITE", transport, LAYER, TransactionLayer.newBranch()),
                target(transport, to), (t, r) -> responses.add(r));
        h.settle();
        return tx;
    }

    private SipRequest lastAckAtPeer() {
        Inbound last = h.atPeer.get(h.atPeer.size() - 1);
        return (SipRequest) last.message();
    }

    @Test
    void retransmitsOnTimerADoublingWithoutCapAndTimesOutOnTimerB() {
        ClientTransaction tx = invite(Transport.UDP, PEER);
        assertThat(tx.state()).isEqualTo(TransactionState.CALLING);
        List<Long> arrivals = new ArrayList<>();
        for (long t = 0; t < 33_000; t++) {
            long before = h.peerGot("INVITE");
            h.advance(1);
            if (h.peerGot("INVITE") > before) {
                arrivals.add(h.lane.nowMillis());
            }
        }
        // §17.1.1.2: T1, 2·T1, 4·T1 … (no T2 cap): sent at 0, then 500, 1500, 3500, 7500, 15500, 31500.
        assertThat(arrivals).containsExactly(500L, 1_500L, 3_500L, 7_500L, 15_500L, 31_500L);
        assertThat(responses).extracting(SipResponse::statusCode).containsExactly(408);
        assertThat(tx.state()).isEqualTo(TransactionState.TERMINATED);
    }

    @Test
    void aProvisionalStopsRetransmissionsAndTimerB() {
        ClientTransaction tx = invite(Transport.UDP, PEER);
        h.peerAnswers(180);
        h.settle();
        assertThat(tx.state()).isEqualTo(TransactionState.PROCEEDING);
        h.advance(60_000);
        assertThat(h.peerGot("INVITE")).isEqualTo(1);
        assertThat(responses).extracting(SipResponse::statusCode).containsExactly(180);
        assertThat(tx.state()).as("no Timer B in Proceeding").isEqualTo(TransactionState.PROCEEDING);
    }

    @Test
    void acksANon2xxFinalResponseAndAgainForEachRetransmissionUntilTimerD() {
        ClientTransaction tx = invite(Transport.UDP, PEER);
        h.peerAnswers(100);
        h.settle();
        SipRequest invite = (SipRequest) h.atPeer.get(0).message();
        Inbound inviteIn = h.atPeer.get(0);
        SipResponse busy = SipResponse.responseTo(invite, 486).set(HeaderName.TO,
                "<sip:bob@127.0.0.2>;tag=b486").build();
        h.peer.respond(busy, inviteIn.source());
        h.settle();
        assertThat(tx.state()).isEqualTo(TransactionState.COMPLETED);
        SipRequest ack = lastAckAtPeer();
        // §17.1.1.3: same Request-URI, Call-ID, From, CSeq number and top Via; the response's To.
        assertThat(ack.method()).isEqualTo(Method.ACK);
        assertThat(ack.requestUriText()).isEqualTo(invite.requestUriText());
        assertThat(ack.topVia().branch()).isEqualTo(invite.topVia().branch());
        assertThat(ack.cseq().number()).isEqualTo(invite.cseq().number());
        assertThat(ack.cseq().method()).isEqualTo(Method.ACK);
        assertThat(ack.toTag()).contains("b486");
        assertThat(TransactionKey.ofServer(ack)).isEqualTo(TransactionKey.ofServer(invite));

        h.peer.respond(busy, inviteIn.source());
        h.settle();
        assertThat(h.peerGot("ACK")).isEqualTo(2);
        assertThat(responses).extracting(SipResponse::statusCode).containsExactly(100, 486);
        h.advance(31_999);
        assertThat(tx.state()).isEqualTo(TransactionState.COMPLETED);
        h.advance(1);
        assertThat(tx.state()).as("Timer D = 32 s").isEqualTo(TransactionState.TERMINATED);
    }

    @Test
    void a2xxMovesToAcceptedWhereRetransmissionsGoToTheUserUntilTimerM() {
        ClientTransaction tx = invite(Transport.UDP, PEER);
        h.peerAnswers(200);
        h.settle();
        assertThat(tx.state()).isEqualTo(TransactionState.ACCEPTED);
        assertThat(h.peerGot("ACK")).as("the 2xx ACK is the user's, not the transaction's").isZero();
        h.peerAnswers(200);
        h.settle();
        assertThat(responses).extracting(SipResponse::statusCode).containsExactly(200, 200);
        h.advance(31_999);
        assertThat(tx.state()).isEqualTo(TransactionState.ACCEPTED);
        h.advance(1);
        assertThat(tx.state()).as("Timer M = 64*T1").isEqualTo(TransactionState.TERMINATED);
        h.peerAnswers(200);
        h.settle();
        assertThat(h.strays).as("a 2xx after Timer M is a stray").hasSize(1);
    }

    @Test
    void aLostFinalResponseIsRecoveredAfterTheInviteRetransmission() {
        h.network.drop(PacketFilter.response(486, Method.INVITE), 1);
        ClientTransaction tx = invite(Transport.UDP, PEER);
        h.peerAnswers(486);
        h.settle();
        assertThat(tx.state()).isEqualTo(TransactionState.CALLING);
        h.advance(500);
        h.peerAnswers(486);
        h.settle();
        assertThat(tx.state()).isEqualTo(TransactionState.COMPLETED);
        assertThat(h.peerGot("ACK")).isEqualTo(1);
    }

    @Test
    void overTcpNoRetransmissionAndNoTimerD() {
        ClientTransaction tx = invite(Transport.TCP, PEER);
        h.advance(10_000);
        assertThat(h.peerGot("INVITE")).isEqualTo(1);
        h.peerAnswers(603);
        h.settle();
        assertThat(h.peerGot("ACK")).isEqualTo(1);
        assertThat(tx.state()).isEqualTo(TransactionState.TERMINATED);
    }

    @Test
    void aTransportErrorInCallingGivesA503() {
        ClientTransaction tx = invite(Transport.TCP, NOBODY);
        assertThat(responses).extracting(SipResponse::statusCode).containsExactly(503);
        assertThat(tx.state()).isEqualTo(TransactionState.TERMINATED);
    }
}
