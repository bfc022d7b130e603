package org.parley.ua;

import org.parley.message.HeaderName;
import org.parley.message.ResponseBuilder;
import org.parley.message.SipRequest;
import org.parley.message.SipResponse;
import org.parley.sdp.SessionDescription;
import org.parley.sdp.offeranswer.OfferAnswer;
import org.parley.transaction.ServerTransaction;
import org.parley.ua.dialog.Dialog;

/**
 * The initial INVITE of an incoming call (RFC 3261 §13.3): ringing (a 180 that makes the early
 * dialog, §12.1.1), the 2xx with the SDP answer (or with the offer when the INVITE had none, the
 * answer then coming in the ACK, §13.3.1.4), a refusal, or the caller's CANCEL (487, §9.2). All
 * responses carry the one To tag of this side (§12.1.1).
 *
 * <p>Confined to the lane of the call's Call-ID.
 */
final class IncomingInvite {
    private final InviteSession session;
    private final ServerTransaction transaction;
    private final SipRequest invite;
    private final SessionDescription offer;
    private final SessionDescription preparedAnswer;
    private final String localTag = Identifiers.tag();
    private boolean answered;
    private boolean byeWhenAcked;

    /**
     * @param offer the INVITE's SDP offer, or null when it had none
     * @param preparedAnswer the answer to it from the local capabilities, or null
     */
    IncomingInvite(InviteSession session, ServerTransaction transaction, SipRequest invite, SessionDescription offer,
            SessionDescription preparedAnswer) {
        this.session = session;
        this.transaction = transaction;
        this.invite = invite;
        this.offer = offer;
        this.preparedAnswer = preparedAnswer;
    }

    void start() {
        session.calls.inbound.awaitCancel(transaction, cancelled -> onCancel());
        if (offer != null) {
            session.setRemoteSdp(offer);
        }
    }

    SipRequest invite() {
        return invite;
    }

    boolean isAnswered() {
        return answered;
    }

    /** Sends 180 Ringing, which makes the early dialog (RFC 3261 §12.1.1, §13.3.1.1). */
    void ring() {
        if (answered || session.isEnded()) {
            return;
        }
        SipResponse ringing = withContact(base(180, "Ringing")).build();
        if (session.dialog == null) {
            session.dialog = Dialog.asUas(invite, ringing);
            session.register();
            session.addEarlyDialog(session.dialog.id());
        }
        transaction.respond(ringing);
    }

    /**
     * Answers with 200 (RFC 3261 §13.3.1.4): with {@code sdp}, or when null with the answer made
     * from the local capabilities (or an offer from them when the INVITE had none).
     */
    void answer(SessionDescription sdp) {
        if (answered || session.isEnded()) {
            return;
        }
        boolean answerInAck = offer == null;
        SessionDescription body = sdp != null ? sdp
                : answerInAck ? OfferAnswer.createOffer(session.calls.media(false), session.sessionId) : preparedAnswer;
        session.setLocalSdp(body);
        SipResponse ok = withContact(base(200, "OK")).add(HeaderName.ALLOW, Capabilities.ALLOW)
                .body(InviteSession.SDP, body.toBytes()).build();
        Dialog dialog = session.dialog;
        if (dialog == null) {
            dialog = Dialog.asUas(invite, ok);
        } else {
            dialog.confirm(ok);
        }
        answered = true;
        session.calls.inbound.answered(transaction);
        session.confirmed(dialog);
        session.awaitAck(transaction, ok, answerInAck);
        transaction.respond(ok);
        session.completeAnswered(ok);
    }

    /** Refuses the call with a final error status (RFC 3261 §13.3.1.3). */
    void reject(int status, String reason) {
        if (answered || session.isEnded()) {
            return;
        }
        answered = true;
        session.calls.inbound.answered(transaction);
        SipResponse refusal = base(status, reason).build();
        transaction.respond(refusal);
        session.completeAnswered(refusal);
        session.terminate(new CallEnd(CallEnd.Reason.REJECTED, status, "refused here: " + reason), true);
    }

    /** RFC 3261 §9.2: the caller cancelled; the 200 to the CANCEL went, the INVITE gets 487. */
    private void onCancel() {
        if (answered || session.isEnded()) {
            return;
        }
        answered = true;
        SipResponse terminated = base(487, "Request Terminated").build();
        transaction.respond(terminated);
        session.completeAnswered(terminated);
        session.terminate(new CallEnd(CallEnd.Reason.CANCELLED, 487, "the caller cancelled"), true);
    }

    /** RFC 3261 §15.1.2: a BYE in the early dialog; the INVITE gets 487. */
    void byeBeforeAnswer() {
        answered = true;
        session.calls.inbound.answered(transaction);
        SipResponse terminated = base(487, "Request Terminated").build();
        transaction.respond(terminated);
        session.completeAnswered(terminated);
    }

    /** RFC 3261 §15: the callee hung up between its 2xx and the ACK; the BYE waits for the ACK. */
    void byeWhenAcked() {
        byeWhenAcked = true;
    }

    boolean wantsBye() {
        return byeWhenAcked;
    }

    /** The call ended: no CANCEL to wait for any more. */
    void ended() {
        session.calls.inbound.answered(transaction);
    }

    private ResponseBuilder base(int status, String reason) {
        // RFC 3261 §12.1.1: one To tag for every response of this side that makes or ends the dialog.
        return session.calls.inbound.answer(invite, status, reason)
                .set(HeaderName.TO, invite.to().withTag(localTag).toString());
    }

    /** RFC 3261 §12.1.1: a response that makes a dialog carries the Contact of this side. */
    private ResponseBuilder withContact(ResponseBuilder b) {
        return b.add(HeaderName.CONTACT, "<" + session.calls.contact(transaction, invite) + ">");
    }
}
