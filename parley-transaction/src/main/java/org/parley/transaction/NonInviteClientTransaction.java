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
final class NonInviteClientTransaction implements ClientMachine {
    private final TransactionLayer layer;
    private final LaneState lane;
    private final SipRequest request;
    private final Target target;
    private final TransactionKey key;
    private final ResponseListener listener;
    private final ClientFailure failure;
    private final boolean reliable;
    private final Alarm timerE = new Alarm("E", this::timerE);
    /** Timer F in Trying and Proceeding, K in Completed: one at a time, so one alarm. */
    private final Alarm end = new Alarm("F/K", this::onEnd);
    private TransactionState state = TransactionState.TRYING;
    private long interval;
    private boolean heard;

    NonInviteClientTransaction(TransactionLayer layer, LaneState lane, SipRequest request, Target target,
            ResponseListener listener, ClientFailure failure) {
        this.layer = layer;
        this.lane = lane;
        this.request = request;
        this.target = target;
        this.key = TransactionKey.ofClient(request);
        this.listener = listener;
        this.failure = failure;
        this.reliable = target.transport().isReliable();
    }

    /** RFC 3261 §17.1.2.2: enter Trying, send the request, start Timer F and, over UDP, Timer E. */
    @Override
    public void start() {
        lane.clients.put(key, this);
        interval = layer.config().t1Millis();
        if (!reliable) {
            lane.schedule(timerE, interval);
        }
        lane.schedule(end, layer.config().timeoutMillis());
        layer.transmit(this, request, target);
    }

    private void onEnd() {
        if (state == TransactionState.COMPLETED) {
            // Timer K.
            terminate();
        } else {
            timerF();
        }
    }

    private void timerE() {
        // §17.1.2.2: in Trying the interval doubles up to T2; in Proceeding it is T2.
        interval = state == TransactionState.PROCEEDING ? layer.config().t2Millis()
                : Math.min(interval * 2, layer.config().t2Millis());
        layer.retransmitted();
        layer.transmit(this, request, target);
        lane.schedule(timerE, interval);
    }

    private void timerF() {
        // §17.1.2.2: Timer F in Trying or Proceeding: the TU is told of the timeout (§8.1.3.1: 408).
        layer.timedOut();
        fail(408, "Request Timeout (no final response within 64*T1)");
    }

    /** The transport could not send the request (§17.1.4): the TU gets a 503 (§8.1.3.1). */
    @Override
    public void transportFailed(Throwable cause) {
        if (state == TransactionState.TRYING || state == TransactionState.PROCEEDING) {
            fail(503, "Service Unavailable (transport error: " + TransactionLayer.reason(cause) + ")");
        }
    }

    private void fail(int status, String reason) {
        terminate();
        failure.failed(this, SipResponse.responseTo(request, status, reason).build());
    }

    /** A response matched this transaction (§17.1.3). */
    @Override
    public void onResponse(SipResponse response) {
        if (state == TransactionState.COMPLETED || state == TransactionState.TERMINATED) {
            // §17.1.2.2: in Completed, retransmitted responses are absorbed.
            return;
        }
        heard = true;
        if (response.statusCode() < 200) {
            state = TransactionState.PROCEEDING;
        } else {
            state = TransactionState.COMPLETED;
            lane.timers().cancel(timerE);
            lane.timers().cancel(end);
            // §17.1.2.2: Timer K is T4 over an unreliable transport, zero over a reliable one.
            if (reliable) {
                terminate();
            } else {
                lane.schedule(end, layer.config().t4Millis());
            }
        }
        listener.onResponse(this, response);
    }

    private void terminate() {
        state = TransactionState.TERMINATED;
        lane.timers().cancel(timerE);
        lane.timers().cancel(end);
        lane.clients.remove(key, this);
    }

    @Override
    public boolean hasResponse() {
        return heard;
    }

    @Override
    public SipRequest request() {
        return request;
    }

    @Override
    public Target target() {
        return target;
    }

    @Override
    public TransactionKey key() {
        return key;
    }

    @Override
    public TransactionState state() {
        return state;
    }

    @Override
    public String toString() {
        return "client " + key + " " + state;
    }
}
