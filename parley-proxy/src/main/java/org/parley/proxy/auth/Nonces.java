package org.parley.proxy.auth;

import java.nio.ByteBuffer;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stateless nonces (RFC 7616 §3.3, §5.4): the issue time, 8 unique bytes and an HMAC-SHA-256 over
 * both and the realm, keyed with the server's secret, in base64url. The server keeps no state to
 * check one: the HMAC says it issued the nonce for this realm, the time says whether it is still
 * fresh. Unique bytes keep two clients challenged in the same millisecond from sharing a nonce (and
 * its nonce-count sequence).
 *
 * <p>Thread-safe: every call takes its own {@link Mac}.
 */
final class Nonces {
    private static final int TIME = 8;
    private static final int UNIQUE = 8;
    private static final int TAG = 16;
    private static final int LENGTH = TIME + UNIQUE + TAG;

    private final SecretKeySpec key;
    private final long lifetimeMillis;

    Nonces(byte[] secret, Duration lifetime) {
        this.key = new SecretKeySpec(secret, "HmacSHA256");
        this.lifetimeMillis = lifetime.toMillis();
    }

    /** A new nonce for {@code realm}, issued at {@code nowMillis}. */
    String issue(String realm, long nowMillis) {
        ByteBuffer b = ByteBuffer.allocate(LENGTH);
        b.putLong(nowMillis).putLong(ThreadLocalRandom.current().nextLong());
        b.put(tag(b.array(), realm));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
    }

    /**
     * What {@code nonce} is at {@code nowMillis} for {@code realm}: {@link Check#FRESH} with its issue
     * time, {@link Check#STALE} when it is ours but older than the lifetime, {@link Check#FORGED}
     * when we did not issue it for this realm (or it is not even well formed).
     */
    Verdict check(String nonce, String realm, long nowMillis) {
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(nonce);
        } catch (IllegalArgumentException notBase64) {
            return new Verdict(Check.FORGED, 0);
        }
        if (raw.length != LENGTH) {
            return new Verdict(Check.FORGED, 0);
        }
        byte[] expected = tag(raw, realm);
        // RFC 7616 §5.4: compare in constant time, so the tag cannot be guessed byte by byte.
        if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(raw, TIME + UNIQUE, LENGTH))) {
            return new Verdict(Check.FORGED, 0);
        }
        long issued = ByteBuffer.wrap(raw).getLong();
        boolean fresh = nowMillis >= issued && nowMillis - issued < lifetimeMillis;
        return new Verdict(fresh ? Check.FRESH : Check.STALE, issued);
    }

    /** The issue time and unique bytes of {@code raw}, signed with the realm. */
    private byte[] tag(byte[] raw, String realm) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(raw, 0, TIME + UNIQUE);
            mac.update(realm.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return Arrays.copyOf(mac.doFinal(), TAG);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("the JDK lacks HmacSHA256 or refused the key", e);
        }
    }

    /** The lifetime in milliseconds. */
    long lifetimeMillis() {
        return lifetimeMillis;
    }

    /** How a nonce checked out. */
    enum Check {
        FRESH, STALE, FORGED
    }

    /** A check and, unless forged, the nonce's issue time. */
    record Verdict(Check check, long issuedMillis) {
    }
}
