package org.parley.ua.dialog;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.parley.message.Method;
import org.parley.message.SipRequest;
import org.parley.message.SipResponse;

/**
 * The dialogs one INVITE may create when a proxy forks it (RFC 3261 §12.1.2, §13.2.2.4), on the UAC
 * side. Each provisional response with a new To tag makes an early dialog, keyed by that remote
 * tag. The first 2xx confirms its dialog (creating it when no provisional came from that fork) and
 * terminates the others; a 2xx from yet another fork creates a dialog that must be ACKed and ended
 * with BYE; a non-2xx final response before any 2xx terminates every early dialog.
 *
 * <p>Mutable; confined to the transaction lane of the INVITE's Call-ID, like the dialogs it holds.
 */
public final class DialogSet {
    private final SipRequest invite;
    private final Map<String, Dialog> byRemoteTag = new LinkedHashMap<>();
    /** Remote tags whose 2xx was seen: a later 2xx from them is a retransmission. */
    private final Set<String> answered = new HashSet<>();
    private Dialog confirmed;
    private boolean failed;

    private DialogSet(SipRequest invite) {
        this.invite = invite;
    }

    /**
     * The set for an INVITE this UAC sent.
     *
     * @throws IllegalArgumentException when the request is not an INVITE or has no From tag
     */
    public static DialogSet forInvite(SipRequest invite) {
        Objects.requireNonNull(invite, "invite");
        if (!invite.method().equals(Method.INVITE)) {
            throw new IllegalArgumentException("a dialog set follows an INVITE, was " + invite.method());
        }
        if (invite.fromTag().isEmpty()) {
            throw new IllegalArgumentException("the INVITE needs a From tag (RFC 3261 §8.1.1.3)");
        }
        return new DialogSet(invite);
    }

    /**
     * Takes a response to the INVITE (from any fork, retransmissions included) and says what it did.
     *
     * @throws IllegalArgumentException when the response does not answer this INVITE, or a
     *     response that would create a dialog lacks a usable Contact (see {@link Dialog#asUac})
     */
    public ForkOutcome onResponse(SipResponse response) {
        Objects.requireNonNull(response, "response");
        if (!response.callId().equals(invite.callId()) || !response.cseq().equals(invite.cseq())
                || !response.fromTag().equals(invite.fromTag())) {
            throw new IllegalArgumentException("the response (" + response.callId() + ", " + response.cseq()
                    + ") does not answer the INVITE (" + invite.callId() + ", " + invite.cseq() + ")");
        }
        int status = response.statusCode();
        Optional<String> tag = response.toTag();
        if (status < 200) {
            return onProvisional(response, tag);
        }
        if (status >= 300) {
            return onFailure(status);
        }
        if (tag.isEmpty()) {
            throw new IllegalArgumentException("a 2xx without To tag (an RFC 2543 peer) cannot make a dialog");
        }
        return onSuccess(response, tag.get());
    }

    private ForkOutcome onProvisional(SipResponse response, Optional<String> tag) {
        if (response.statusCode() == 100 || tag.isEmpty()) {
            return new ForkOutcome.NoDialog("a " + response.statusCode()
                    + (tag.isEmpty() ? " without To tag" : "") + " creates no dialog (RFC 3261 §12.1)");
        }
        if (failed) {
            return new ForkOutcome.NoDialog("the INVITE already failed");
        }
        Dialog known = byRemoteTag.get(tag.get());
        if (known != null) {
            return known.state() == DialogState.EARLY ? new ForkOutcome.Early(known, false)
                    : new ForkOutcome.NoDialog("a provisional response on a dialog that is " + known.state());
        }
        if (confirmed != null) {
            // RFC 3261 §13.2.2.4: once a dialog is confirmed, other forks matter only if they send
            // a 2xx, which onSuccess handles; an early dialog now would only be ended again.
            return new ForkOutcome.NoDialog("a dialog is already confirmed; this fork gets a dialog only by a 2xx");
        }
        Dialog early = Dialog.asUac(invite, response);
        byRemoteTag.put(tag.get(), early);
        return new ForkOutcome.Early(early, true);
    }

    private ForkOutcome onFailure(int status) {
        if (confirmed != null || failed) {
            return new ForkOutcome.NoDialog("a final response after the INVITE completed");
        }
        failed = true;
        // RFC 3261 §12.3: a non-2xx final response ends every early dialog of the request.
        List<Dialog> ended = new ArrayList<>();
        for (Dialog d : byRemoteTag.values()) {
            d.terminate();
            ended.add(d);
        }
        return new ForkOutcome.Failed(status, ended);
    }

    private ForkOutcome onSuccess(SipResponse response, String tag) {
        Dialog known = byRemoteTag.get(tag);
        if (known != null && answered.contains(tag)) {
            // RFC 3261 §13.2.2.4: every retransmission of a 2xx gets the ACK again.
            return new ForkOutcome.Retransmission(known, known.ack(response));
        }
        answered.add(tag);
        if (confirmed == null) {
            Dialog dialog = known;
            if (dialog == null || dialog.state() != DialogState.EARLY) {
                dialog = Dialog.asUac(invite, response);
                byRemoteTag.put(tag, dialog);
            } else {
                dialog.confirm(response);
            }
            confirmed = dialog;
            // RFC 3261 §13.2.2.4: the early dialogs of the other forks end with the first 2xx.
            List<Dialog> ended = new ArrayList<>();
            for (Dialog d : byRemoteTag.values()) {
                if (d != dialog && d.state() == DialogState.EARLY) {
                    d.terminate();
                    ended.add(d);
                }
            }
            return new ForkOutcome.Confirmed(dialog, dialog.ack(response), ended);
        }
        // RFC 3261 §13.2.2.4: a 2xx from another fork makes a dialog of its own, which is ACKed and
        // then ended with BYE (an early dialog of that fork was terminated: a fresh one replaces it).
        Dialog extra = Dialog.asUac(invite, response);
        byRemoteTag.put(tag, extra);
        return new ForkOutcome.ExtraFork(extra, extra.ack(response), extra.newRequest(Method.BYE).build());
    }

    /** The INVITE this set follows. */
    public SipRequest invite() {
        return invite;
    }

    /** The dialog with this remote tag, when one was created. */
    public Optional<Dialog> dialog(String remoteTag) {
        return Optional.ofNullable(byRemoteTag.get(Objects.requireNonNull(remoteTag, "remoteTag")));
    }

    /** Every dialog of the set in the order the forks answered, terminated ones included. */
    public Collection<Dialog> dialogs() {
        return List.copyOf(byRemoteTag.values());
    }

    /** The dialog the first 2xx confirmed, when there is one. */
    public Optional<Dialog> confirmed() {
        return Optional.ofNullable(confirmed);
    }
}
