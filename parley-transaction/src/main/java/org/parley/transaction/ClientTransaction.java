package org.parley.transaction;

import org.parley.message.SipRequest;
import org.parley.transport.resolve.Target;

/**
 * A request this element sent and the responses it is waiting for (RFC 3261 §17.1). Made by
 * {@link TransactionLayer#send}. Confined to its lane: read its state from the
 * {@link ResponseListener} or another task on that lane.
 */
public interface ClientTransaction {
    /** The request as sent (with the Via branch that identifies the transaction). */
    SipRequest request();

    /** Where the request went. */
    Target target();

    /** The matching key (RFC 3261 §17.1.3). */
    TransactionKey key();

    /** Where the transaction's machine is. */
    TransactionState state();
}
