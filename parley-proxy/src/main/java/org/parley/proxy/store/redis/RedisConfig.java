package org.parley.proxy.store.redis;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link RedisLocationStore} reaches Redis and names its keys. Immutable; checked when built,
 * naming the bad field and value.
 *
 * @param uri the server, {@code redis://host:port[/database]} or {@code rediss://} for TLS; a password
 *        may be given as {@code redis://:password@host:port}
 * @param keyPrefix prepended to each address-of-record's canonical key; nodes that share bindings use
 *        the same prefix, deployments that share a Redis but not bindings use different ones
 * @param timeout the most one command (and the first connection) may take before the store's future
 *        fails; while the connection is down, commands fail at once instead of queueing
 * @param maxAttempts how many times {@code apply} re-reads a record that another node changed between
 *        its read and its write before giving up with a failed future
 */
public record RedisConfig(String uri, String keyPrefix, Duration timeout, int maxAttempts) {
    /** {@code parley:location:}: keys read as {@code parley:location:sip:alice@example.com}. */
    public static final String DEFAULT_KEY_PREFIX = "parley:location:";
    /**
     * Two seconds: a REGISTER's client transaction gives up after 64*T1 = 32 s (RFC 3261 §17.1.2.2),
     * and a 500 within a few seconds lets it try another node long before that.
     */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
    /** Sixteen: two nodes writing the same record at the same instant settle within a few. */
    public static final int DEFAULT_MAX_ATTEMPTS = 16;

    /** Checks every field. */
    public RedisConfig {
        Objects.requireNonNull(uri, "uri");
        String scheme;
        try {
            scheme = URI.create(uri).getScheme();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("uri must be redis://host:port, was \"" + uri + "\"", e);
        }
        if (!"redis".equals(scheme) && !"rediss".equals(scheme)) {
            throw new IllegalArgumentException("uri must start with redis:// or rediss://, was \"" + uri + "\"");
        }
        Objects.requireNonNull(keyPrefix, "keyPrefix");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.toMillis() < 1) {
            throw new IllegalArgumentException("timeout must be at least 1 ms, was " + timeout);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
    }

    /** The server at {@code uri} with the default prefix, timeout and attempts. */
    public static RedisConfig of(String uri) {
        return new RedisConfig(uri, DEFAULT_KEY_PREFIX, DEFAULT_TIMEOUT, DEFAULT_MAX_ATTEMPTS);
    }

    /** This configuration with another key prefix. */
    public RedisConfig withKeyPrefix(String prefix) {
        return new RedisConfig(uri, prefix, timeout, maxAttempts);
    }

    /** This configuration with another command timeout. */
    public RedisConfig withTimeout(Duration limit) {
        return new RedisConfig(uri, keyPrefix, limit, maxAttempts);
    }

    /** The URI with any password replaced by {@code ***}, for messages and logs. */
    public String safeUri() {
        return uri.replaceFirst("^(rediss?://)[^@/]*@", "$1***@");
    }

    /** Everything, the password masked. */
    @Override
    public String toString() {
        return "RedisConfig[uri=" + safeUri() + ", keyPrefix=" + keyPrefix + ", timeout=" + timeout + ", maxAttempts="
                + maxAttempts + "]";
    }
}
