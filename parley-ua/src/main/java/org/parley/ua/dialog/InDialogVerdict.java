package org.parley.ua.dialog;

import java.util.Objects;

/**
 * What {@link Dialog#onRequest} decided about a request received within the dialog: accept it, or
 * refuse it with a status the UAS sends back (RFC 3261 §12.2.2). Immutable.
 */
public sealed interface InDialogVerdict {

    /** The request may be processed (RFC 3261 §12.2.2); the dialog state was updated. */
    record Accept() implements InDialogVerdict {
    }

    /**
     * The request must be answered with this status and nothing else done with it.
     *
     * @param status a final error status, 300 to 699
     * @param reasonPhrase the reason phrase to send
     */
    record Refuse(int status, String reasonPhrase) implements InDialogVerdict {
        /**
         * Checks the parts.
         *
         * @throws IllegalArgumentException when the status is not 300 to 699
         */
        public Refuse {
            if (status < 300 || status > 699) {
                throw new IllegalArgumentException("a refusal status must be 300..699, was " + status);
            }
            Objects.requireNonNull(reasonPhrase, "reasonPhrase");
        }
    }

    /** True for {@link Accept}. */
    default boolean isAccepted() {
        return this instanceof Accept;
    }
}
