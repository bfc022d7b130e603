package org.parley.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.transaction.TransactionHarness.LAYER;
import static org.parley.transaction.TransactionHarness.NOBODY;
import static org.parley.transaction.TransactionHarness.PEER;
import static org.parley.transaction.TransactionHarness.request;
import static org.parley.transaction.TransactionHarness.target;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.message.HeaderName;
import org.parley.message.SipRequest;
import org.parley.message.SipResponse;
import org.parley.transport.Transport;

/** The observer hook: one call per transaction, on its final response or outcome, with its duration in lane time. */
class TransactionObserverTest {
    private record Seen(String side, String method, int status, long millis) {
    }

    private final List<Seen> seen = new ArrayList<>();
    private final TransactionObserver observer = new TransactionObserver() {
        @Override
        public void onServerAnswered(ServerTransaction tx, int status, long nanos) {
            seen.add(new Seen("server", tx.request().method().name(), status, nanos / 1_000_000));
        }

        @Override
        public void onClientCompleted(ClientTransaction tx, int status, long nanos) {
            seen.add(new Seen("client", tx.request().method().name(), status, nanos / 1_000_000));
        }
    };
    private final TransactionHarness h = new TransactionHarness(
            TransactionConfig.defaults().withLanes(1).withObserver(observer));

    private ServerTransaction fromPeer(String method, Transport transport, String branch) {
        h.peer.send(request(method, transport, PEER, branch), target(transport, LAYER));
        h.settle();
        return h.requests.get(h.requests.size() - 1);
    }

    private void answer(ServerTransaction tx, int status) {
        tx.respond(SipResponse.responseTo(tx.request(), status).set(HeaderName.TO, "<sip:bob@127.0.0.2>;tag=t1")
                .build());
        h.settle();
    }

    @Test
    void reportsANonInviteServerTransactionOnceWhenItsFinalResponseIsSent() {
        ServerTransaction tx = fromPeer("REGISTER", Transport.UDP, "z9hG4bK-o1");
        h.advance(30);
        answer(tx, 100);
        assertThat(seen).as("a provisional response is not the end").isEmpty();
        h.advance(120);
        answer(tx, 200);
        fromPeer("REGISTER", Transport.UDP, "z9hG4bK-o1");
        assertThat(seen).containsExactly(new Seen("server", "REGISTER", 200, 150));
    }

    @Test
    void reportsAnInviteServerTransactionAtItsFinalResponseNotAtItsOwnTryingNorTheAcceptedRetransmissions() {
        ServerTransaction tx = fromPeer("INVITE", Transport.UDP, "z9hG4bK-o2");
        h.advance(400);
        assertThat(h.peerGotStatus(100)).as("the layer's own 100 Trying").isEqualTo(1);
        answer(tx, 200);
        answer(tx, 200);
        assertThat(h.peerGotStatus(200)).isEqualTo(2);
        assertThat(seen).containsExactly(new Seen("server", "INVITE", 200, 400));
    }

    @Test
    void reportsARejectedInviteOnce() {
        ServerTransaction tx = fromPeer("INVITE", Transport.TCP, "z9hG4bK-o3");
        answer(tx, 486);
        answer(tx, 500);
        assertThat(seen).containsExactly(new Seen("server", "INVITE", 486, 0));
    }

    @Test
    void reportsAClientTransactionAtItsFirstFinalResponse() {
        h.layer.send(request("OPTIONS", Transport.UDP, LAYER, TransactionLayer.newBranch()),
                target(Transport.UDP, PEER), (t, r) -> { });
        h.settle();
        h.advance(40);
        h.peerAnswers(200);
        h.settle();
        h.peerAnswers(200);
        h.settle();
        assertThat(seen).containsExactly(new Seen("client", "OPTIONS", 200, 40));
    }

