package org.parley.transaction;

import org.parley.message.SipRequest;
import org.parley.message.SipResponse;
import org.parley.transport.Source;

/**
 * The non-INVITE server transaction of RFC 3261 §17.2.2 (Figure 8): the request goes to the
 * transaction user once; its retransmissions are absorbed in Trying and answered with the last
 * response sent in Proceeding and Completed; after the final response Timer J (64·T1 over an
 * unreliable transport, 0 over a reliable one) keeps answering retransmissions, then the
 * transaction terminates. Completed over an unreliable transport is kept as bytes by the lane's
 * {@link CompletedTable}, in the machine's place.
 *
 * <pre>
 *   request ─► TRYING ──TU 1xx──► PROCEEDING ──TU 200-699──► COMPLETED ──Timer J──► TERMINATED
 *                 └──────────TU 200-699────────────────────────▲     (transport error: TERMINATED)
 * </pre>
 *
 * <p>Confined to its lane; {@link #respond} may be called from any thread.
 */
final class NonInviteServerTransaction extends ServerMachine {
    /** The number of the {@link CompletedTable} entry that took the machine's place; -1 before. */
    private long completed = -1;
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
            completed = moveToTable(response.toBytes());
        }
    }

    /**
     * Leaves the lane's tables for an entry of its {@link CompletedTable}, which answers
     * retransmissions with {@code finalResponse} until Timer J; answers the entry's number.
     */
    private long moveToTable(byte[] finalResponse) {
        MergeKey origin = null;
        if (!lane.origins.isEmpty() && request.toTag().isEmpty()) {
            MergeKey candidate = MergeKey.of(request);
            if (lane.origins.remove(candidate, this)) {
                origin = candidate;
            }
        }
        lane.servers.remove(key, this);
        return lane.completed.add(key, origin, finalResponse, source, layer.config().timeoutMillis());
    }

    /** TERMINATED once the entry that took the machine's place ended (Timer J, transport error). */
    @Override
    public TransactionState state() {
        return completed >= 0 && lane.completed.ended(completed) ? TransactionState.TERMINATED : state;
    }

    @Override
    boolean isAnswered() {
        return state == TransactionState.COMPLETED || state == TransactionState.TERMINATED;
    }

    @Override
    void cancelTimers() {
        // No timer of its own: Timer J runs in the CompletedTable that takes the machine's place.
    }
}
