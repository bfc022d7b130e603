package org.parley.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.transaction.TransactionHarness.LAYER;
import static org.parley.transaction.TransactionHarness.PEER;
import static org.parley.transaction.TransactionHarness.request;
import static org.parley.transaction.TransactionHarness.target;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.parley.message.SipRequest;
import org.parley.testkit.MemoryEndpoint;
import org.parley.testkit.MemoryNetwork;
import org.parley.transport.Inbound;
import org.parley.transport.Source;
import org.parley.transport.Transport;

/** {@link TransactionUser#relayStatelessly}: a request the user takes gets no server transaction (RFC 3261 §16.11). */
class StatelessRelayHookTest {
    private final MemoryNetwork network = new MemoryNetwork();
    private final VirtualLane lane = new VirtualLane();
    private final List<Inbound> atPeer = new ArrayList<>();
    private final MemoryEndpoint peer = network.endpoint(PEER, atPeer::add);
    private final List<SipRequest> offered = new ArrayList<>();
    private final List<SipRequest> withTransaction = new ArrayList<>();
    private final TransactionLayer layer = TransactionLayer.start(TransactionConfig.defaults().withLanes(1),
            List.of(lane), new TransactionUser() {
                @Override
                public boolean relayStatelessly(SipRequest request, Source source) {
                    offered.add(request);
                    return request.method().name().equals("MESSAGE");
                }

                @Override
                public void onRequest(ServerTransaction transaction, SipRequest request) {
                    withTransaction.add(request);
                }
            }, handler -> network.endpoint(LAYER, handler));

    @AfterEach
    void close() {
        layer.close();
        peer.close();
    }

    private void send(SipRequest r) {
        peer.send(r, target(Transport.UDP, LAYER));
        network.settle(lane::runPending);
    }

    private int live() {
        CompletableFuture<Integer> n = layer.liveTransactions();
        network.settle(lane::runPending);
        return n.join();
    }

    @Test
    void aRequestTheUserTakesGetsNoTransactionAndItsRetransmissionIsOfferedAgain() {
        SipRequest message = request("MESSAGE", Transport.UDP, PEER, "z9hG4bK-s1");
        send(message);
        send(message);

        assertThat(offered).hasSize(2);
        assertThat(withTransaction).isEmpty();
        assertThat(live()).isZero();
        assertThat(layer.stats().statelessRequests()).isEqualTo(2);
        assertThat(atPeer).as("nothing answered by the layer").isEmpty();
    }

    @Test
    void aRequestTheUserDeclinesGetsItsTransactionAndIsNotOfferedOnRetransmission() {
        SipRequest options = request("OPTIONS", Transport.UDP, PEER, "z9hG4bK-s2");
        send(options);
        send(options);

        assertThat(offered).hasSize(1);
        assertThat(withTransaction).hasSize(1);
        assertThat(live()).isEqualTo(1);
    }
}
