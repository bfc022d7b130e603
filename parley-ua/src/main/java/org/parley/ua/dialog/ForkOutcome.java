package org.parley.ua.dialog;

import java.util.List;
import java.util.Objects;
import org.parley.message.SipRequest;

/**
 * What a response to a possibly forked INVITE did to its {@link DialogSet}, for the call layer to act
 * on (RFC 3261 §12.1.2, §13.2.2.4). Immutable records; the dialogs they name are the set's own
 * (mutable, confined to the Call-ID's lane).
 */
public sealed interface ForkOutcome {

    /**
     * The response creates or touches no dialog: a 100, a provisional response without a To tag
     * (RFC 3261 §12.1), or a final response arriving after the set ended.
     *
     * @param why why nothing happened, for logs
     */
    record NoDialog(String why) implements ForkOutcome {
        /** Checks the part. */
        public NoDialog {
            Objects.requireNonNull(why, "why");
        }
    }

    /**
     * A provisional response with a To tag: an early dialog, new or already known from this fork
     * (RFC 3261 §12.1.2, §13.2.2.4).
     *
     * @param dialog the early dialog
     * @param isNew true when this response created it
     */
    record Early(Dialog dialog, boolean isNew) implements ForkOutcome {
        /** Checks the part. */
        public Early {
            Objects.requireNonNull(dialog, "dialog");
        }
    }

    /**
     * The first 2xx: this dialog is confirmed (the call layer sends {@code ack}) and every other
     * early dialog of the set is terminated (RFC 3261 §13.2.2.4).
     *
     * @param dialog the confirmed dialog
     * @param ack the ACK for this 2xx, without Via (RFC 3261 §13.2.2.4)
     * @param ended the early dialogs of other forks, now terminated
     */
    record Confirmed(Dialog dialog, SipRequest ack, List<Dialog> ended) implements ForkOutcome {
        /** Checks the parts and copies the list. */
        public Confirmed {
            Objects.requireNonNull(dialog, "dialog");
            Objects.requireNonNull(ack, "ack");
            ended = List.copyOf(ended);
        }
    }

    /**
     * A retransmission of a 2xx already seen: the call layer sends this ACK again and nothing else
     * (RFC 3261 §13.2.2.4).
     *
     * @param dialog the dialog the 2xx belongs to
     * @param ack the ACK to send again
     */
    record Retransmission(Dialog dialog, SipRequest ack) implements ForkOutcome {
        /** Checks the parts. */
        public Retransmission {
            Objects.requireNonNull(dialog, "dialog");
            Objects.requireNonNull(ack, "ack");
        }
    }

    /**
     * A 2xx from another fork after one dialog was confirmed: it makes a dialog of its own, which the
     * call layer MUST ACK and then end with this BYE (RFC 3261 §13.2.2.4). The dialog stays
     * confirmed until the call layer terminates it when the BYE completes.
     *
     * @param dialog the extra dialog
     * @param ack the ACK for its 2xx
     * @param bye the BYE that ends it, sent after the ACK
     */
    record ExtraFork(Dialog dialog, SipRequest ack, SipRequest bye) implements ForkOutcome {
        /** Checks the parts. */
        public ExtraFork {
            Objects.requireNonNull(dialog, "dialog");
            Objects.requireNonNull(ack, "ack");
            Objects.requireNonNull(bye, "bye");
        }
    }

    /**
     * A non-2xx final response before any 2xx: the INVITE failed and every early dialog of the set
     * is terminated (RFC 3261 §12.3 by way of §13.2.2.3).
     *
     * @param status the final status
     * @param ended the early dialogs, now terminated
     */
    record Failed(int status, List<Dialog> ended) implements ForkOutcome {
        /** Copies the list. */
        public Failed {
            ended = List.copyOf(ended);
        }
    }
}
