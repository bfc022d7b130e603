package org.parley.ua;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.parley.message.HeaderName;
import org.parley.message.Method;
import org.parley.message.RequestBuilder;
import org.parley.message.ResponseBuilder;
import org.parley.message.SipMessage;
import org.parley.message.SipRequest;
import org.parley.message.SipResponse;
import org.parley.message.header.Address;
import org.parley.message.header.MediaType;
import org.parley.sdp.SdpParseException;
import org.parley.sdp.SessionDescription;
import org.parley.sdp.offeranswer.AnswerResult;
import org.parley.sdp.offeranswer.OfferAnswer;
import org.parley.transaction.ServerTransaction;
import org.parley.transport.Source;
import org.parley.ua.dialog.Dialog;
import org.parley.ua.dialog.DialogId;
import org.parley.ua.dialog.DialogState;
import org.parley.ua.dialog.InDialogVerdict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The INVITE usage of one call (RFC 3261 §13-15, RFC 5057): its dialog, the offer/answer state
 * (RFC 3264), the requests received within the dialog, re-INVITEs both ways, and the end of the
 * call. The initial INVITE's two sides live beside it: {@link OutgoingInvite} (UAC, forking) and
 * {@link IncomingInvite} (UAS, ring/answer/reject); 2xx retransmission is {@link AcceptedAnswer},
 * an outgoing re-INVITE {@link Reinvite}.
 *
 * <p>Confined to the lane of its Call-ID: every method but the volatile getters runs there (the
 * public {@link Call} hops onto the lane with {@code execute}); futures complete and listeners run
 * on the callback executor. Session timers (RFC 4028) would live here: a refresh timer started on
 * the 2xx and a re-INVITE or UPDATE on expiry; not built yet.
 */
final class InviteSession implements DialogUsage {
    private static final Logger LOG = LoggerFactory.getLogger(InviteSession.class);
    static final String SDP = "application/sdp";

    final Calls calls;
    /** This call's callbacks, in the order its events happened (a 180 before the 200 before the end). */
    final Callbacks events;
    final String callId;
    final boolean outgoing;
    final Call call;
    final long sessionId;
    final CompletableFuture<SipResponse> answered = new CompletableFuture<>();
    final CompletableFuture<Call> established = new CompletableFuture<>();
    final CompletableFuture<CallEnd> ended = new CompletableFuture<>();
    volatile Consumer<ProvisionalResponse> provisionalListener;
    volatile Consumer<SipRequest> reinviteListener;
    volatile Consumer<SipRequest> infoListener;
    private volatile CallState state = CallState.CALLING;
    private volatile SessionDescription localSdp;
    private volatile SessionDescription remoteSdp;
    private volatile Address remoteParty;
    private volatile List<DialogId> earlyDialogs = List.of();

    /** The dialog the call follows: early, then confirmed; lane-confined like everything below. */
    Dialog dialog;
    OutgoingInvite uac;
    IncomingInvite uas;
    private final List<AcceptedAnswer> awaitingAck = new ArrayList<>();
    private Reinvite reinvite;
    /** The last re-INVITE that completed, kept to ACK its 2xx retransmissions. */
    private Reinvite lastReinvite;
    private boolean holding;
    private boolean registered;
    /** Decided on the lane, so that a completion and a failure never race on the callback executor. */
    private boolean answeredDecided;
    private boolean establishedDecided;
    private CallEnd end;

    InviteSession(Calls calls, String callId, boolean outgoing, Address remoteParty) {
        this.calls = calls;
        this.callId = callId;
        this.outgoing = outgoing;
        this.remoteParty = remoteParty;
        this.sessionId = calls.newSessionId();
        this.call = new Call(this);
        this.events = calls.callbacks.serial();
    }

    // ---- read from any thread

    CallState state() {
        return state;
    }

    Optional<SessionDescription> localSdp() {
        return Optional.ofNullable(localSdp);
    }

    Optional<SessionDescription> remoteSdp() {
        return Optional.ofNullable(remoteSdp);
    }

    Address remoteParty() {
        return remoteParty;
    }

    List<DialogId> earlyDialogs() {
        return earlyDialogs;
    }

