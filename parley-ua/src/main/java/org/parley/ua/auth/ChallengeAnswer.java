package org.parley.ua.auth;

import java.util.Objects;
import java.util.Optional;
import org.parley.message.SipRequest;

/**
 * What {@link DigestAuthenticator#authenticate} made of a 401 or 407 (RFC 3261 §22.2, §22.3): either
 * the request to send again, with credentials and a new CSeq, or a refusal and why.
 *
 * <p>Immutable and thread-safe.
 */
public sealed interface ChallengeAnswer {
    /** The request to send, when the challenge could be answered. */
    Optional<SipRequest> request();

    /**
     * The challenge was answered.
     *
     * @param retry the request to send again: credentials added, a new CSeq and a new branch
     */
    record Answered(SipRequest retry) implements ChallengeAnswer {
        /** Checks the request is there. */
        public Answered {
            Objects.requireNonNull(retry, "retry");
        }

        @Override
        public Optional<SipRequest> request() {
            return Optional.of(retry);
        }
    }

    /**
     * The challenge cannot be answered: the user agent should report the 401 or 407 to its user.
     *
     * @param reason why, for a person to read, e.g. "unknown algorithm \"SHA3\" in realm \"a.example\""
     */
    record Refused(String reason) implements ChallengeAnswer {
        /** Checks the reason is there. */
        public Refused {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public Optional<SipRequest> request() {
            return Optional.empty();
        }
    }
}
