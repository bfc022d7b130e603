package org.parley.transaction;

import org.parley.message.SipRequest;

/**
 * What a lane's server table holds under a transaction key (RFC 3261 §17.2.3): a live server
 * machine. (A non-INVITE one that sent its final response over an unreliable transport leaves the
 * table for the lane's {@link CompletedTable} until Timer J.) Confined to the lane.
 */
interface ServerEntry {
    /** A request matched the entry: a retransmission, or an ACK for an INVITE. */
    void onRequest(SipRequest matched);
}
