package org.parley.transaction;

import org.parley.message.SipResponse;

/**
 * Receives the responses of one client transaction (SPI): provisional and final responses as they
 * arrive, and the synthetic ones of RFC 3261 §8.1.3.1 — a 408 when the transaction times out
 * (Timer B or F), a 503 when the transport cannot send the request. Called on the transaction's
 * lane: it must not block.
 */
@FunctionalInterface
public interface ResponseListener {
    /** One response for {@code transaction}; {@link ClientTransaction#state()} is already updated. */
    void onResponse(ClientTransaction transaction, SipResponse response);
}
