package org.parley.transaction;

import org.parley.message.SipResponse;

/** What the layer asks of a client transaction's machine, on its lane. */
interface ClientMachine extends ClientTransaction {
    /** Enters the first state and sends the request. */
    void start();

    /** A response matched the transaction (RFC 3261 §17.1.3). */
    void onResponse(SipResponse response);

    /** The transport could not send the request (§17.1.4). */
    void transportFailed(Throwable cause);

    /** True once any response from the target matched the transaction (it was reached). */
    boolean hasResponse();
}
