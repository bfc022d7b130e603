package org.parley.ua;

import org.parley.message.SipResponse;
import org.parley.transaction.LaneTimer;
import org.parley.transaction.ServerTransaction;

/**
 * A 2xx this side sent to an INVITE (initial or re-INVITE), waiting for its ACK: the UAS core
 * retransmits it at T1, doubling up to T2, until the ACK arrives; after 64·T1 without one the
 * session is ended with BYE (RFC 3261 §13.3.1.4; RFC 6026 §8.7 keeps the server transaction in
 * Accepted, passing the retransmissions through). The retransmissions go on over reliable
 * transports as well, since a proxy further on may forward them over UDP.
 *
 * <p>Confined to the lane of the call's Call-ID.
 */
final class AcceptedAnswer {
    private final InviteSession session;
    private final ServerTransaction transaction;
    private final SipResponse ok;
    private final boolean answerInAck;
    private final LaneTimer timer;
    private final long t1;
    private final long t2;
    private long interval;
    private long elapsed;

    AcceptedAnswer(InviteSession session, ServerTransaction transaction, SipResponse ok, boolean answerInAck) {
        this.session = session;
        this.transaction = transaction;
        this.ok = ok;
        this.answerInAck = answerInAck;
        this.timer = session.calls.transactions.newTimer(session.callId, "2xx retransmission", this::fire);
        this.t1 = session.calls.transactions.config().t1Millis();
        this.t2 = session.calls.transactions.config().t2Millis();
    }

    /** The 2xx. */
    SipResponse ok() {
        return ok;
    }

    /** True when the 2xx carried the offer, so the ACK must carry the answer (RFC 3264 §4). */
    boolean answerInAck() {
        return answerInAck;
    }

    void start() {
        interval = t1;
        timer.start(interval);
    }

    void stop() {
        timer.cancel();
    }

    private void fire() {
        elapsed += interval;
        long limit = 64 * t1;
        if (elapsed >= limit) {
            session.onNoAck(this);
            return;
        }
        transaction.respond(ok);
        // RFC 3261 §13.3.1.4: the interval doubles up to T2; the last wait ends at 64·T1.
        interval = Math.min(Math.min(interval * 2, t2), limit - elapsed);
        timer.start(interval);
    }
}
