package org.parley.transaction;

import org.parley.message.SipRequest;
import org.parley.transport.Source;

/**
 * A non-INVITE server transaction in Completed over an unreliable transport (RFC 3261 §17.2.2,
 * Figure 8), reduced to what that state needs: the key retransmissions match, the final response's
 * wire bytes to send again, where to send them, and Timer J (64·T1). Nothing else of the state
 * machine is used there, and the request — the largest part of a transaction — is not.
 *
 * <p>Why: a registrar answering 10,000 REGISTERs a second over UDP holds 320,000 such transactions
 * at any time (Timer J is 32 s). Kept whole, each holds its parsed request (about 2,000 bytes in
 * all, {@code TransactionFootprint register}); young collections copy them to the old generation
 * and p99 latency suffers (docs/BENCHMARKS.md, registrar). The machine points to this entry, not
 * the other way round: a user that still holds the machine reads TERMINATED from it once the entry
 * ends, and later responses are refused as before.
 *
 * <p>Confined to its lane.
 */
final class CompletedNonInvite implements ServerEntry {
    private final TransactionLayer layer;
    private final LaneState lane;
    private final TransactionKey key;
    private final byte[] finalResponse;
    private final Source source;
    /** The entry in the lane's merged-request table (RFC 3261 §8.2.2.2) it took over, or null. */
    private final MergeKey origin;
    private final Alarm timerJ = new Alarm("J", this::terminate);
    private boolean terminated;

    private CompletedNonInvite(TransactionLayer layer, LaneState lane, TransactionKey key, byte[] finalResponse,
            Source source, MergeKey origin) {
        this.layer = layer;
        this.lane = lane;
        this.key = key;
        this.finalResponse = finalResponse;
        this.source = source;
        this.origin = origin;
    }

    /**
     * Puts the compact entry in {@code machine}'s place in the lane's tables and starts Timer J; the
     * machine is out of the tables from then on.
     */
    static CompletedNonInvite replace(NonInviteServerTransaction machine, byte[] finalResponse, long timerJMillis) {
        LaneState lane = machine.lane;
        MergeKey origin = null;
        if (!lane.origins.isEmpty() && machine.request.toTag().isEmpty()) {
            MergeKey candidate = MergeKey.of(machine.request);
            if (lane.origins.get(candidate) == machine) {
                origin = candidate;
            }
        }
        CompletedNonInvite entry = new CompletedNonInvite(machine.layer, lane, machine.key, finalResponse,
                machine.source, origin);
        lane.servers.replace(machine.key, machine, entry);
        if (origin != null) {
            lane.origins.put(origin, entry);
        }
        lane.schedule(entry.timerJ, timerJMillis);
        return entry;
    }

    /** True once Timer J fired or the transport failed. */
    boolean isTerminated() {
        return terminated;
    }

    /** §17.2.2: "any retransmissions of the request ... the server transaction MUST pass the final response". */
    @Override
    public void onRequest(SipRequest retransmission) {
        layer.retransmitResponse(lane, this::terminate, finalResponse, source, key);
    }

    /** Timer J fired, or the transport could not send (§17.2.4): the transaction is over. */
    private void terminate() {
        terminated = true;
        lane.timers().cancel(timerJ);
        lane.servers.remove(key, this);
        if (origin != null) {
            lane.origins.remove(origin, this);
        }
    }

    @Override
    public String toString() {
        return "server " + key + " COMPLETED";
    }
}