    // ---- lane: state changes used by the INVITE's two sides

    void setLocalSdp(SessionDescription sdp) {
        this.localSdp = sdp;
    }

    void setRemoteSdp(SessionDescription sdp) {
        this.remoteSdp = sdp;
    }

    void addEarlyDialog(DialogId id) {
        List<DialogId> next = new ArrayList<>(earlyDialogs);
        next.add(id);
        earlyDialogs = List.copyOf(next);
        if (state == CallState.CALLING) {
            state = CallState.EARLY;
        }
    }

    boolean isEnded() {
        return end != null;
    }

    /** The dialog is confirmed and requests within it are ours from now on (RFC 3261 §12.2.2). */
    void confirmed(Dialog confirmedDialog) {
        this.dialog = confirmedDialog;
        this.remoteParty = confirmedDialog.remoteUri();
        register();
    }

    void register() {
        if (!registered && dialog != null) {
            calls.inbound.addDialog(dialog.id(), this);
            registered = true;
        }
    }

    /** The session is up: the ACK was sent (UAC) or received (UAS). */
    void establish() {
        if (end != null || state == CallState.ESTABLISHED) {
            return;
        }
        state = CallState.ESTABLISHED;
        establishedDecided = true;
        events.deliver(() -> established.complete(call));
    }

    void completeAnswered(SipResponse response) {
        if (answeredDecided) {
            return;
        }
        answeredDecided = true;
        events.deliver(() -> answered.complete(response));
    }

    void report(ProvisionalResponse provisional) {
        Consumer<ProvisionalResponse> l = provisionalListener;
        if (l != null) {
            events.deliver(() -> l.accept(provisional));
        }
    }

    /**
     * Ends the call: the dialog terminated and unregistered, timers stopped, futures failed or
     * completed. With {@code finishNow} false the {@link #ended} future waits for {@link #finish()}
     * (the BYE's response), so that a caller who waits on it knows the peer heard the BYE.
     */
    void terminate(CallEnd why, boolean finishNow) {
        if (end != null) {
            return;
        }
        end = why;
        state = CallState.ENDED;
        LOG.debug("call {} ended: {}", callId, why);
        if (dialog != null) {
            dialog.terminate();
            calls.inbound.removeDialog(dialog.id(), this);
        }
        for (AcceptedAnswer a : awaitingAck) {
            a.stop();
        }
        awaitingAck.clear();
        if (reinvite != null) {
            reinvite.abort(why);
        }
        if (uas != null) {
            uas.ended();
        }
        if (uac != null) {
            uac.ended();
        }
        if (!answeredDecided) {
            answeredDecided = true;
            events.deliver(() -> answered.completeExceptionally(new CallEndedException(why)));
        }
        if (!establishedDecided) {
            establishedDecided = true;
            events.deliver(() -> established.completeExceptionally(new CallEndedException(why)));
        }
        if (finishNow) {
            finish();
        }
    }

    /** Completes {@link #ended}; idempotent. */
    void finish() {
        CallEnd why = end;
        if (why != null) {
            events.deliver(() -> ended.complete(why));
        }
    }

    /**
     * Ends a confirmed dialog with BYE (RFC 3261 §15.1.1) and the call with {@code why}; the
     * {@link #ended} future completes when the BYE gets its final response.
     */
    void bye(CallEnd why) {
        if (end != null) {
            return;
        }
        if (dialog == null || dialog.state() == DialogState.TERMINATED) {
            terminate(why, true);
            return;
        }
        SipRequest bye = dialog.newRequest(Method.BYE).build();
        terminate(why, false);
        calls.outbound.send(bye, new ClientHandler() {
            @Override
            public void onResponse(Exchange exchange, SipResponse response) {
                if (response.statusCode() >= 200) {
                    finish();
                }
            }

            @Override
            public void onFailure(Throwable error) {
                LOG.debug("BYE of {} not sent: {}", callId, error.toString());
                finish();
            }
        });
    }

    // ---- lane: what the user asked for

