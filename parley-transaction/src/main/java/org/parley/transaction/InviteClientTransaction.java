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
final class InviteClientTransaction implements ClientMachine {
    private final TransactionLayer layer;
    private final LaneState lane;
    private final SipRequest request;
    private final Target target;
    private final TransactionKey key;
    private final ResponseListener listener;
    private final ClientFailure failure;
    private final boolean reliable;
    private final Alarm timerA = new Alarm("A", this::timerA);
    /** Timer B in Calling, D in Completed, M in Accepted: one at a time, so one alarm (less memory per transaction). */
    private final Alarm end = new Alarm("B/D/M", this::onEnd);
    private TransactionState state = TransactionState.CALLING;
    private long interval;
    private boolean heard;
    private SipRequest ack;

    InviteClientTransaction(TransactionLayer layer, LaneState lane, SipRequest request, Target target,
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

    /** §17.1.1.2: enter Calling, send the INVITE, start Timer B and, over UDP, Timer A. */
    @Override
    public void start() {
        lane.clients.put(key, this);
        interval = layer.config().t1Millis();
        if (!reliable) {
            lane.schedule(timerA, interval);
        }
        lane.schedule(end, layer.config().timeoutMillis());
        layer.transmit(this, request, target);
    }

    private void onEnd() {
        if (state == TransactionState.CALLING) {
            timerB();
        } else {
            // Timer D in Completed, Timer M in Accepted.
            terminate();
        }
    }

    private void timerA() {
        // §17.1.1.2: Timer A doubles each time, with no T2 cap for INVITE.
        interval *= 2;
        layer.retransmitted();
        layer.transmit(this, request, target);
        lane.schedule(timerA, interval);
    }

    private void timerB() {
        // §17.1.1.2: Timer B fires in Calling only (it is cancelled on the first response).
        layer.timedOut();
        fail(408, "Request Timeout (no response within 64*T1)");
    }

    @Override
    public void transportFailed(Throwable cause) {
        if (state == TransactionState.CALLING) {
            fail(503, "Service Unavailable (transport error: " + TransactionLayer.reason(cause) + ")");
        } else if (state == TransactionState.COMPLETED) {
            // §17.1.1.2: a transport error sending the ACK in Completed ends the transaction.
            terminate();
        }
    }

    private void fail(int status, String reason) {
        terminate();
        failure.failed(this, SipResponse.responseTo(request, status, reason).build());
    }

    @Override
    public void onResponse(SipResponse response) {
        int status = response.statusCode();
        heard = true;
        switch (state) {
            case CALLING, PROCEEDING -> {
                lane.timers().cancel(timerA);
                lane.timers().cancel(end);
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

    private void terminate() {
        state = TransactionState.TERMINATED;
        lane.timers().cancel(timerA);
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
