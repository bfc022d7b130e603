package org.parley.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.transaction.TransactionHarness.LAYER;
import static org.parley.transaction.TransactionHarness.PEER;
import static org.parley.transaction.TransactionHarness.request;
import static org.parley.transaction.TransactionHarness.target;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.message.HeaderName;
import org.parley.message.SipRequest;
import org.parley.message.SipResponse;
import org.parley.testkit.MemoryEndpoint;
import org.parley.transport.Inbound;
import org.parley.transport.Transport;

/** RFC 3261 §8.2.2.2 merged requests, detected by the layer for the UAS core; memory network, virtual time. */
class MergedRequestTest {
    private static final InetSocketAddress OTHER_PATH = new InetSocketAddress("127.0.0.6", 5110);

    private final TransactionHarness h = new TransactionHarness();
    private final List<Inbound> atOther = new ArrayList<>();
    private final MemoryEndpoint other = h.network.endpoint(OTHER_PATH, atOther::add);

    private void fromPeer(SipRequest r) {
        h.peer.send(r, target(Transport.UDP, LAYER));
        h.settle();
    }

    private void fromOtherPath(SipRequest r) {
        other.send(r, target(Transport.UDP, LAYER));
        h.settle();
    }

    private long otherGotStatus(int status) {
        return atOther.stream().filter(in -> in.message() instanceof SipResponse r && r.statusCode() == status)
                .count();
    }

    @Test
    void theSameInviteByAnotherPathIsAnswered482AndNeverReachesTheUser() {
        fromPeer(request("INVITE", Transport.UDP, PEER, "z9hG4bK-path-a"));
        fromOtherPath(request("INVITE", Transport.UDP, OTHER_PATH, "z9hG4bK-path-b"));
        assertThat(h.requests).hasSize(1);
        assertThat(otherGotStatus(482)).isEqualTo(1);
        SipResponse loop = (SipResponse) atOther.get(0).message();
        assertThat(loop.reasonPhrase()).isEqualTo("Loop Detected");
        assertThat(loop.toTag()).as("a UAS response carries a To tag (§8.2.6.2)").isPresent();
        assertThat(h.layer.stats().mergedRequests()).isEqualTo(1);

        fromOtherPath(request("INVITE", Transport.UDP, OTHER_PATH, "z9hG4bK-path-b"));
        assertThat(otherGotStatus(482)).as("its retransmission gets the 482 again from its transaction").isEqualTo(2);
        assertThat(h.layer.stats().mergedRequests()).isEqualTo(1);
        assertThat(h.requests).hasSize(1);
    }

    @Test
    void aNonInviteByAnotherPathIsMergedTooButARetransmissionIsNot() {
        fromPeer(request("OPTIONS", Transport.UDP, PEER, "z9hG4bK-o-a"));
        fromPeer(request("OPTIONS", Transport.UDP, PEER, "z9hG4bK-o-a"));
        assertThat(h.layer.stats().mergedRequests()).as("the same branch is a retransmission").isZero();
        fromPeer(request("OPTIONS", Transport.UDP, PEER, "z9hG4bK-o-b"));
        assertThat(h.layer.stats().mergedRequests()).isEqualTo(1);
        assertThat(h.requests).hasSize(1);
        assertThat(h.peerGotStatus(482)).isEqualTo(1);
    }

    @Test
    void aRequestWithAToTagIsNeverMerged() {
        fromPeer(request("INFO", Transport.UDP, PEER, "z9hG4bK-i-a").toBuilder()
                .set(HeaderName.TO, "<sip:bob@127.0.0.2>;tag=dlg").build());
        fromPeer(request("INFO", Transport.UDP, PEER, "z9hG4bK-i-b").toBuilder()
                .set(HeaderName.TO, "<sip:bob@127.0.0.2>;tag=dlg").build());
        assertThat(h.requests).hasSize(2);
        assertThat(h.layer.stats().mergedRequests()).isZero();
    }

