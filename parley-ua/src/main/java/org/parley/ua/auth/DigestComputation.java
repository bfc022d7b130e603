package org.parley.ua.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * The digest arithmetic both sides share (RFC 7616 §3.4.1-§3.4.3, RFC 8760, RFC 3261 §22.4): the client
 * ({@link DigestAuthenticator}) computes a response with it, a registrar recomputes the same value to
 * check one. Strings are hashed as UTF-8 (SIP text is UTF-8, RFC 3261 §7.3.1; RFC 7616 §3.4.4 for
 * {@code charset=UTF-8}); hashes are written as lower-case hex (RFC 7616 §3.4.1).
 *
 * <pre>
 *   userRealmHash = H(username ":" realm ":" password)
 *   HA1 = userRealmHash                                   plain algorithm     (§3.4.2)
 *       = H(userRealmHash ":" nonce ":" cnonce)           -sess variant       (§3.4.2)
 *   HA2 = H(method ":" uri)                               qop=auth or none    (§3.4.3)
 *       = H(method ":" uri ":" H(body))                   qop=auth-int        (§3.4.3)
 *   response = H(HA1 ":" nonce ":" nc ":" cnonce ":" qop ":" HA2)             (§3.4.1)
 *            = H(HA1 ":" nonce ":" HA2)                   no qop (RFC 2069, kept by RFC 3261 §22.4)
 * </pre>
 *
 * <p>Stateless and thread-safe: every call takes a new {@link MessageDigest}.
 */
public final class DigestComputation {
    /** The qop that also hashes the body (RFC 7616 §3.4.3). */
    public static final String QOP_AUTH_INT = "auth-int";

    /** The qop that authenticates the request line only (RFC 7616 §3.4.3). */
    public static final String QOP_AUTH = "auth";

    private DigestComputation() {
    }

    /** H(data) in lower-case hex (RFC 7616 §3.4.1). */
    public static String hash(DigestAlgorithm algorithm, byte[] data) {
        Objects.requireNonNull(data, "data");
        return HexFormat.of().formatHex(algorithm.newDigest().digest(data));
    }

    /** H(text) of the UTF-8 bytes, in lower-case hex. */
    public static String hash(DigestAlgorithm algorithm, String text) {
        return hash(algorithm, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * H(username:realm:password): the A1 hash of a plain algorithm, and what a registrar may store in
     * place of the password (RFC 7616 §3.4.2, §5.2).
     */
    public static String userRealmHash(DigestAlgorithm algorithm, String username, String realm, String password) {
        return hash(algorithm, Objects.requireNonNull(username, "username") + ':'
                + Objects.requireNonNull(realm, "realm") + ':' + Objects.requireNonNull(password, "password"));
    }

    /**
     * HA1 from {@link #userRealmHash}: that hash itself for a plain algorithm, or
     * H(userRealmHash:nonce:cnonce) for a {@code -sess} variant (RFC 7616 §3.4.2).
     */
    public static String ha1(DigestAlgorithm algorithm, String userRealmHash, String nonce, String cnonce) {
        Objects.requireNonNull(userRealmHash, "userRealmHash");
        if (!algorithm.isSession()) {
            return userRealmHash;
        }
        return hash(algorithm, userRealmHash + ':' + Objects.requireNonNull(nonce, "nonce") + ':'
                + Objects.requireNonNull(cnonce, "cnonce"));
    }

    /**
     * HA2 (RFC 7616 §3.4.3): H(method:uri), or H(method:uri:H(body)) for {@code qop=auth-int}, where an
     * empty body hashes as the empty string (RFC 3261 §22.4).
     *
     * @param qop "auth", "auth-int", or "" when the challenge offered none
     * @throws IllegalArgumentException for another qop
     */
    public static String ha2(DigestAlgorithm algorithm, String method, String uri, String qop, byte[] body) {
        String a2 = Objects.requireNonNull(method, "method") + ':' + Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(body, "body");
        if (QOP_AUTH_INT.equalsIgnoreCase(qop)) {
            return hash(algorithm, a2 + ':' + hash(algorithm, body));
        }
        if (qop.isEmpty() || QOP_AUTH.equalsIgnoreCase(qop)) {
            return hash(algorithm, a2);
        }
        throw new IllegalArgumentException("qop must be \"auth\", \"auth-int\" or \"\" (none), was \"" + qop + "\"");
    }

    /**
     * The request-digest (RFC 7616 §3.4.1): H(HA1:nonce:nc:cnonce:qop:HA2), or H(HA1:nonce:HA2) when
     * {@code qop} is "" (RFC 2069 compatibility, RFC 3261 §22.4), where nc and cnonce are not used.
     *
     * @param nc the nonce count as written on the wire, 8 hex digits
     */
    public static String response(DigestAlgorithm algorithm, String ha1, String nonce, String nc, String cnonce,
            String qop, String ha2) {
        Objects.requireNonNull(ha1, "ha1");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(ha2, "ha2");
        if (qop.isEmpty()) {
            return hash(algorithm, ha1 + ':' + nonce + ':' + ha2);
        }
        return hash(algorithm, ha1 + ':' + nonce + ':' + Objects.requireNonNull(nc, "nc") + ':'
                + Objects.requireNonNull(cnonce, "cnonce") + ':' + qop + ':' + ha2);
    }

    /**
     * Compares two hex digests in time independent of where they differ, ignoring case: how a server
     * checks a response without leaking it through timing (RFC 7616 §5).
     */
    public static boolean matches(String expected, String received) {
        byte[] a = expected.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        byte[] b = received.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(a, b);
    }
}