    /**
     * Hangs up as RFC 3261 §15 says for the call's state: CANCEL before the final answer (UAC),
     * a 603 for an incoming call not answered yet, a BYE once the dialog is confirmed (a UAS that
     * has not had the ACK yet sends it when the ACK comes or the 2xx times out, §15).
     */
    void hangup() {
        if (end != null) {
            return;
        }
        if (uac != null && !uac.isAnswered()) {
            uac.cancel();
        } else if (uas != null && !uas.isAnswered()) {
            uas.reject(603, "Decline");
        } else if (uas != null && state != CallState.ESTABLISHED) {
            uas.byeWhenAcked();
        } else {
            bye(new CallEnd(CallEnd.Reason.LOCAL_BYE, 0, "hung up here"));
        }
    }

    /** Sends a re-INVITE with {@code offer} (RFC 3261 §14.1); {@code result} gets its final response. */
    void reinvite(SessionDescription offer, Boolean hold, CompletableFuture<SipResponse> result) {
        if (end != null) {
            events.deliver(() -> result.completeExceptionally(new CallEndedException(end)));
            return;
        }
        if (state != CallState.ESTABLISHED || reinvite != null || !awaitingAck.isEmpty()) {
            String why = state != CallState.ESTABLISHED ? "the call is " + state + ", not established"
                    : "an offer/answer exchange is still in progress (RFC 3264 §4)";
            events.deliver(() -> result.completeExceptionally(new IllegalStateException(why)));
            return;
        }
        SessionDescription previous = localSdp;
        SessionDescription versioned = previous == null ? offer : OfferAnswer.reoffer(previous, offer);
        reinvite = new Reinvite(this, versioned, hold, result);
        reinvite.send();
    }

    /** The previous local session, or the offer made from the capabilities when there was none. */
    SessionDescription currentLocal() {
        return localSdp != null ? localSdp : OfferAnswer.createOffer(calls.media(holding), sessionId);
    }

    /** Our re-INVITE ended: with its answer taken ({@code accepted}) or refused, the session as before. */
    void reinviteDone(Reinvite done, SessionDescription offer, SessionDescription answer, Boolean hold) {
        if (reinvite == done) {
            reinvite = null;
        }
        if (answer != null) {
            localSdp = offer;
            remoteSdp = answer;
            if (hold != null) {
                holding = hold;
            }
        }
    }

    /** Sends a request within the dialog (INFO, OPTIONS) and completes {@code result} with its final response. */
    void sendInDialog(Method method, String contentType, byte[] body, CompletableFuture<SipResponse> result) {
        if (end != null || dialog == null || dialog.state() != DialogState.CONFIRMED) {
            RuntimeException e = end != null ? new CallEndedException(end)
                    : new IllegalStateException(method + " needs a confirmed dialog; the call is " + state);
            events.deliver(() -> result.completeExceptionally(e));
            return;
        }
        RequestBuilder b = dialog.newRequest(method);
        if (method.equals(Method.OPTIONS)) {
            b.add(HeaderName.ACCEPT, Capabilities.ACCEPT);
        }
        if (contentType != null) {
            b.body(contentType, body);
        }
        calls.outbound.send(b.build(), new ClientHandler() {
            @Override
            public void onResponse(Exchange exchange, SipResponse response) {
                if (response.statusCode() < 200) {
                    return;
                }
                afterResponseInDialog(response);
                events.deliver(() -> result.complete(response));
            }

            @Override
            public void onFailure(Throwable error) {
                events.deliver(() -> result.completeExceptionally(error));
            }
        });
    }

    /** RFC 3261 §12.2.1.2: a 481 or 408 to a request within the dialog ends it, and the call with it. */
    void afterResponseInDialog(SipResponse response) {
        if (end != null || dialog == null) {
            return;
        }
        try {
            dialog.onResponse(response);
        } catch (IllegalArgumentException e) {
            LOG.debug("response for another dialog: {}", e.getMessage());
            return;
        }
        if (dialog.state() == DialogState.TERMINATED) {
            int status = response.statusCode();
            bye(new CallEnd(status == 408 ? CallEnd.Reason.TIMEOUT : CallEnd.Reason.FAILED, status,
                    status + " to " + response.cseq().method() + " within the dialog (RFC 3261 §12.2.1.2)"));
        }
    }

