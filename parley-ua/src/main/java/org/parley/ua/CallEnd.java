package org.parley.ua;

import java.util.Objects;

/**
 * Why a {@link Call} ended. Immutable.
 *
 * @param reason what ended it
 * @param status the SIP status involved: the final error response received or sent, 408 for a
 *     timeout, 487 for a cancelled INVITE; 0 when no status applies (a BYE, a send failure)
 * @param detail a human-readable explanation, for logs
 */
public record CallEnd(Reason reason, int status, String detail) implements java.io.Serializable {
    /** What ended a call. */
    public enum Reason {
        /** This side sent BYE (RFC 3261 §15.1.1). */
        LOCAL_BYE,
        /** The peer sent BYE (RFC 3261 §15.1.2). */
        REMOTE_BYE,
        /** The caller gave up before the final answer: CANCEL (RFC 3261 §9), sent or received. */
        CANCELLED,
        /** A final error response to the INVITE (3xx-6xx), received or sent. */
        REJECTED,
        /** The INVITE or a request in the dialog timed out (408, RFC 3261 §12.2.1.2, §17.1.1.2). */
        TIMEOUT,
        /** The ACK for this side's 2xx never came within 64·T1 (RFC 3261 §13.3.1.4). */
        NO_ACK,
        /** Anything else: the request could not be sent, the peer's SDP could not be used, 481. */
        FAILED
    }

    /** Checks the parts. */
    public CallEnd {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
        if (status != 0 && (status < 100 || status > 699)) {
            throw new IllegalArgumentException("status must be 0 or 100..699, was " + status);
        }
    }
}
