package org.parley.ua;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.parley.message.Method;
import org.parley.message.SipRequest;
import org.parley.message.SipResponse;
import org.parley.sdp.SdpParseException;
import org.parley.sdp.SessionDescription;
import org.parley.sdp.offeranswer.AnswerResult;
import org.parley.sdp.offeranswer.OfferAnswer;
import org.parley.ua.dialog.Dialog;
import org.parley.ua.dialog.DialogId;
import org.parley.ua.dialog.DialogSet;
import org.parley.ua.dialog.ForkOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The initial INVITE of an outgoing call (RFC 3261 §13.2), possibly forked: every provisional
 * response with a To tag makes an early dialog (§12.1.2), the first 2xx confirms its dialog and the
 * call follows it, every 2xx (retransmissions, other forks) gets its ACK, and a 2xx from another
 * fork is ACKed and ended with BYE (§13.2.2.4). A hangup before the final response sends CANCEL
 * once a provisional response came (§9.1); a 2xx that crosses the CANCEL is ACKed and ended with
 * BYE (§15). Each early dialog is registered with the UAS core until the INVITE completes, so that
 * requests the callee sends within it are answered ({@link EarlyDialogUsage}); a BYE there ends that
 * early dialog, and the call (CANCELling the INVITE, §9.1) when it was the last one.
 *
 * <p>Confined to the lane of the call's Call-ID, where {@link Outbound} delivers the responses.
 */
final class OutgoingInvite implements ClientHandler {
    private static final Logger LOG = LoggerFactory.getLogger(OutgoingInvite.class);

    private final InviteSession session;
    private final boolean offerSent;
    /** The ACK sent for each fork's 2xx, by remote tag, sent again for each retransmission. */
    private final Map<String, Outbound.SentAck> acks = new HashMap<>();
    /** The SDP answer of each fork's reliable-enough 18x, by remote tag, used when its 2xx has none. */
    private final Map<String, SessionDescription> earlyAnswers = new HashMap<>();
    /** The early dialogs still alive, registered with the UAS core for the requests sent within them. */
    private final Map<DialogId, EarlyDialogUsage> earlyUsages = new HashMap<>();
    private DialogSet set;
    private Exchange exchange;
    private long cseq;
    private boolean provisional;
    private boolean answered;
    private boolean cancelWanted;
    private boolean cancelSent;

    OutgoingInvite(InviteSession session, boolean offerSent) {
        this.session = session;
        this.offerSent = offerSent;
    }

    void start(SipRequest invite) {
        cseq = invite.cseq().number();
        session.calls.outbound.send(invite, this);
    }

    boolean isAnswered() {
        return answered;
    }

    long inviteCseq() {
        return cseq;
    }

    @Override
    public void onResponse(Exchange current, SipResponse response) {
        this.exchange = current;
        if (set == null || set.invite() != current.request()) {
            // A new set for each INVITE on the wire: an authentication retry changes its CSeq (§22.2).
            set = DialogSet.forInvite(current.request());
            cseq = current.request().cseq().number();
        }
        handle(response);
    }

    @Override
    public void onFailure(Throwable error) {
        session.calls.transactions.execute(session.callId, () -> session.terminate(
                new CallEnd(CallEnd.Reason.FAILED, 0, "the INVITE could not be sent: " + error), true));
    }

    /** A 2xx that reached the core after the transaction ended (§13.2.2.4): ACKed again. */
    void onStray(SipResponse response) {
        if (set != null && response.statusClass() == 2) {
            handle(response);
        }
    }

