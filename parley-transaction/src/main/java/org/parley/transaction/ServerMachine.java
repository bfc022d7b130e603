package org.parley.transaction;

import org.parley.message.SipRequest;

/** What the layer asks of a server transaction's machine, on its lane. */
interface ServerMachine extends ServerTransaction {
    /** A request matched the transaction (RFC 3261 §17.2.3): a retransmission, or an ACK for an INVITE. */
    void onRequest(SipRequest request);

    /** The transport could not send a response (§17.2.4). */
    void transportFailed(Throwable cause);

    /** True once a final response was sent. */
    boolean isAnswered();
}
