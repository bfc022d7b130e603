package org.parley.proxy.auth;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.parley.ua.auth.DigestAlgorithm;

/**
 * How {@link DigestServer} challenges and checks. Immutable; the secret is copied in and out.
 *
 * @param algorithms the algorithms offered, one challenge each, in this order (RFC 8760 §2.4: a
 *        client takes the first it supports, so the strongest goes first); plain algorithms only
 * @param nonceLifetime how long a nonce stays fresh; after that it is answered with stale=true
 * @param secret the HMAC key that signs nonces, at least 16 bytes; nodes sharing subscribers and
 *        locations share it so a nonce from one is good on another
 * @param matchFromIdentity when true, the From URI must be {@code sip:user@domain} of the
 *        authenticated user (403 otherwise)
 * @param maxTrackedNonces the bound on nonces whose counts are remembered for replay protection
 */
public record DigestConfig(List<DigestAlgorithm> algorithms, Duration nonceLifetime, byte[] secret,
        boolean matchFromIdentity, int maxTrackedNonces) {
    /** SHA-256 then MD5 (issue #6; RFC 8760 §2.4 orders by preference): MD5 stays for older phones and SIPp. */
    public static final List<DigestAlgorithm> DEFAULT_ALGORITHMS = List.of(DigestAlgorithm.SHA_256,
            DigestAlgorithm.MD5);
    /** Five minutes, Kamailio's auth module default {@code nonce_expire}: a refresh every hour meets a new one. */
    public static final Duration DEFAULT_NONCE_LIFETIME = Duration.ofMinutes(5);
    /** A hundred thousand nonces, a few MiB. */
    public static final int DEFAULT_MAX_TRACKED_NONCES = 100_000;

    /** Checks every field. */
    public DigestConfig {
        algorithms = List.copyOf(algorithms);
        if (algorithms.isEmpty()) {
            throw new IllegalArgumentException("algorithms must name at least one, was none");
        }
        for (DigestAlgorithm a : algorithms) {
            if (a.isSession()) {
                throw new IllegalArgumentException("algorithms must be plain (MD5, SHA-256, SHA-512-256), was "
                        + a.token());
            }
        }
        if (algorithms.stream().distinct().count() != algorithms.size()) {
            throw new IllegalArgumentException("algorithms must not repeat, was " + algorithms);
        }
        Objects.requireNonNull(nonceLifetime, "nonceLifetime");
        if (nonceLifetime.isNegative() || nonceLifetime.isZero()) {
            throw new IllegalArgumentException("nonceLifetime must be positive, was " + nonceLifetime);
        }
        if (secret.length < 16) {
            throw new IllegalArgumentException("secret must be at least 16 bytes, was " + secret.length);
        }
        secret = secret.clone();
        if (maxTrackedNonces < 1) {
            throw new IllegalArgumentException("maxTrackedNonces must be at least 1, was " + maxTrackedNonces);
        }
    }

    /** The defaults, with a new random 32-byte secret. */
    public static DigestConfig defaults() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return new DigestConfig(DEFAULT_ALGORITHMS, DEFAULT_NONCE_LIFETIME, secret, true, DEFAULT_MAX_TRACKED_NONCES);
    }

    /** A copy of the secret. */
    @Override
    public byte[] secret() {
        return secret.clone();
    }

    /** This configuration offering {@code offered}, in that order (e.g. MD5 alone for old phones). */
    public DigestConfig withAlgorithms(List<DigestAlgorithm> offered) {
        return new DigestConfig(offered, nonceLifetime, secret, matchFromIdentity, maxTrackedNonces);
    }

    /** This configuration with another nonce lifetime. */
    public DigestConfig withNonceLifetime(Duration lifetime) {
        return new DigestConfig(algorithms, lifetime, secret, matchFromIdentity, maxTrackedNonces);
    }

    /** This configuration with the From check on or off. */
    public DigestConfig withMatchFromIdentity(boolean match) {
        return new DigestConfig(algorithms, nonceLifetime, secret, match, maxTrackedNonces);
    }

    /** This configuration with another bound on tracked nonces. */
    public DigestConfig withMaxTrackedNonces(int max) {
        return new DigestConfig(algorithms, nonceLifetime, secret, matchFromIdentity, max);
    }

    /** Everything but the secret. */
    @Override
    public String toString() {
        return "DigestConfig[algorithms=" + algorithms + ", nonceLifetime=" + nonceLifetime + ", matchFromIdentity="
                + matchFromIdentity + ", maxTrackedNonces=" + maxTrackedNonces + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DigestConfig c && c.algorithms.equals(algorithms) && c.nonceLifetime.equals(nonceLifetime)
                && java.util.Arrays.equals(c.secret, secret) && c.matchFromIdentity == matchFromIdentity
                && c.maxTrackedNonces == maxTrackedNonces;
    }

    @Override
    public int hashCode() {
        return Objects.hash(algorithms, nonceLifetime, java.util.Arrays.hashCode(secret), matchFromIdentity,
                maxTrackedNonces);
    }
}