    private void handle(SipResponse response) {
        int status = response.statusCode();
        ForkOutcome outcome;
        try {
            outcome = set.onResponse(response);
        } catch (IllegalArgumentException e) {
            LOG.debug("call {}: unusable {}: {}", session.callId, status, e.getMessage());
            if (status >= 200 && !answered) {
                answered = true;
                session.completeAnswered(response);
                session.terminate(new CallEnd(CallEnd.Reason.FAILED, status, e.getMessage()), true);
            }
            return;
        }
        if (status < 200) {
            provisional = true;
            if (cancelWanted && !cancelSent && !answered) {
                sendCancel();
            }
        }
        switch (outcome) {
            case ForkOutcome.Early early -> onEarly(early, response);
            case ForkOutcome.NoDialog none -> {
                if (status < 200) {
                    session.report(new ProvisionalResponse(response, Optional.empty(),
                            InviteSession.sdpIfAny(response)));
                }
            }
            case ForkOutcome.Confirmed confirmed -> onConfirmed(confirmed, response);
            case ForkOutcome.Retransmission again -> resendAck(again.dialog().id().remoteTag());
            case ForkOutcome.ExtraFork extra -> sendAck(extra.ack(), extra.dialog().id().remoteTag(), () -> {
                LOG.debug("call {}: a second 2xx from fork {}: ACK and BYE", session.callId, extra.dialog().id());
                byeDialog(extra.dialog(), extra.bye());
            });
            case ForkOutcome.Failed failed -> onFailed(response);
        }
    }

    private void onEarly(ForkOutcome.Early early, SipResponse response) {
        Optional<SessionDescription> media = InviteSession.sdpIfAny(response);
        String tag = early.dialog().id().remoteTag();
        media.ifPresent(sdp -> earlyAnswers.put(tag, sdp));
        if (early.isNew()) {
            session.addEarlyDialog(early.dialog().id());
            // RFC 3261 §12.2.2: requests within the early dialog are the dialog's, not 481.
            EarlyDialogUsage usage = new EarlyDialogUsage(session, this, early.dialog());
            earlyUsages.put(early.dialog().id(), usage);
            session.calls.inbound.addDialog(early.dialog().id(), usage);
        }
        session.report(new ProvisionalResponse(response, Optional.of(early.dialog().id()), media));
    }

    private void onConfirmed(ForkOutcome.Confirmed confirmed, SipResponse response) {
        answered = true;
        unregisterEarly();
        Dialog dialog = confirmed.dialog();
        String tag = dialog.id().remoteTag();
        SipRequest ack = confirmed.ack();
        if (session.isEnded()) {
            // The call ended while the INVITE was pending (a BYE in its last early dialog): the 2xx
            // is ACKed all the same and its dialog ended with BYE (RFC 3261 §13.2.2.4, §15).
            sendAck(ack, tag, () -> byeDialog(dialog, dialog.newRequest(Method.BYE).build()));
            return;
        }
        CallEnd failure = null;
        try {
            if (offerSent) {
                // RFC 3264 §4: the answer is in the 2xx, or was in a provisional response of this fork.
                SessionDescription answer = response.hasBody() ? InviteSession.sdpOf(response) : earlyAnswers.get(tag);
                if (answer == null) {
                    throw new SdpParseException("the 2xx carries no answer to the offer", -1, '\0');
                }
                session.setRemoteSdp(answer);
            } else {
                // RFC 3261 §13.2.2.4: the 2xx holds the offer; the ACK carries the answer.
                if (!response.hasBody()) {
                    throw new SdpParseException("the 2xx to an INVITE without offer carries no offer", -1, '\0');
                }
                SessionDescription offer = InviteSession.sdpOf(response);
                AnswerResult result = OfferAnswer.answer(offer, session.calls.media(false), session.sessionId);
                if (result instanceof AnswerResult.Refused refused) {
                    throw new SdpParseException(refused.reason(), -1, '\0');
                }
                SessionDescription answer = ((AnswerResult.Accepted) result).answer();
                session.setRemoteSdp(offer);
                session.setLocalSdp(answer);
                ack = dialog.ack(response, InviteSession.SDP, answer.toBytes());
            }
        } catch (SdpParseException e) {
            // RFC 3261 §13.2.2.4: the 2xx is ACKed all the same, then the session ended with BYE.
            failure = new CallEnd(CallEnd.Reason.FAILED, 488, "unusable SDP in the 2xx: " + e.getMessage());
        }
        session.confirmed(dialog);
        session.completeAnswered(response);
        Runnable after = null;
        if (failure != null) {
            CallEnd why = failure;
            after = () -> session.bye(why);
        } else if (cancelWanted) {
            after = () -> session.bye(new CallEnd(CallEnd.Reason.CANCELLED, 200,
                    "the 200 crossed the CANCEL: ACKed and ended with BYE (RFC 3261 §9.1, §15)"));
        } else {
            session.establish();
        }
        sendAck(ack, tag, after);
    }

