package org.parley.proxy.store.postgres;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link PostgresSubscriberStore} reaches PostgreSQL. Immutable; checked when built, naming the
 * bad field and value; {@link #toString()} leaves the password out.
 *
 * @param jdbcUrl {@code jdbc:postgresql://host:port/database}
 * @param user the login role
 * @param password its password
 * @param poolSize connections in the pool, and threads running statements on them
 * @param maxQueued operations waiting for a thread at most; one more fails at once ("queue full")
 * @param timeout the most a connection, a login or a statement may take before the operation fails
 */
public record PostgresConfig(String jdbcUrl, String user, String password, int poolSize, int maxQueued,
        Duration timeout) {
    /** Four connections: a subscriber lookup is one indexed read, so a few serve thousands per second. */
    public static final int DEFAULT_POOL_SIZE = 4;
    /** Ten thousand waiting operations: a burst of REGISTERs from every phone after an outage. */
    public static final int DEFAULT_MAX_QUEUED = 10_000;
    /** Five seconds: well inside a REGISTER transaction's 32 s (RFC 3261 §17.1.2.2). */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    /** HikariCP refuses a connection timeout under 250 ms. */
    static final Duration MIN_TIMEOUT = Duration.ofMillis(250);

    /** Checks every field. */
    public PostgresConfig {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("jdbcUrl must start with jdbc:postgresql:, was \"" + jdbcUrl + "\"");
        }
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (poolSize < 1 || poolSize > 1000) {
            throw new IllegalArgumentException("poolSize must be 1..1000, was " + poolSize);
        }
        if (maxQueued < 0) {
            throw new IllegalArgumentException("maxQueued must not be negative, was " + maxQueued);
        }
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.compareTo(MIN_TIMEOUT) < 0) {
            throw new IllegalArgumentException("timeout must be at least 250 ms, was " + timeout);
        }
    }

    /** The database at {@code jdbcUrl} with the default pool, queue and timeout. */
    public static PostgresConfig of(String jdbcUrl, String user, String password) {
        return new PostgresConfig(jdbcUrl, user, password, DEFAULT_POOL_SIZE, DEFAULT_MAX_QUEUED, DEFAULT_TIMEOUT);
    }

    /** This configuration with another timeout. */
    public PostgresConfig withTimeout(Duration limit) {
        return new PostgresConfig(jdbcUrl, user, password, poolSize, maxQueued, limit);
    }

    /** This configuration with another pool size and queue bound. */
    public PostgresConfig withPool(int size, int queued) {
        return new PostgresConfig(jdbcUrl, user, password, size, queued, timeout);
    }

    /** Everything but the password. */
    @Override
    public String toString() {
        return "PostgresConfig[jdbcUrl=" + jdbcUrl + ", user=" + user + ", poolSize=" + poolSize + ", maxQueued="
                + maxQueued + ", timeout=" + timeout + "]";
    }
}
