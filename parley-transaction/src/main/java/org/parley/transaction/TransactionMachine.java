package org.parley.transaction;

import org.parley.message.SipRequest;

/**
 * What the four transaction machines of RFC 3261 §17 hold and do alike: their layer and lane, the
 * request that made them, their matching key (§17.1.3, §17.2.3), whether their transport is
 * reliable (which turns retransmissions off and the absorbing timers D, I, J, K to zero) and their
 * state; and how they end: TERMINATED, no timer left, out of the lane's table, so their memory can
 * go. {@link ClientMachine} and {@link ServerMachine} add what each side holds; the four final
 * classes keep one method per state and event, as the figures draw them.
 *
 * <p>Confined to the transaction's lane.
 */
abstract class TransactionMachine {
    final TransactionLayer layer;
    final LaneState lane;
    final SipRequest request;
    final TransactionKey key;
    final boolean reliable;
    TransactionState state;
    /** When the machine was made, on the lane's clock ({@link Lane#nanoTime()}), for {@link TransactionObserver}. */
    final long startNanos;

    TransactionMachine(TransactionLayer layer, LaneState lane, SipRequest request, TransactionKey key,
            boolean reliable, TransactionState first) {
        this.layer = layer;
        this.lane = lane;
        this.request = request;
        this.key = key;
        this.reliable = reliable;
        this.state = first;
        this.startNanos = lane.lane.nanoTime();
    }

    /** The request that created the transaction. */
    public final SipRequest request() {
        return request;
    }

    /** The matching key. */
    public final TransactionKey key() {
        return key;
    }

    /** Where the machine is. */
    public TransactionState state() {
        return state;
    }

    /** Enters TERMINATED: cancels every timer and leaves the lane's table. */
    final void terminate() {
        state = TransactionState.TERMINATED;
        cancelTimers();
        leaveTable();
    }

    /**
     * The transport could not send what the machine gave it (RFC 3261 §17.1.4, §17.2.4): the
     * request or the ACK of a client, the response of a server. Called on the lane.
     */
    abstract void transportFailed(Throwable cause);

    /** Cancels every timer the machine may have scheduled. */
    abstract void cancelTimers();

    /** Removes the machine from its lane's table. */
    abstract void leaveTable();
}
