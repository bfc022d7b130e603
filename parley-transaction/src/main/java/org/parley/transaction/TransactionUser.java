package org.parley.transaction;

import org.parley.message.SipRequest;
import org.parley.message.SipResponse;
import org.parley.transport.Source;

/**
 * The layer above the transactions (SPI): the UA core, the proxy core or the registrar. Called on
 * the lane of the message's Call-ID: implementations must not block, and may answer at once.
 */
public interface TransactionUser {
    /**
     * A new request, with the server transaction that will carry its answers. Never an ACK (see
     * {@link #onStray}); a CANCEL gets its own transaction here (RFC 3261 §9.2).
     */
    void onRequest(ServerTransaction transaction, SipRequest request);

    /**
     * Offered each request that matches no server transaction, before the layer makes one (never an
     * ACK: see {@link #onStray}). Returning true takes the request without a transaction: the layer
     * makes none, keeps nothing, and offers a retransmission again, as a stateless proxy needs (RFC 3261
     * §16.11). The default takes nothing, so every request gets its server transaction.
     */
    default boolean relayStatelessly(SipRequest request, Source source) {
        return false;
    }

    /**
     * A CANCEL for an INVITE server transaction still open (RFC 3261 §9.2), with the CANCEL's own
     * transaction. The default is what a user agent server does: 200 to the CANCEL, then 487 to the
     * INVITE unless it was already answered finally. A proxy overrides it to cancel its branches
     * (§16.10).
     */
    default void onCancel(ServerTransaction cancel, ServerTransaction invite) {
        cancel.respond(SipResponse.responseTo(cancel.request(), 200).build());
        if (invite.state() == TransactionState.PROCEEDING) {
            invite.respond(SipResponse.responseTo(invite.request(), 487).build());
        }
    }

    /**
     * An ACK that matches no INVITE server transaction: the ACK for a 2xx, which the core handles
     * itself (RFC 3261 §17.2.3, RFC 6026 §7.1). The default drops it.
     */
    default void onStray(SipRequest ack, Source source) {
        // Dropped: a user-agent core without dialogs has nothing to do with it.
    }

    /** A response matching no client transaction (RFC 3261 §17.1.3, §18.1.2). The default drops it. */
    default void onStray(SipResponse response, Source source) {
        // Dropped: RFC 3261 §18.1.2 says such a response is discarded unless a proxy core wants it.
    }
}
