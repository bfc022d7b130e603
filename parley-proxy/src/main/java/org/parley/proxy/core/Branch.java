package org.parley.proxy.core;

import org.parley.message.SipRequest;
import org.parley.message.SipResponse;
import org.parley.transaction.ClientTransaction;
import org.parley.transaction.LaneTimer;

/**
 * One branch of a response context (RFC 3261 §16.6, §16.7): the copy of the request sent to one
 * target, its client transaction, and what the proxy knows of it. Confined to the Call-ID's lane.
 *
 * <pre>
 *   LOCATING ──located──► SENT ──1xx──► PROCEEDING ──final──► DONE
 *      │                    └────────────final──────────────────▲
 *      └──cancelled / not locatable (local final)───────────────┘
 * </pre>
 */
final class Branch {
    /** Where a branch is. */
    enum State { LOCATING, SENT, PROCEEDING, DONE }

    final int index;
    final Destination destination;
    State state = State.LOCATING;
    /** The copy as sent; null while locating. */
    SipRequest sent;
    ClientTransaction transaction;
    /** The final response kept for §16.7 step 6; null until one. */
    SipResponse finalResponse;
    /** True when {@link #finalResponse} was made here (a timeout, a location failure), not received. */
    boolean localFinal;
    /** A CANCEL is wanted but must wait for a provisional response (§9.1). */
    boolean cancelWanted;
    boolean cancelSent;
    /** Timer C (§16.6 step 11), INVITE only; null otherwise. */
    LaneTimer timerC;

    Branch(int index, Destination destination) {
        this.index = index;
        this.destination = destination;
    }

    boolean isPending() {
        return state != State.DONE;
    }

    @Override
    public String toString() {
        return "branch " + index + " " + state + " to " + destination.requestUri();
    }
}
