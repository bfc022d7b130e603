package org.parley.transaction;

import java.util.concurrent.atomic.LongAdder;

/** The transaction layer's counters (STYLE.md §8: every retransmission, timeout and drop counts). Thread-safe. */
public final class TransactionStats {
    final LongAdder clientTransactions = new LongAdder();
    final LongAdder serverTransactions = new LongAdder();
    final LongAdder retransmissions = new LongAdder();
    final LongAdder timeouts = new LongAdder();
    final LongAdder transportErrors = new LongAdder();
    final LongAdder strays = new LongAdder();
    final LongAdder unreadable = new LongAdder();
    final LongAdder refusedResponses = new LongAdder();
    final LongAdder failovers = new LongAdder();
    final LongAdder mergedRequests = new LongAdder();
    final LongAdder statelessRequests = new LongAdder();

    /** Client transactions started. */
    public long clientTransactions() {
        return clientTransactions.sum();
    }

    /** Server transactions created. */
    public long serverTransactions() {
        return serverTransactions.sum();
    }

    /** Requests and responses sent again: on Timers A, E, G, or for a retransmitted request. */
    public long retransmissions() {
        return retransmissions.sum();
    }

    /** Client transactions ended by Timer B or F (a synthetic 408 to the user). */
    public long timeouts() {
        return timeouts.sum();
    }

    /** Sends the transport refused or failed. */
    public long transportErrors() {
        return transportErrors.sum();
    }

    /** Messages that matched no transaction and were handed to the user's stray handlers. */
    public long strays() {
        return strays.sum();
    }

    /** Messages whose Call-ID, CSeq or Via could not be read (requests answered 400 where possible). */
    public long unreadable() {
        return unreadable.sum();
    }

    /** Responses the user tried to send after the final one. */
    public long refusedResponses() {
        return refusedResponses.sum();
    }

    /** Client transactions that failed (timeout or transport error) and went on to the next RFC 3263 target. */
    public long failovers() {
        return failovers.sum();
    }

    /** Merged requests (RFC 3261 §8.2.2.2) answered 482 by the layer. */
    public long mergedRequests() {
        return mergedRequests.sum();
    }

    /** Requests the user took without a transaction (RFC 3261 §16.11, {@code TransactionUser.relayStatelessly}). */
    public long statelessRequests() {
        return statelessRequests.sum();
    }
}
