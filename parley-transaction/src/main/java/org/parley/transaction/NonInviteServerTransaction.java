package org.parley.transaction;

import org.parley.message.SipRequest;
import org.parley.message.SipResponse;
import org.parley.transport.Source;

/**
 * The non-INVITE server transaction of RFC 3261 §17.2.2 (Figure 8): the request goes to the
 * transaction user once; its retransmissions are absorbed in Trying and answered with the last
 * response sent in Proceeding and Completed; after the final response Timer J (64·T1 over an
 * unreliable transport, 0 over a reliable one) keeps answering retransmissions, then the
 * transaction terminates. Completed over an unreliable transport is kept by a smaller
 * {@link CompletedNonInvite} in the machine's place.
 *
 * <pre>
 *   request ─► TRYING ──TU 1xx──► PROCEEDING ──TU 200-699──► COMPLETED ──Timer J──► TERMINATED
 *                 └──────────TU 200-699────────────────────────▲     (transport error: TERMINATED)
 * </pre>
 *
 * <p>Confined to its lane; {@link #respond} may be called from any thread.
 */
final class NonInviteServerTransaction extends ServerMachine {
    /** What took the machine's place in Completed over an unreliable transport; null before. */
    private CompletedNonInvite completed;
    NonInviteServerTransaction(TransactionLayer layer, LaneState lane, SipRequest request, Source source,
            TransactionKey key) {
        super(layer, lane, request, source, key, TransactionState.TRYING);
    }

    void start() {
        lane.servers.put(key, this);
    }

    /** §17.2.2: a retransmission of the request. */
    @Override
    public void onRequest(SipRequest retransmission) {
        if (lastResponse != null && state != TransactionState.TERMINATED) {
            // Proceeding and Completed: "the most recently sent provisional/final response ... MUST
            // be passed to the transport layer for retransmission"; Trying: discarded.
            resendLast();
        }
    }

    @Override
    void respondInLane(SipResponse response) {
        if (state == TransactionState.COMPLETED || state == TransactionState.TERMINATED) {
            refuse(response);
            return;
        }
        if (response.statusCode() < 200) {
            state = TransactionState.PROCEEDING;
            sendAndKeep(response);
            return;
        }
        state = TransactionState.COMPLETED;
        send(response);
        answered(response.statusCode());
        // §17.2.2: Timer J is 64·T1 for unreliable transports and zero for reliable ones (where the
        // transaction ends now, so the final response need not be kept). Over an unreliable one the
        // lane keeps only what Completed needs, not this machine and its request.
        if (reliable) {
            terminate();
        } else {
            completed = CompletedNonInvite.replace(this, response.toBytes(), layer.config().timeoutMillis());
        }
    }

    /** TERMINATED once the entry that took the machine's place ended (Timer J, transport error). */
    @Override
    public TransactionState state() {
        return completed != null && completed.isTerminated() ? TransactionState.TERMINATED : state;
    }

    @Override
    boolean isAnswered() {
        return state == TransactionState.COMPLETED || state == TransactionState.TERMINATED;
    }

    @Override
    void cancelTimers() {
        // No timer of its own: Timer J runs in the CompletedNonInvite that takes the machine's place.
    }
}
