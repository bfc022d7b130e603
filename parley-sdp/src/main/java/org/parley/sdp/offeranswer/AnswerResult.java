package org.parley.sdp.offeranswer;

import java.util.Objects;
import org.parley.sdp.SessionDescription;

/**
 * The outcome of answering an offer (RFC 3264 §6): an answer, or a refusal whose reason a user agent
 * sends in its 488 Not Acceptable Here (RFC 3261 §21.4.26). An expected protocol outcome, so a value
 * rather than an exception (STYLE.md §5). Immutable.
 */
public sealed interface AnswerResult {

    /** The answer; some streams may be rejected with port 0, but at least one is accepted. */
    record Accepted(SessionDescription answer) implements AnswerResult {
        /** Checks the answer is there. */
        public Accepted {
            Objects.requireNonNull(answer, "answer");
        }
    }

    /** No stream of the offer is acceptable, or the offer breaks SDP's grammar. */
    record Refused(String reason) implements AnswerResult {
        /** Checks the reason is there. */
        public Refused {
            Objects.requireNonNull(reason, "reason");
        }

        /** The status to answer with, 488. */
        public int statusCode() {
            return 488;
        }

        /** A reason phrase for the 488, printable ASCII, bounded in length. */
        public String reasonPhrase() {
            return new org.parley.sdp.SdpParseException(reason, -1, '\0').reasonPhrase();
        }
    }
}