    private void onFailed(SipResponse response) {
        answered = true;
        unregisterEarly();
        int status = response.statusCode();
        CallEnd.Reason reason = cancelWanted ? CallEnd.Reason.CANCELLED
                : status == 408 ? CallEnd.Reason.TIMEOUT : CallEnd.Reason.REJECTED;
        session.completeAnswered(response);
        session.terminate(new CallEnd(reason, status, response.reasonPhrase()), true);
    }

    /**
     * Sends an ACK, with the credentials of the INVITE that got the 2xx (RFC 3261 §13.2.2.4, §22),
     * and keeps it for retransmitted 2xx; {@code after} runs on the lane once it left.
     */
    private void sendAck(SipRequest ack, String tag, Runnable after) {
        session.calls.outbound.sendAck(ack, set.invite()).whenComplete((sent, error) -> session.calls.transactions
                .execute(session.callId, () -> {
                    if (sent != null) {
                        acks.put(tag, sent);
                    } else {
                        LOG.debug("call {}: ACK not sent: {}", session.callId, String.valueOf(error));
                    }
                    if (after != null) {
                        after.run();
                    }
                }));
    }

    private void resendAck(String tag) {
        Outbound.SentAck sent = acks.get(tag);
        if (sent != null) {
            session.calls.outbound.resendAck(sent);
        }
    }

    /**
     * RFC 3261 §13.2.2.4: a dialog the call does not follow (a second fork's 2xx, or a 2xx after the
     * call ended) is ended with BYE once its ACK is out.
     */
    private void byeDialog(Dialog dialog, SipRequest bye) {
        session.calls.outbound.send(bye, new ClientHandler() {
            @Override
            public void onResponse(Exchange byeExchange, SipResponse response) {
                if (response.statusCode() >= 200) {
                    dialog.terminate();
                }
            }

            @Override
            public void onFailure(Throwable error) {
                session.calls.transactions.execute(session.callId, dialog::terminate);
            }
        });
    }

    /**
     * The callee ended one early dialog with BYE (answered 200 by {@link EarlyDialogUsage}). When no
     * early dialog is left and no final response came, the call ends and the INVITE is CANCELled
     * (RFC 3261 §9.1), so that no fork goes on ringing; a 2xx crossing the CANCEL gets ACK and BYE.
     */
    void onEarlyBye(EarlyDialogUsage usage) {
        DialogId id = usage.dialog().id();
        LOG.debug("call {}: BYE in early dialog {}", session.callId, id);
        earlyUsages.remove(id);
        session.calls.inbound.removeDialog(id, usage);
        if (earlyUsages.isEmpty() && !answered) {
            cancel();
            session.terminate(new CallEnd(CallEnd.Reason.REMOTE_BYE, 0,
                    "BYE in the last early dialog (RFC 3261 §15)"), true);
        }
    }

    /** The call ended: its early dialogs take no more requests. */
    void ended() {
        unregisterEarly();
    }

    private void unregisterEarly() {
        for (EarlyDialogUsage usage : earlyUsages.values()) {
            session.calls.inbound.removeDialog(usage.dialog().id(), usage);
        }
        earlyUsages.clear();
    }

    /** The caller hangs up before the final response: CANCEL, once a provisional came (§9.1). */
    void cancel() {
        if (answered || cancelWanted) {
            return;
        }
        cancelWanted = true;
        if (provisional) {
            sendCancel();
        }
    }

    private void sendCancel() {
        cancelSent = true;
        session.calls.outbound.cancel(exchange, new ClientHandler() {
            @Override
            public void onResponse(Exchange cancelExchange, SipResponse response) {
                // The INVITE's 487 (or 2xx) tells the outcome; the CANCEL's own answer does not matter.
            }

            @Override
            public void onFailure(Throwable error) {
                LOG.debug("call {}: CANCEL not sent: {}", session.callId, error.toString());
            }
        });
    }
}
