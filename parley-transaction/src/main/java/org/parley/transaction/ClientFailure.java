package org.parley.transaction;

import org.parley.message.SipResponse;

/**
 * What happens when a client transaction ends without a final response from its target: Timer B
 * or F fired (a synthetic 408) or the transport could not send the request (a synthetic 503), as
 * RFC 3261 §8.1.3.1 and §17.1.4 say. A plain transaction hands the synthetic response to its
 * listener; a {@link FailoverClientTransaction} tries the next RFC 3263 target first. Called on
 * the transaction's lane, after the transaction terminated.
 */
@FunctionalInterface
interface ClientFailure {
    /** {@code tx} failed; {@code synthetic} is the 408 or 503 its user would see. */
    void failed(ClientMachine tx, SipResponse synthetic);
}
