package org.parley.proxy.auth;

import java.util.Objects;
import org.parley.message.SipResponse;
import org.parley.ua.auth.DigestAlgorithm;

/** What {@link DigestServer#authenticate} decided: who the request is from, or the response that refuses it. */
public sealed interface AuthResult permits AuthResult.Authenticated, AuthResult.Refused {
    /**
     * The credentials are right, the nonce fresh, the nonce count new and the From identity theirs.
     *
     * @param user the authenticated username
     * @param realm the realm it authenticated in
     * @param algorithm the algorithm the client used
     */
    record Authenticated(String user, String realm, DigestAlgorithm algorithm) implements AuthResult {
        /** Checks the parts. */
        public Authenticated {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(realm, "realm");
            Objects.requireNonNull(algorithm, "algorithm");
        }
    }

    /**
     * Not authenticated: the response to send, a 401/407 challenge, a 400 for malformed credentials
     * or a 403 for a From identity that is not the user's.
     *
     * @param response the response, with a To tag
     */
    record Refused(SipResponse response) implements AuthResult {
        /** Checks the part. */
        public Refused {
            Objects.requireNonNull(response, "response");
        }
    }
}
