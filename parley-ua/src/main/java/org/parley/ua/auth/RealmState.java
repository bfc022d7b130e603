package org.parley.ua.auth;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What {@link DigestAuthenticator} remembers of the last challenge it answered for one realm, so that
 * later requests can reuse the nonce with a growing nonce count (RFC 7616 §3.4.5, RFC 3261 §22.3).
 *
 * <p>Thread-safe: the fields are final and the nonce count is atomic, so that two requests
 * pre-authorized at once never share a count.
 *
 * @param proxy true for a Proxy-Authenticate challenge (answered in Proxy-Authorization)
 * @param realm the realm
 * @param account the account that answered
 * @param algorithm the algorithm chosen
 * @param qop "auth", "auth-int" or "" when the challenge offered none
 * @param nonce the server's nonce
 * @param opaque the opaque value to return, or null
 * @param cnonce the client nonce used with this nonce (fixed, as a {@code -sess} HA1 depends on it)
 * @param fromStale true when this nonce came with stale=true: a second stale challenge ends the retries
 * @param nonceCount the last nonce count used
 */
record RealmState(boolean proxy, String realm, Account account, DigestAlgorithm algorithm, String qop, String nonce,
        String opaque, String cnonce, boolean fromStale, AtomicLong nonceCount) {
    /** The largest nonce count: 8 hex digits (RFC 7616 §3.4). */
    static final long MAX_NONCE_COUNT = 0xFFFF_FFFFL;

    /** The next nonce count, or -1 when the 8 hex digits are used up and the nonce cannot be reused. */
    long nextNonceCount() {
        long n = nonceCount.incrementAndGet();
        return n > MAX_NONCE_COUNT ? -1 : n;
    }
}
