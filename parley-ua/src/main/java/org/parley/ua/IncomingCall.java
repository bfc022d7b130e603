package org.parley.ua;

import java.util.Objects;
import java.util.Optional;
import org.parley.message.SipRequest;
import org.parley.message.header.Address;
import org.parley.sdp.SessionDescription;

/**
 * A call arriving (RFC 3261 §13.3), handed to the handler of {@link UserAgent#onIncomingCall}: ring,
 * answer or reject it. Its offer was already checked: an INVITE whose SDP did not parse or had no
 * stream in common with the local media capabilities was refused 488 without reaching the handler.
 * Until answered or rejected the caller may cancel it: {@link Call#ended()} then says CANCELLED.
 *
 * <p>Thread-safe; each method hops onto the call's lane. Answering twice, or after a reject or a
 * CANCEL, does nothing.
 */
public final class IncomingCall {
    private final InviteSession session;
    private final SipRequest invite;

    IncomingCall(InviteSession session) {
        this.session = session;
        this.invite = session.uas.invite();
    }

    /** The call, for its futures, listeners and later hangup. */
    public Call call() {
        return session.call;
    }

    /** Who calls (From, without tag). */
    public Address from() {
        return invite.from().withoutParameter("tag");
    }

    /** Whom the call is for (To). */
    public Address to() {
        return invite.to();
    }

    /** The INVITE as received. */
    public SipRequest request() {
        return invite;
    }

    /** The caller's SDP offer; empty when the INVITE had none (this side offers in its 2xx). */
    public Optional<SessionDescription> offer() {
        return session.remoteSdp();
    }

    /** Sends 180 Ringing, which makes the early dialog (RFC 3261 §13.3.1.1). */
    public void ring() {
        session.calls.transactions.execute(session.callId, () -> session.uas.ring());
    }

    /**
     * Answers 200 with the SDP answer made from the user agent's media capabilities by RFC 3264
     * offer/answer (or an offer from them when the INVITE had none; the answer comes in the ACK).
     * The 200 is retransmitted until the ACK arrives; no ACK within 64·T1 ends the call with BYE
     * (RFC 3261 §13.3.1.4).
     */
    public void answer() {
        session.calls.transactions.execute(session.callId, () -> session.uas.answer(null));
    }

    /** Answers 200 with {@code sdp}: the answer to the offer, or the offer when the INVITE had none. */
    public void answer(SessionDescription sdp) {
        Objects.requireNonNull(sdp, "sdp");
        session.calls.transactions.execute(session.callId, () -> session.uas.answer(sdp));
    }

    /**
     * Refuses the call with {@code status} (300-699, e.g. 486 Busy Here, 603 Decline).
     *
     * @throws IllegalArgumentException when the status is not 300..699
     */
    public void reject(int status) {
        if (status < 300 || status > 699) {
            throw new IllegalArgumentException("a call is rejected with 300..699, was " + status);
        }
        session.calls.transactions.execute(session.callId, () -> session.uas.reject(status, reasonFor(status)));
    }

    private static String reasonFor(int status) {
        return switch (status) {
            case 486 -> "Busy Here";
            case 480 -> "Temporarily Unavailable";
            case 600 -> "Busy Everywhere";
            case 603 -> "Decline";
            case 488 -> "Not Acceptable Here";
            default -> "Rejected";
        };
    }
}
