package org.parley.ua;

import java.util.concurrent.CompletableFuture;
import org.parley.message.Method;
import org.parley.message.SipRequest;
import org.parley.message.SipResponse;
import org.parley.sdp.SdpParseException;
import org.parley.sdp.SessionDescription;
import org.parley.transaction.LaneTimer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A re-INVITE this side sends within a call (RFC 3261 §14.1): an offer that changes the session
 * (hold, resume, new media). A 2xx brings the answer, which becomes the session, and gets its ACK
 * (again for each retransmission); a non-2xx leaves the session as it was. A 491 (glare: the peer
 * sent a re-INVITE at the same time) is retried after the §14.1 back-off: 2.1 to 4 s in 10 ms steps
 * for the owner of the Call-ID (the side that placed the call), 0 to 2 s for the other side, at
 * most {@link #MAX_GLARE_RETRIES} times.
 *
 * <p>Confined to the lane of the call's Call-ID.
 */
final class Reinvite implements ClientHandler {
    private static final Logger LOG = LoggerFactory.getLogger(Reinvite.class);
    /** Glares in a row before the 491 goes to the caller: enough for any real race, bounded. */
    static final int MAX_GLARE_RETRIES = 5;

    private final InviteSession session;
    private final SessionDescription offer;
    private final Boolean hold;
    private final CompletableFuture<SipResponse> result;
    private LaneTimer backoff;
    private Outbound.SentAck sentAck;
    private long cseq;
    private int glares;
    private boolean outstanding;
    private boolean done;

    Reinvite(InviteSession session, SessionDescription offer, Boolean hold, CompletableFuture<SipResponse> result) {
        this.session = session;
        this.offer = offer;
        this.hold = hold;
        this.result = result;
    }

    void send() {
        if (done || session.isEnded()) {
            return;
        }
        SipRequest request = session.dialog.newRequest(Method.INVITE).body(InviteSession.SDP, offer.toBytes()).build();
        cseq = request.cseq().number();
        outstanding = true;
        session.calls.outbound.send(request, this);
    }

    /** True while the re-INVITE waits for its final response (not while it backs off). */
    boolean isOutstanding() {
        return outstanding;
    }

    @Override
    public void onResponse(Exchange exchange, SipResponse response) {
        int status = response.statusCode();
        if (status < 200) {
            return;
        }
        if (done) {
            onStray(response);
            return;
        }
        // Still outstanding while the dialog looks at it: a 481 that ends the call must not abort it.
        session.afterResponseInDialog(response);
        outstanding = false;
        if (response.statusClass() == 2) {
            onSuccess(exchange.request(), response);
        } else if (status == 491 && glares < MAX_GLARE_RETRIES && !session.isEnded()) {
            glares++;
            long delay = backoffMillis();
            LOG.debug("call {}: re-INVITE glare, retrying in {} ms (RFC 3261 §14.1)", session.callId, delay);
            if (backoff == null) {
                backoff = session.calls.transactions.newTimer(session.callId, "491 back-off", this::send);
            }
            backoff.start(delay);
        } else {
            // RFC 3261 §14.1: a non-2xx final response leaves the session unchanged.
            finish(response, null);
        }
    }

    /** RFC 3261 §14.1: the owner of the Call-ID waits 2.1-4 s, the other side 0-2 s, in 10 ms units. */
    private long backoffMillis() {
        var random = session.calls.random();
        return session.outgoing ? 2100 + 10L * random.nextInt(191) : 10L * random.nextInt(201);
    }

    private void onSuccess(SipRequest reinviteSent, SipResponse response) {
        SessionDescription answer = null;
        try {
            if (!response.hasBody()) {
                throw new SdpParseException("the 2xx carries no answer", -1, '\0');
            }
            answer = InviteSession.sdpOf(response);
        } catch (SdpParseException e) {
            LOG.debug("call {}: 2xx to the re-INVITE without usable answer, session kept: {}", session.callId,
                    e.getMessage());
        }
        // RFC 3261 §14.1, §13.2.2.4: the 2xx of a re-INVITE is ACKed within the dialog, with the
        // credentials the re-INVITE carried when it was challenged (§22).
        SipRequest ack = session.dialog.ack(response);
        session.calls.outbound.sendAck(ack, reinviteSent).whenComplete((sent, error) -> session.calls.transactions
                .execute(session.callId, () -> sentAck = sent));
        finish(response, answer);
    }

    private void finish(SipResponse response, SessionDescription answer) {
        done = true;
        session.reinviteDone(this, offer, answer, hold);
        session.keepForRetransmissions(this);
        session.events.deliver(() -> result.complete(response));
    }

    @Override
    public void onFailure(Throwable error) {
        session.calls.transactions.execute(session.callId, () -> {
            outstanding = false;
            done = true;
            session.reinviteDone(this, offer, null, hold);
            session.events.deliver(() -> result.completeExceptionally(error));
        });
    }

    /** The call ended: a re-INVITE waiting to be retried is given up. */
    void abort(CallEnd why) {
        if (backoff != null) {
            backoff.cancel();
        }
        if (!done && !outstanding) {
            done = true;
            session.events.deliver(() -> result.completeExceptionally(new CallEndedException(why)));
        }
    }

    /** A retransmitted 2xx of this re-INVITE gets the same ACK again (RFC 3261 §13.2.2.4). */
    void onStray(SipResponse response) {
        if (response.statusClass() == 2 && response.cseq().number() == cseq && sentAck != null) {
            session.calls.outbound.resendAck(sentAck);
        }
    }
}
