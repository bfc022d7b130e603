package org.parley.transaction;

import org.parley.message.SipRequest;
import org.parley.message.SipResponse;
import org.parley.transport.resolve.Target;

/**
 * What the layer asks of a client transaction's machine (RFC 3261 §17.1), and what both client
 * machines hold: the target, the listener, what to do on failure, and their two alarms — the
 * retransmission timer (A or E) and one alarm for the timer that ends the current state (B, D, M
 * or F, K; never two at once, so one object: less memory per transaction). Confined to its lane.
 */
abstract class ClientMachine extends TransactionMachine implements ClientTransaction {
    final Target target;
    final ResponseListener listener;
    final ClientFailure failure;
    final Alarm retransmission;
    final Alarm end;
    /** The retransmission interval now (T1 at first, §17.1.1.2, §17.1.2.2). */
    long interval;
    private boolean heard;

    ClientMachine(TransactionLayer layer, LaneState lane, SipRequest request, Target target, ResponseListener listener,
            ClientFailure failure, TransactionState first, String retransmissionTimer, String endTimers) {
        super(layer, lane, request, TransactionKey.ofClient(request), target.transport().isReliable(), first);
        this.target = target;
        this.listener = listener;
        this.failure = failure;
        this.retransmission = new Alarm(retransmissionTimer, this::retransmit);
        this.end = new Alarm(endTimers, this::onEnd);
    }

    /**
     * §17.1.1.2, §17.1.2.2: enters the first state, sends the request, starts the timeout (B or F,
     * 64·T1) and, over an unreliable transport, the retransmission timer at T1.
     */
    final void start() {
        lane.clients.put(key, this);
        interval = layer.config().t1Millis();
        if (!reliable) {
            lane.schedule(retransmission, interval);
        }
        lane.schedule(end, layer.config().timeoutMillis());
        layer.transmit(this, request, target);
    }

    /** The retransmission timer fired (A or E). */
    abstract void retransmit();

    /** The alarm that ends a state fired (B, D, M or F, K). */
    abstract void onEnd();

    /** A response matched the transaction (RFC 3261 §17.1.3); notes that the target was reached. */
    final void onResponse(SipResponse response) {
        heard = true;
        onMatchedResponse(response);
    }

    /** A response matched the transaction, in the machine's current state. */
    abstract void onMatchedResponse(SipResponse response);

    /** True once any response from the target matched the transaction (it was reached). */
    final boolean hasResponse() {
        return heard;
    }

    /**
     * §8.1.3.1: the transaction ends without a final response from its target, and its user gets a
     * synthetic one instead: 408 on a timeout (B or F), 503 on a transport error.
     */
    final void fail(int status, String reason) {
        terminate();
        completed(status);
        failure.failed(this, SipResponse.responseTo(request, status, reason).build());
    }

    /** Tells the layer's observer the transaction's outcome, {@code status}. */
    final void completed(int status) {
        layer.clientCompleted(this, status);
    }

    @Override
    final void cancelTimers() {
        lane.timers().cancel(retransmission);
        lane.timers().cancel(end);
    }

    @Override
    final void leaveTable() {
        lane.clients.remove(key, this);
    }

    @Override
    public final Target target() {
        return target;
    }

    @Override
    public String toString() {
        return "client " + key + " " + state;
    }
}
