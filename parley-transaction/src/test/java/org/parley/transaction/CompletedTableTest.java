package org.parley.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.transaction.TransactionHarness.LAYER;
import static org.parley.transaction.TransactionHarness.PEER;
import static org.parley.transaction.TransactionHarness.request;
import static org.parley.transaction.TransactionHarness.target;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.parley.message.HeaderName;
import org.parley.message.SipRequest;
import org.parley.message.SipResponse;
import org.parley.transport.Inbound;
import org.parley.transport.Transport;

/**
 * The lane's {@link CompletedTable} at scale (RFC 3261 §17.2.2): thousands of non-INVITE server
 * transactions in Completed, over many chunks and ring growths, each answering its own
 * retransmission with its own final response until Timer J, then all gone.
 */
class CompletedTableTest {
    /** About 1,300 bytes a transaction with the padding below: 4,000 of them span some twenty chunks. */
    private static final int TRANSACTIONS = 4_000;
    private static final String PADDING = "x".repeat(900);

    private final TransactionHarness h = new TransactionHarness();

    private static String branch(int i) {
        return "z9hG4bK-ct" + i;
    }

    /** Request i: its own branch and Call-ID, so no two are one merged request (RFC 3261 §8.2.2.2). */
    private void send(int i) {
        SipRequest r = (SipRequest) TransactionHarness.parse(request("OPTIONS", Transport.UDP, PEER, branch(i))
                .toString().replace("call-1@", "call-" + i + "@"));
        h.peer.send(r, target(Transport.UDP, LAYER));
    }

    private int live() throws Exception {
        var count = h.layer.liveTransactions();
        h.settle();
        return count.get(1, TimeUnit.SECONDS);
    }

    @Test
    void thousandsOfCompletedTransactionsAnswerTheirOwnRetransmissionsUntilTimerJ() throws Exception {
        for (int i = 0; i < TRANSACTIONS; i++) {
            send(i);
            h.settle();
            ServerTransaction tx = h.requests.get(i);
            tx.respond(SipResponse.responseTo(tx.request(), 200).set(HeaderName.SERVER, "n" + i + PADDING).build());
            h.settle();
            assertThat(tx.state()).isEqualTo(TransactionState.COMPLETED);
        }
        assertThat(live()).isEqualTo(TRANSACTIONS);

        h.atPeer.clear();
        for (int i = 0; i < TRANSACTIONS; i += 37) {
            send(i);
        }
        h.settle();
        assertThat(h.requests).as("retransmissions never reach the user").hasSize(TRANSACTIONS);
        List<SipResponse> again = h.atPeer.stream().map(Inbound::message).map(SipResponse.class::cast).toList();
        assertThat(again).hasSize((TRANSACTIONS + 36) / 37);
        for (SipResponse r : again) {
            String b = r.topVia().branch().orElseThrow();
            int i = Integer.parseInt(b.substring("z9hG4bK-ct".length()));
            assertThat(i % 37).isZero();
            assertThat(r.header(HeaderName.SERVER)).as("the response of the transaction it matched")
                    .contains("n" + i + PADDING);
        }

        h.advance(32_000);
        assertThat(h.requests).allSatisfy(tx -> assertThat(tx.state()).isEqualTo(TransactionState.TERMINATED));
        assertThat(live()).isZero();
        send(0);
        h.settle();
        assertThat(h.requests).as("after Timer J the request is new").hasSize(TRANSACTIONS + 1);
    }

    @Test
    void entriesAddedLaterEndLaterEachAfterItsOwnTimerJ() throws Exception {
        send(1);
        h.settle();
        h.requests.get(0).respond(SipResponse.responseTo(h.requests.get(0).request(), 200).build());
        h.advance(10_000);
        send(2);
        h.settle();
        h.requests.get(1).respond(SipResponse.responseTo(h.requests.get(1).request(), 404).build());
        h.advance(22_000);
        assertThat(h.requests.get(0).state()).isEqualTo(TransactionState.TERMINATED);
        assertThat(h.requests.get(1).state()).isEqualTo(TransactionState.COMPLETED);
        assertThat(live()).isEqualTo(1);
        h.atPeer.clear();
        send(2);
        send(1);
        h.settle();
        assertThat(h.peerGotStatus(404)).as("the second still answers").isEqualTo(1);
        assertThat(h.requests).as("the first is new after its Timer J").hasSize(3);
        h.advance(10_000);
        assertThat(h.requests.get(1).state()).isEqualTo(TransactionState.TERMINATED);
    }
}
