package org.parley.transaction;

import org.parley.message.SipRequest;
import org.parley.message.SipResponse;
import org.parley.transport.resolve.Target;

/**
 * The INVITE client transaction of RFC 3261 §17.1.1 (Figure 5) as RFC 6026 §8.4 amends it: the
 * INVITE is retransmitted over an unreliable transport on Timer A (T1, doubling) until a response
 * comes or Timer B (64·T1) ends the wait with a synthetic 408. A non-2xx final response is ACKed
 * here (§17.1.1.3) and its retransmissions are ACKed again until Timer D; a 2xx moves to Accepted,
 * where every 2xx retransmission goes to the user (whose ACK it is) until Timer M (64·T1).
 *
 * <pre>
 *   send ─► CALLING ──1xx──► PROCEEDING ──300-699: ACK──► COMPLETED ──Timer D──► TERMINATED
 *             │ │               └──2xx──► ACCEPTED ──Timer M──► TERMINATED
 *             │ └──2xx──────────────────────▲   └ 300-699 from CALLING also to COMPLETED
 *             └─ Timer B or transport error: 408/503 to the user ─► TERMINATED
 * </pre>
 *
 * <p>Confined to its lane.
 */
final class InviteClientTransaction extends ClientMachine {
    private SipRequest ack;

    InviteClientTransaction(TransactionLayer layer, LaneState lane, SipRequest request, Target target,
            ResponseListener listener, ClientFailure failure) {
        super(layer, lane, request, target, listener, failure, TransactionState.CALLING, "A", "B/D/M");
    }

    @Override
    void onEnd() {
        if (state == TransactionState.CALLING) {
            timerB();
        } else {
            // Timer D in Completed, Timer M in Accepted.
            terminate();
        }
    }

    /** Timer A. */
    @Override
    void retransmit() {
        // §17.1.1.2: Timer A doubles each time, with no T2 cap for INVITE.
        interval *= 2;
        layer.retransmitted();
        layer.transmit(this, request, target);
        lane.schedule(retransmission, interval);
    }

    private void timerB() {
        // §17.1.1.2: Timer B fires in Calling only (it is cancelled on the first response).
        layer.timedOut();
        fail(408, "Request Timeout (no response within 64*T1)");
    }

    @Override
    void transportFailed(Throwable cause) {
        if (state == TransactionState.CALLING) {
            fail(503, "Service Unavailable (transport error: " + TransactionLayer.reason(cause) + ")");
        } else if (state == TransactionState.COMPLETED) {
            // §17.1.1.2: a transport error sending the ACK in Completed ends the transaction.
            terminate();
        }
    }

    @Override
    void onMatchedResponse(SipResponse response) {
        int status = response.statusCode();
        switch (state) {
            case CALLING, PROCEEDING -> {
                lane.timers().cancel(retransmission);
                lane.timers().cancel(end);
                if (status >= 200) {
                    completed(status);
                }
                if (status < 200) {
                    state = TransactionState.PROCEEDING;
                } else if (status < 300) {
                    // RFC 6026 §8.4: a 2xx moves to Accepted; Timer M absorbs nothing, it forwards.
                    state = TransactionState.ACCEPTED;
                    lane.schedule(end, layer.config().timeoutMillis());
                } else {
                    complete(response);
                }
                listener.onResponse(this, response);
            }
            case ACCEPTED -> {
                // RFC 6026 §8.4: 2xx retransmissions (and 2xx from other forks) go to the user.
                if (status >= 200 && status < 300) {
                    listener.onResponse(this, response);
                }
            }
            case COMPLETED -> {
                // §17.1.1.2: a retransmitted final response is ACKed again, not passed up.
                if (status >= 300) {
                    layer.retransmitted();
                    layer.transmit(this, ack, target);
                }
            }
            default -> {
                // Terminated: the layer no longer routes responses here.
            }
        }
    }

    private void complete(SipResponse response) {
        state = TransactionState.COMPLETED;
        ack = Acks.forNon2xx(request, response);
        layer.transmit(this, ack, target);
        // §17.1.1.2: Timer D is at least 32 s over an unreliable transport, zero over a reliable one.
        if (reliable) {
            terminate();
        } else {
            lane.schedule(end, layer.config().timerD().toMillis());
        }
    }
}
