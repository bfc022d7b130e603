package org.parley.transaction;

/**
 * The states of the four transaction machines of RFC 3261 §17 (Figures 5–8) with RFC 6026's
 * Accepted state. A closed set fixed by the RFCs, hence an enum.
 */
public enum TransactionState {
    /** INVITE client, request sent, nothing heard (Figure 5). */
    CALLING,
    /** Non-INVITE client or server, before any response (Figures 6, 8). */
    TRYING,
    /** A provisional response was received or sent. */
    PROCEEDING,
    /** RFC 6026 §7.1/§7.2: a 2xx to an INVITE was received or sent; 2xx retransmissions are the user's. */
    ACCEPTED,
    /** A final response was received or sent; retransmissions are absorbed or repeated. */
    COMPLETED,
    /** INVITE server, the ACK for a non-2xx final response arrived (Figure 7). */
    CONFIRMED,
    /** Finished: the transaction has left the table and holds no timer. */
    TERMINATED
}
