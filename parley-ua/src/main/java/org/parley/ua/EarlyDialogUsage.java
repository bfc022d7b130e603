package org.parley.ua;

import java.util.function.Consumer;
import org.parley.message.HeaderName;
import org.parley.message.Method;
import org.parley.message.SipRequest;
import org.parley.transaction.ServerTransaction;
import org.parley.transport.Source;
import org.parley.ua.dialog.Dialog;
import org.parley.ua.dialog.InDialogVerdict;

/**
 * An early dialog of an outgoing INVITE (RFC 3261 §12.1.2) as the UAS core sees it: the requests the
 * callee sends within it (RFC 3261 §12.2.2) are answered here instead of with 481. A BYE is answered
 * 200 and ends this early dialog (§15.1.2), which {@link OutgoingInvite} follows: the call ends when
 * no early dialog is left; INFO (RFC 6086 §4.2.2) and OPTIONS are answered 200; other methods 405.
 *
 * <p>Interop relaxation: RFC 3261 §15 says the callee MUST NOT send BYE in an early dialog, but a
 * callee that does wants the early session gone; refusing it with 481 would leave the caller ringing
 * a party that has left. Always on; there is no switch.
 *
 * <p>Confined to the lane of the call's Call-ID, like the {@link OutgoingInvite} it reports to.
 */
final class EarlyDialogUsage implements DialogUsage {
    private final InviteSession session;
    private final OutgoingInvite invite;
    private final Dialog dialog;

    EarlyDialogUsage(InviteSession session, OutgoingInvite invite, Dialog dialog) {
        this.session = session;
        this.invite = invite;
        this.dialog = dialog;
    }

    @Override
    public void onSentSequence(long number) {
        dialog.sentSequence(number);
    }

    Dialog dialog() {
        return dialog;
    }

    @Override
    public void onRequest(ServerTransaction transaction, SipRequest request) {
        // RFC 3261 §12.2.2: the dialog checks the CSeq order; an accepted BYE terminates it.
        InDialogVerdict verdict = dialog.onRequest(request);
        if (verdict instanceof InDialogVerdict.Refuse refuse) {
            transaction.respond(session.response(request, refuse.status(), refuse.reasonPhrase()).build());
            return;
        }
        Method m = request.method();
        if (m.equals(Method.BYE)) {
            // RFC 3261 §15.1.2: the BYE is answered 200 and its dialog ends.
            transaction.respond(session.response(request, 200, "OK").build());
            invite.onEarlyBye(this);
        } else if (m.equals(Method.INFO)) {
            // RFC 6086 §4.2.2: INFO may be sent in an early dialog; 200 once taken.
            transaction.respond(session.response(request, 200, "OK").build());
            Consumer<SipRequest> l = session.infoListener;
            if (l != null) {
                session.events.deliver(() -> l.accept(request));
            }
        } else if (m.equals(Method.OPTIONS)) {
            transaction.respond(session.response(request, 200, "OK").add(HeaderName.ALLOW, Capabilities.ALLOW)
                    .add(HeaderName.ACCEPT, Capabilities.ACCEPT).build());
        } else {
            transaction.respond(session.response(request, 405, "Method Not Allowed In This Dialog")
                    .add(HeaderName.ALLOW, "BYE, OPTIONS, INFO").build());
        }
    }

    @Override
    public void onAck(SipRequest ack, Source source) {
        // This side sends no 2xx in an early dialog of its own INVITE: no ACK is expected here.
    }
}
