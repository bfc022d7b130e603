package org.parley.ua;

import org.parley.message.SipRequest;
import org.parley.message.SipResponse;
import org.parley.transaction.ServerTransaction;
import org.parley.transport.Source;

/**
 * What owns a dialog in this user agent (an INVITE usage: a call; later a subscription), as the
 * inbound dispatcher sees it (RFC 3261 §12.2.2, RFC 5057 usages). Every method runs on the lane of
 * the dialog's Call-ID and must not block.
 */
interface DialogUsage {
    /** A request within the dialog (To tag ours), other than ACK and CANCEL. */
    void onRequest(ServerTransaction transaction, SipRequest request);

    /** The ACK for a 2xx this side sent (RFC 3261 §13.3.1.4); no transaction carries it. */
    void onAck(SipRequest ack, Source source);

    /**
     * A request of this dialog went out again with a higher CSeq {@code number}, answering a
     * challenge (RFC 3261 §22.2): the usage's dialog must count on from it.
     */
    void onSentSequence(long number);

    /** A response no client transaction matched, e.g. a 2xx retransmitted after Timer M (§13.2.2.4). */
    default void onStrayResponse(SipResponse response) {
        // Most usages have nothing to do with it.
    }
}