    // ---- lane: requests received within the dialog (DialogUsage)

    @Override
    public void onRequest(ServerTransaction transaction, SipRequest request) {
        InDialogVerdict verdict = dialog.onRequest(request);
        if (verdict instanceof InDialogVerdict.Refuse refuse) {
            transaction.respond(response(request, refuse.status(), refuse.reasonPhrase()).build());
            return;
        }
        Method m = request.method();
        if (m.equals(Method.BYE)) {
            // RFC 3261 §15.1.2: 200 to the BYE; a pending INVITE gets 487 (the incoming side does that).
            transaction.respond(response(request, 200, "OK").build());
            if (uas != null && !uas.isAnswered()) {
                uas.byeBeforeAnswer();
            }
            terminate(new CallEnd(CallEnd.Reason.REMOTE_BYE, 0, "BYE from the peer"), true);
        } else if (m.equals(Method.INVITE)) {
            onReinvite(transaction, request);
        } else if (m.equals(Method.INFO)) {
            // RFC 6086 §4.2.2: 200 once the INFO is taken; what it means is the application's.
            transaction.respond(response(request, 200, "OK").build());
            Consumer<SipRequest> l = infoListener;
            if (l != null) {
                events.deliver(() -> l.accept(request));
            }
        } else if (m.equals(Method.OPTIONS)) {
            transaction.respond(response(request, 200, "OK").add(HeaderName.ALLOW, Capabilities.ALLOW)
                    .add(HeaderName.ACCEPT, Capabilities.ACCEPT).build());
        } else {
            transaction.respond(response(request, 405, "Method Not Allowed In This Dialog")
                    .add(HeaderName.ALLOW, "INVITE, ACK, BYE, CANCEL, OPTIONS, INFO").build());
        }
    }

    /** A re-INVITE from the peer (RFC 3261 §14.2). */
    private void onReinvite(ServerTransaction transaction, SipRequest request) {
        if (reinvite != null && reinvite.isOutstanding()) {
            // RFC 3261 §14.2: an INVITE of ours on this dialog is in progress: glare, 491.
            transaction.respond(response(request, 491, "Request Pending").build());
            return;
        }
        if (!awaitingAck.isEmpty() || state != CallState.ESTABLISHED) {
            // RFC 3261 §14.2: the previous INVITE is not done yet: 500 with a Retry-After of 0-10 s.
            transaction.respond(response(request, 500, "Previous INVITE Not Complete")
                    .add(HeaderName.RETRY_AFTER, Integer.toString(calls.random().nextInt(11))).build());
            return;
        }
        SessionDescription answer;
        SessionDescription offer = null;
        if (request.hasBody()) {
            try {
                offer = sdpOf(request);
            } catch (SdpParseException e) {
                transaction.respond(notAcceptable(request, e.reasonPhrase()));
                return;
            }
            AnswerResult result = OfferAnswer.answer(offer, calls.media(holding), currentLocal());
            if (result instanceof AnswerResult.Refused refused) {
                // RFC 3261 §14.2: a refused offer leaves the session as it was.
                transaction.respond(notAcceptable(request, refused.reasonPhrase()));
                return;
            }
            answer = ((AnswerResult.Accepted) result).answer();
        } else {
            // RFC 3261 §14.2: a re-INVITE without offer gets one in the 2xx, answered in the ACK.
            answer = currentLocal();
        }
        SipResponse ok = okWithSdp(request, answer);
        localSdp = answer;
        if (offer != null) {
            remoteSdp = offer;
        }
        awaitAck(transaction, ok, offer == null);
        transaction.respond(ok);
        Consumer<SipRequest> l = reinviteListener;
        if (l != null) {
            events.deliver(() -> l.accept(request));
        }
    }

    /** A 2xx to an INVITE of the peer, with this side's session description and Contact. */
    SipResponse okWithSdp(SipRequest request, SessionDescription sdp) {
        return response(request, 200, "OK").add(HeaderName.CONTACT, Address.of(dialog.localTarget()).toString())
                .add(HeaderName.ALLOW, Capabilities.ALLOW).body(SDP, sdp.toBytes()).build();
    }

