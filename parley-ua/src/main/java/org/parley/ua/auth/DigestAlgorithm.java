package org.parley.ua.auth;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Optional;

/**
 * The digest algorithms Parley can compute (RFC 7616 §3.3 and §6.1, RFC 8760 §2): MD5, SHA-256 and
 * SHA-512-256, each plain or in its {@code -sess} variant (RFC 7616 §3.4.2). An algorithm token that is
 * not one of these is an extension Parley cannot answer: {@link #of(String)} gives empty for it, and
 * the caller refuses the challenge with that reason rather than guess.
 *
 * <p>Immutable and thread-safe.
 */
public enum DigestAlgorithm {
    /** MD5 (RFC 7616 §3.3; the default when a challenge names none, RFC 3261 §22.4). */
    MD5("MD5", "MD5", false, 1),
    /** MD5-sess (RFC 7616 §3.4.2). */
    MD5_SESS("MD5-sess", "MD5", true, 1),
    /** SHA-256 (RFC 7616 §3.3, RFC 8760 §2.2). */
    SHA_256("SHA-256", "SHA-256", false, 2),
    /** SHA-256-sess (RFC 7616 §3.4.2). */
    SHA_256_SESS("SHA-256-sess", "SHA-256", true, 2),
    /** SHA-512-256: SHA-512/256 of FIPS 180-4 (RFC 7616 §3.3, RFC 8760 §2.3). */
    SHA_512_256("SHA-512-256", "SHA-512/256", false, 3),
    /** SHA-512-256-sess (RFC 7616 §3.4.2). */
    SHA_512_256_SESS("SHA-512-256-sess", "SHA-512/256", true, 3);

    private final String token;
    private final String jdkName;
    private final boolean session;
    private final int strength;

    DigestAlgorithm(String token, String jdkName, boolean session, int strength) {
        this.token = token;
        this.jdkName = jdkName;
        this.session = session;
        this.strength = strength;
    }

    /**
     * The algorithm this token names, any case ("sha-256" is SHA-256, RFC 7616 §3.3 compares
     * case-insensitively); empty for a token Parley cannot compute.
     */
    public static Optional<DigestAlgorithm> of(String token) {
        String lower = token.toLowerCase(Locale.ROOT);
        for (DigestAlgorithm a : values()) {
            if (a.token.toLowerCase(Locale.ROOT).equals(lower)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** The token as RFC 7616 §3.3 spells it, e.g. "SHA-256", "MD5-sess". */
    public String token() {
        return token;
    }

    /** True for a {@code -sess} variant, whose A1 includes the nonce and cnonce (RFC 7616 §3.4.2). */
    public boolean isSession() {
        return session;
    }

    /**
     * How strong the hash is: SHA-512-256 (3) over SHA-256 (2) over MD5 (1), whatever the session
     * variant. A client answers with the strongest one a realm offers (RFC 8760 §2.4, RFC 7616 §3.7).
     */
    public int strength() {
        return strength;
    }

    /** A new JDK digest for this algorithm; every JDK must provide all three (JDK Security Standard Names). */
    MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance(jdkName);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks the " + jdkName + " message digest", e);
        }
    }
}