    @Test
    void anotherCSeqOrACancelIsNotMerged() {
        fromPeer(request("INVITE", Transport.UDP, PEER, "z9hG4bK-c-a"));
        fromPeer(request("CANCEL", Transport.UDP, PEER, "z9hG4bK-c-a"));
        fromPeer(request("OPTIONS", Transport.UDP, PEER, "z9hG4bK-c-b"));
        assertThat(h.layer.stats().mergedRequests()).isZero();
        assertThat(h.peerGotStatus(487)).as("the CANCEL reached onCancel").isEqualTo(1);
    }

    @Test
    void onceTheFirstTransactionEndedTheSameIdentifiersAreANewRequest() {
        fromPeer(request("OPTIONS", Transport.UDP, PEER, "z9hG4bK-e-a"));
        h.requests.get(0).respond(SipResponse.responseTo(h.requests.get(0).request(), 200).build());
        h.settle();
        h.advance(32_000);
        assertThat(h.requests.get(0).state()).as("Timer J").isEqualTo(TransactionState.TERMINATED);
        fromPeer(request("OPTIONS", Transport.UDP, PEER, "z9hG4bK-e-b"));
        assertThat(h.requests).hasSize(2);
        assertThat(h.layer.stats().mergedRequests()).isZero();
    }

    @Test
    void aProxyTurnsDetectionOffAndSeesBothCopies() {
        List<ServerTransaction> seen = new ArrayList<>();
        TransactionHarness proxy = new TransactionHarness(TransactionConfig.defaults().withLanes(1)
                .withMergedRequestDetection(false));
        proxy.peer.send(request("INVITE", Transport.UDP, PEER, "z9hG4bK-p-a"), target(Transport.UDP, LAYER));
        proxy.peer.send(request("INVITE", Transport.UDP, PEER, "z9hG4bK-p-b"), target(Transport.UDP, LAYER));
        proxy.settle();
        seen.addAll(proxy.requests);
        assertThat(seen).hasSize(2);
        assertThat(proxy.layer.stats().mergedRequests()).isZero();
        assertThat(proxy.peerGotStatus(482)).isZero();
    }

    @Test
    void anRfc2543AckMatchesOnlyWithTheToTagOfTheResponseSent() {
        fromPeer(request("INVITE", Transport.UDP, PEER, "old-1"));
        ServerTransaction tx = h.requests.get(0);
        tx.respond(SipResponse.responseTo(tx.request(), 486).set(HeaderName.TO, "<sip:bob@127.0.0.2>;tag=t1")
                .build());
        h.settle();
        fromPeer(request("ACK", Transport.UDP, PEER, "old-1").toBuilder()
                .set(HeaderName.TO, "<sip:bob@127.0.0.2>;tag=someone-else").build());
        assertThat(tx.state()).as("another To tag does not match (§17.2.3)").isEqualTo(TransactionState.COMPLETED);
        assertThat(h.strays).hasSize(1);
        fromPeer(request("ACK", Transport.UDP, PEER, "old-1").toBuilder()
                .set(HeaderName.TO, "<sip:bob@127.0.0.2>;tag=t1").build());
        assertThat(tx.state()).isEqualTo(TransactionState.CONFIRMED);
        assertThat(h.strays).hasSize(1);
    }

    @Test
    void anRfc3261AckNeedsNoToTagCheck() {
        fromPeer(request("INVITE", Transport.UDP, PEER, "z9hG4bK-new-1"));
        ServerTransaction tx = h.requests.get(0);
        tx.respond(SipResponse.responseTo(tx.request(), 486).set(HeaderName.TO, "<sip:bob@127.0.0.2>;tag=t1")
                .build());
        h.settle();
        fromPeer(request("ACK", Transport.UDP, PEER, "z9hG4bK-new-1").toBuilder()
                .set(HeaderName.TO, "<sip:bob@127.0.0.2>;tag=t1").build());
        assertThat(tx.state()).isEqualTo(TransactionState.CONFIRMED);
    }
}