    @Test
    void reportsAnInviteClientTransactionAtItsFirstFinalResponse() {
        SipRequest invite = request("INVITE", Transport.TCP, LAYER, TransactionLayer.newBranch());
        h.layer.send(invite, target(Transport.TCP, PEER), (t, r) -> { });
        h.settle();
        h.peerAnswers(180);
        h.settle();
        h.advance(25);
        h.peerAnswers(603);
        h.settle();
        assertThat(seen).containsExactly(new Seen("client", "INVITE", 603, 25));
    }

    @Test
    void reportsATimeoutAsA408AfterTimerF() {
        h.layer.send(request("OPTIONS", Transport.UDP, LAYER, TransactionLayer.newBranch()),
                target(Transport.UDP, NOBODY), (t, r) -> { });
        h.settle();
        h.advance(32_000);
        assertThat(seen).containsExactly(new Seen("client", "OPTIONS", 408, 32_000));
    }

    @Test
    void reportsATransportErrorAsA503() {
        h.layer.send(request("OPTIONS", Transport.TCP, LAYER, TransactionLayer.newBranch()),
                target(Transport.TCP, NOBODY), (t, r) -> { });
        h.settle();
        assertThat(seen).containsExactly(new Seen("client", "OPTIONS", 503, 0));
    }

    @Test
    void aFailingObserverDoesNotDisturbTheTransaction() {
        TransactionHarness failing = new TransactionHarness(TransactionConfig.defaults().withLanes(1)
                .withObserver(new TransactionObserver() {
                    @Override
                    public void onServerAnswered(ServerTransaction tx, int status, long nanos) {
                        throw new IllegalStateException("observer fault");
                    }

                    @Override
                    public void onClientCompleted(ClientTransaction tx, int status, long nanos) {
                        throw new IllegalStateException("observer fault");
                    }
                }));
        failing.peer.send(request("OPTIONS", Transport.UDP, PEER, "z9hG4bK-o4"), target(Transport.UDP, LAYER));
        failing.settle();
        ServerTransaction tx = failing.requests.get(0);
        tx.respond(SipResponse.responseTo(tx.request(), 200).build());
        failing.settle();
        assertThat(failing.peerGotStatus(200)).isEqualTo(1);
        assertThat(tx.state()).isEqualTo(TransactionState.COMPLETED);
    }

    @Test
    void theConfigurationKeepsItsObserverThroughItsWithers() {
        TransactionConfig config = TransactionConfig.defaults().withObserver(observer).withLanes(2)
                .withMergedRequestDetection(false);
        assertThat(config.observer()).isSameAs(observer);
        assertThat(TransactionConfig.defaults().observer()).isSameAs(TransactionObserver.NONE);
    }

    @Test
    void andThenTellsBothObserversInOrderEvenWhenTheFirstFails() {
        List<String> order = new ArrayList<>();
        TransactionObserver failing = new TransactionObserver() {
            @Override
            public void onServerAnswered(ServerTransaction tx, int status, long nanos) {
                order.add("first");
                throw new IllegalStateException("observer fault");
            }

            @Override
            public void onClientCompleted(ClientTransaction tx, int status, long nanos) {
                order.add("first");
            }
        };
        TransactionObserver recording = new TransactionObserver() {
            @Override
            public void onServerAnswered(ServerTransaction tx, int status, long nanos) {
                order.add("second " + status);
            }

            @Override
            public void onClientCompleted(ClientTransaction tx, int status, long nanos) {
                order.add("second " + status);
            }
        };
        TransactionHarness both = new TransactionHarness(TransactionConfig.defaults().withLanes(1)
                .withObserver(failing.andThen(recording)));
        both.peer.send(request("OPTIONS", Transport.UDP, PEER, "z9hG4bK-o5"), target(Transport.UDP, LAYER));
        both.settle();
        ServerTransaction tx = both.requests.get(0);
        tx.respond(SipResponse.responseTo(tx.request(), 404).build());
        both.settle();
        assertThat(order).containsExactly("first", "second 404");
        assertThat(both.peerGotStatus(404)).isEqualTo(1);
    }
}
