package org.parley.ua;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.parley.message.Method;
import org.parley.message.SipRequest;
import org.parley.message.SipResponse;
import org.parley.message.header.Address;
import org.parley.sdp.SessionDescription;
import org.parley.sdp.offeranswer.OfferAnswer;
import org.parley.ua.dialog.DialogId;

/**
 * One call, placed with {@link UserAgent#call} or received through {@link UserAgent#onIncomingCall}:
 * an INVITE dialog (RFC 3261 §12-15) and its negotiated session (RFC 3264). Its {@link #state()}
 * goes CALLING → EARLY → ESTABLISHED → ENDED ({@link CallState}); futures tell when it is answered,
 * established and ended; methods hang up, hold and resume, re-INVITE, and send INFO and OPTIONS
 * within the dialog.
 *
 * <p>Thread-safe: every method may be called from any thread; the work happens on the lane of the
 * call's Call-ID. Futures complete, and listeners run, on the user agent's callback executor, where
 * code may block. The SDP getters show the latest negotiated state.
 */
public final class Call {
    private final InviteSession session;

    Call(InviteSession session) {
        this.session = session;
    }

    /** The Call-ID of the call's dialog. */
    public String callId() {
        return session.callId;
    }

    /** True when this user agent placed the call. */
    public boolean isOutgoing() {
        return session.outgoing;
    }

    /** Where the call stands now. */
    public CallState state() {
        return session.state();
    }

    /** The other party: the To of an outgoing call, the From of an incoming one (without tag). */
    public Address remoteParty() {
        return session.remoteParty().withoutParameter("tag");
    }

    /** This side's current session description: the offer or answer it sent last that took effect. */
    public Optional<SessionDescription> localSdp() {
        return session.localSdp();
    }

    /** The peer's current session description. */
    public Optional<SessionDescription> remoteSdp() {
        return session.remoteSdp();
    }

    /**
     * The early dialogs the INVITE made so far, one per fork that sent a provisional response with a
     * To tag (RFC 3261 §12.1.2); the call follows the one that answers with a 2xx.
     */
    public List<DialogId> earlyDialogs() {
        return session.earlyDialogs();
    }

    /**
     * The INVITE's final response, whatever its status (received for an outgoing call, sent for an
     * incoming one; 487 after a CANCEL). Fails with {@link CallEndedException} when the call ended
     * without one (e.g. the INVITE could not be sent).
     */
    public CompletableFuture<SipResponse> answered() {
        return session.answered.copy();
    }

    /**
     * Completes when the session is up (the ACK for the 2xx sent, or received); fails with
     * {@link CallEndedException} when the call ends first.
     */
    public CompletableFuture<Call> established() {
        return session.established.copy();
    }

    /** Completes when the call is over, with why; after a BYE of this side, once the BYE was answered. */
    public CompletableFuture<CallEnd> ended() {
        return session.ended.copy();
    }

    /**
     * Ends the call as its state allows (RFC 3261 §15): CANCEL before the final response of an
     * outgoing call (sent once a provisional response came, §9.1; a 2xx crossing it is ACKed and
     * ended with BYE), 603 to an incoming call not answered yet, BYE once answered. Idempotent.
     */
    public void hangup() {
        session.calls.transactions.execute(session.callId, session::hangup);
    }

    /**
     * Puts the peer on hold with a re-INVITE (RFC 3264 §8.4): each stream that was sendrecv becomes
     * sendonly, recvonly becomes inactive, the origin version goes up. Completes with the final
     * response; on a non-2xx (e.g. 488) the session stays as it was (RFC 3261 §14.1).
     */
    public CompletableFuture<SipResponse> hold() {
        CompletableFuture<SipResponse> result = new CompletableFuture<>();
        session.calls.transactions.execute(session.callId, () -> session.reinvite(
                OfferAnswer.hold(session.currentLocal()), Boolean.TRUE, result));
        return result;
    }

    /** Takes the peer off hold with a re-INVITE whose streams are sendrecv again (RFC 3264 §8.4). */
    public CompletableFuture<SipResponse> resume() {
        CompletableFuture<SipResponse> result = new CompletableFuture<>();
        session.calls.transactions.execute(session.callId, () -> session.reinvite(
                OfferAnswer.resume(session.currentLocal()), Boolean.FALSE, result));
        return result;
    }

    /**
     * Sends a re-INVITE with {@code offer} (RFC 3261 §14.1); its origin version is set one above
     * the current local one (RFC 3264 §8). A 491 (glare) is retried after the §14.1 back-off.
     * Completes with the final response; fails with IllegalStateException when the call is not
     * established or another offer/answer exchange is in progress.
     */
    public CompletableFuture<SipResponse> reinvite(SessionDescription offer) {
        Objects.requireNonNull(offer, "offer");
        CompletableFuture<SipResponse> result = new CompletableFuture<>();
        session.calls.transactions.execute(session.callId, () -> session.reinvite(offer, null, result));
        return result;
    }

    /** Sends INFO with this body within the dialog (RFC 6086) and completes with the final response. */
    public CompletableFuture<SipResponse> info(String contentType, byte[] body) {
        Objects.requireNonNull(contentType, "contentType");
        byte[] copy = Objects.requireNonNull(body, "body").clone();
        CompletableFuture<SipResponse> result = new CompletableFuture<>();
        session.calls.transactions.execute(session.callId, () -> session.sendInDialog(Method.INFO, contentType,
                copy, result));
        return result;
    }

    /** Sends OPTIONS within the dialog (RFC 3261 §11) and completes with the final response. */
    public CompletableFuture<SipResponse> options() {
        CompletableFuture<SipResponse> result = new CompletableFuture<>();
        session.calls.transactions.execute(session.callId, () -> session.sendInDialog(Method.OPTIONS, null, null,
                result));
        return result;
    }

    /**
     * Called for each provisional response to an outgoing call's INVITE (with the early media SDP
     * when a 18x carries one). Replaces the earlier listener; set it in {@link CallOptions} to be
     * sure to see the first.
     */
    public void onProvisional(Consumer<ProvisionalResponse> listener) {
        session.provisionalListener = Objects.requireNonNull(listener, "listener");
    }

    /** Called with each re-INVITE received and accepted; {@link #remoteSdp()} is already the new offer. */
    public void onReinvite(Consumer<SipRequest> listener) {
        session.reinviteListener = Objects.requireNonNull(listener, "listener");
    }

    /** Called with each INFO received within the dialog (answered 200 already, RFC 6086 §4.2.2). */
    public void onInfo(Consumer<SipRequest> listener) {
        session.infoListener = Objects.requireNonNull(listener, "listener");
    }

    @Override
    public String toString() {
        return "Call[" + session.callId + " " + session.state() + "]";
    }
}
