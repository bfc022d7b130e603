package org.parley.ua;

import java.util.Objects;
import java.util.Optional;
import org.parley.message.SipResponse;
import org.parley.sdp.SessionDescription;
import org.parley.ua.dialog.DialogId;

/**
 * A provisional response to an outgoing call's INVITE (RFC 3261 §13.2.2.1), as a listener sees it.
 * Each fork of a forked INVITE that answers with a To tag makes its own early dialog (§12.1.2); the
 * call follows whichever answers with a 2xx. Immutable.
 *
 * @param response the response as received
 * @param earlyDialog the early dialog it created or belongs to; empty for a 100 or a response
 *     without To tag
 * @param earlyMedia the SDP it carried (early media, RFC 3261 §13.2.1, RFC 3960), when it carried a
 *     session description that parses
 */
public record ProvisionalResponse(SipResponse response, Optional<DialogId> earlyDialog,
        Optional<SessionDescription> earlyMedia) {
    /** Checks the parts. */
    public ProvisionalResponse {
        Objects.requireNonNull(response, "response");
        Objects.requireNonNull(earlyDialog, "earlyDialog");
        Objects.requireNonNull(earlyMedia, "earlyMedia");
    }

    /** The status, 101 to 199 (or 100). */
    public int status() {
        return response.statusCode();
    }
}
