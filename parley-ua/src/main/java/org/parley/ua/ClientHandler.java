package org.parley.ua;

import org.parley.message.SipResponse;

/**
 * What {@link Outbound#send} reports about one request: every response its client transactions
 * deliver (provisional, final, and for an INVITE the 2xx retransmissions and 2xx of other forks,
 * RFC 6026 §8.4), except the 401/407 it answered itself by sending the request again; or that the
 * request could not be sent at all (the next hop did not resolve, a bad URI).
 */
interface ClientHandler {
    /** A response, on the lane of the request's Call-ID; must not block. */
    void onResponse(Exchange exchange, SipResponse response);

    /** The request never left: {@code error} says why (e.g. a LocationException). Any thread. */
    void onFailure(Throwable error);

    /**
     * The request went out as {@code exchange} now holds it (first send or an authentication
     * retry), on the lane of its Call-ID: lets a usage learn the Contact and CSeq actually sent.
     */
    default void onSent(Exchange exchange) {
        // Most handlers need only the responses.
    }
}
