package org.parley.transaction;

import org.parley.message.SipRequest;
import org.parley.message.SipResponse;
import org.parley.transport.resolve.Target;

/**
 * The non-INVITE client transaction of RFC 3261 §17.1.2 (Figure 6): the request is sent, and
 * retransmitted over an unreliable transport on Timer E (T1, doubling, capped at T2, and T2 once a
 * provisional response came); Timer F (64·T1) ends the wait with a synthetic 408; the first final
 * response completes it, and Timer K (T4, or 0 over a reliable transport) absorbs its
 * retransmissions before the transaction terminates.
 *
 * <pre>
 *   send ─► TRYING ──1xx──► PROCEEDING ──200-699──► COMPLETED ──Timer K──► TERMINATED
 *             │  └────────────200-699──────────────────▲
 *             └─ Timer F or transport error: 408/503 to the user ─► TERMINATED
 * </pre>
 *
 * <p>Confined to its lane.
 */
final class NonInviteClientTransaction extends ClientMachine {
    NonInviteClientTransaction(TransactionLayer layer, LaneState lane, SipRequest request, Target target,
            ResponseListener listener, ClientFailure failure) {
        super(layer, lane, request, target, listener, failure, TransactionState.TRYING, "E", "F/K");
    }

    @Override
    void onEnd() {
        if (state == TransactionState.COMPLETED) {
            // Timer K.
            terminate();
        } else {
            timerF();
        }
    }

    /** Timer E. */
    @Override
    void retransmit() {
        // §17.1.2.2: in Trying the interval doubles up to T2; in Proceeding it is T2.
        interval = state == TransactionState.PROCEEDING ? layer.config().t2Millis()
                : Math.min(interval * 2, layer.config().t2Millis());
        layer.retransmitted();
        layer.transmit(this, request, target);
        lane.schedule(retransmission, interval);
    }

    private void timerF() {
        // §17.1.2.2: Timer F in Trying or Proceeding: the TU is told of the timeout (§8.1.3.1: 408).
        layer.timedOut();
        fail(408, "Request Timeout (no final response within 64*T1)");
    }

    /** The transport could not send the request (§17.1.4): the TU gets a 503 (§8.1.3.1). */
    @Override
    void transportFailed(Throwable cause) {
        if (state == TransactionState.TRYING || state == TransactionState.PROCEEDING) {
            fail(503, "Service Unavailable (transport error: " + TransactionLayer.reason(cause) + ")");
        }
    }

    /** A response matched this transaction (§17.1.3). */
    @Override
    void onMatchedResponse(SipResponse response) {
        if (state == TransactionState.COMPLETED || state == TransactionState.TERMINATED) {
            // §17.1.2.2: in Completed, retransmitted responses are absorbed.
            return;
        }
        if (response.statusCode() < 200) {
            state = TransactionState.PROCEEDING;
        } else {
            state = TransactionState.COMPLETED;
            cancelTimers();
            completed(response.statusCode());
            // §17.1.2.2: Timer K is T4 over an unreliable transport, zero over a reliable one.
            if (reliable) {
                terminate();
            } else {
                lane.schedule(end, layer.config().t4Millis());
            }
        }
        listener.onResponse(this, response);
    }
}
