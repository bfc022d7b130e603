package org.parley.transaction;

import org.parley.message.SipRequest;
import org.parley.message.SipResponse;
import org.parley.transport.Source;

/**
 * A request this element received and must answer (RFC 3261 §17.2). Handed to the
 * {@link TransactionUser}; retransmissions of the request never reach the user, the transaction
 * answers them. Confined to its lane; {@link #respond} may be called from any thread and is
 * carried to the lane.
 */
public interface ServerTransaction {
    /** The request that created the transaction (top Via stamped with received/rport). */
    SipRequest request();

    /** Where the request came from; responses go back the way RFC 3261 §18.2.2 says. */
    Source source();

    /** The matching key (RFC 3261 §17.2.3). */
    TransactionKey key();

    /** Where the transaction's machine is. */
    TransactionState state();

    /**
     * Sends a response to the request: provisional ones while no final one was sent, then exactly
     * one final response. A response once the transaction is completed is refused with a log line
     * (RFC 3261 §17.2.2: the final response is the last the transaction sends).
     */
    void respond(SipResponse response);
}