    /** Retransmits {@code ok} until its ACK arrives (RFC 3261 §13.3.1.4). */
    void awaitAck(ServerTransaction transaction, SipResponse ok, boolean answerInAck) {
        AcceptedAnswer a = new AcceptedAnswer(this, transaction, ok, answerInAck);
        awaitingAck.add(a);
        a.start();
    }

    @Override
    public void onSentSequence(long number) {
        if (dialog != null) {
            dialog.sentSequence(number);
        }
    }

    @Override
    public void onAck(SipRequest ack, Source source) {
        AcceptedAnswer matched = null;
        for (AcceptedAnswer a : awaitingAck) {
            if (a.ok().cseq().number() == ack.cseq().number()) {
                matched = a;
            }
        }
        if (matched == null) {
            return;
        }
        matched.stop();
        awaitingAck.remove(matched);
        if (matched.answerInAck()) {
            // RFC 3261 §13.3.1.4 / RFC 3264 §4: our 2xx held the offer, the ACK must hold the answer.
            try {
                if (!ack.hasBody()) {
                    throw new SdpParseException("the ACK carries no answer to the offer in the 2xx", -1, '\0');
                }
                remoteSdp = sdpOf(ack);
            } catch (SdpParseException e) {
                establish();
                bye(new CallEnd(CallEnd.Reason.FAILED, 488, e.getMessage()));
                return;
            }
        }
        establish();
        if (uas != null && uas.wantsBye()) {
            bye(new CallEnd(CallEnd.Reason.LOCAL_BYE, 0, "hung up here before the ACK came"));
        }
    }

    /** No ACK for a 2xx within 64·T1 (RFC 3261 §13.3.1.4): the session ends with BYE. */
    void onNoAck(AcceptedAnswer a) {
        awaitingAck.remove(a);
        bye(new CallEnd(CallEnd.Reason.NO_ACK, 408, "no ACK for the 2xx within 64*T1 (RFC 3261 §13.3.1.4)"));
    }

    @Override
    public void onStrayResponse(SipResponse response) {
        // RFC 3261 §13.2.2.4: a 2xx retransmitted after the transaction ended still gets its ACK.
        if (uac != null && response.cseq().number() == uac.inviteCseq()) {
            uac.onStray(response);
        } else if (reinvite != null) {
            reinvite.onStray(response);
        } else if (lastReinvite != null) {
            lastReinvite.onStray(response);
        }
    }

    void keepForRetransmissions(Reinvite done) {
        lastReinvite = done;
    }

    // ---- helpers

    /** A response within this call's dialog: the dialog's To tag when there is one (RFC 3261 §12.1.1). */
    ResponseBuilder response(SipRequest request, int status, String reason) {
        ResponseBuilder b = calls.inbound.answer(request, status, reason);
        if (request.toTag().isEmpty() && dialog != null && status > 100) {
            b.set(HeaderName.TO, request.to().withTag(dialog.id().localTag()).toString());
        }
        return b;
    }

    SipResponse notAcceptable(SipRequest request, String reasonPhrase) {
        return response(request, 488, reasonPhrase).build();
    }

    /**
     * The session description a message carries.
     *
     * @throws SdpParseException when the body is not SDP or does not parse
     */
    static SessionDescription sdpOf(SipMessage message) {
        Optional<MediaType> type = message.contentType();
        if (type.isPresent() && !MediaType.APPLICATION_SDP.matches(type.get())) {
            throw new SdpParseException("the body is " + type.get().type() + "/" + type.get().subtype()
                    + ", not application/sdp", -1, '\0');
        }
        return SessionDescription.parse(message.body());
    }

    /** The SDP of a message when it carries one that parses; a bad one is logged and ignored. */
    static Optional<SessionDescription> sdpIfAny(SipMessage message) {
        if (!message.hasBody()) {
            return Optional.empty();
        }
        try {
            return Optional.of(sdpOf(message));
        } catch (SdpParseException e) {
            LOG.debug("ignoring a body that is no usable SDP: {}", e.getMessage());
            return Optional.empty();
        }
    }
}
