package org.parley.server.config;

import java.util.Objects;
import java.util.Optional;

/**
 * Where subscribers and bindings are kept. Immutable; checked when built.
 *
 * <ul>
 *   <li>{@link Kind#SQLITE}: both in {@code parley.db} of the data directory, the file
 *       {@code parley user --data DIR} writes (one node);</li>
 *   <li>{@link Kind#POSTGRES}: subscribers in PostgreSQL, bindings in Redis, so several nodes share them.
 *       The database password is never in the file: the file names the environment variable holding it.</li>
 * </ul>
 *
 * @param kind which stores
 * @param postgresUrl with POSTGRES: {@code jdbc:postgresql://HOST:PORT/DATABASE}
 * @param postgresUser with POSTGRES: the login role
 * @param postgresPasswordEnv with POSTGRES: the environment variable holding the role's password
 * @param redisUri with POSTGRES: {@code redis://HOST:PORT[/DB]} or {@code rediss://…} for the bindings
 */
public record StorageConfig(Kind kind, Optional<String> postgresUrl, String postgresUser,
        Optional<String> postgresPasswordEnv, Optional<String> redisUri) {

    /** The login role used when none is named. */
    public static final String DEFAULT_POSTGRES_USER = "parley";

    /** SQLite in the data directory. */
    public static final StorageConfig SQLITE = new StorageConfig(Kind.SQLITE, Optional.empty(), DEFAULT_POSTGRES_USER,
            Optional.empty(), Optional.empty());

    /** The storage kinds. */
    public enum Kind {
        /** SQLite in the data directory. */
        SQLITE,
        /** PostgreSQL for subscribers and Redis for bindings. */
        POSTGRES
    }

    /** Checks that PostgreSQL storage has its URL, password variable and Redis URI. */
    public StorageConfig {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(postgresUrl, "postgresUrl");
        Objects.requireNonNull(postgresUser, "postgresUser");
        Objects.requireNonNull(postgresPasswordEnv, "postgresPasswordEnv");
        Objects.requireNonNull(redisUri, "redisUri");
        if (kind == Kind.POSTGRES) {
            if (postgresUrl.isEmpty() || !postgresUrl.get().startsWith("jdbc:postgresql://")) {
                throw new IllegalArgumentException("postgres.url must be jdbc:postgresql://HOST:PORT/DATABASE, was "
                        + postgresUrl.map(u -> "\"" + u + "\"").orElse("missing"));
            }
            if (postgresPasswordEnv.isEmpty() || !postgresPasswordEnv.get().matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new IllegalArgumentException("postgres.passwordEnv must name an environment variable, was "
                        + postgresPasswordEnv.map(u -> "\"" + u + "\"").orElse("missing"));
            }
            if (redisUri.isEmpty() || !redisUri.get().matches("rediss?://.+")) {
                throw new IllegalArgumentException("redis.uri must be redis://HOST:PORT or rediss://HOST:PORT, was "
                        + redisUri.map(StorageConfig::maskUri).map(u -> "\"" + u + "\"").orElse("missing"));
            }
        }
    }

    /** PostgreSQL subscribers and Redis bindings. */
    public static StorageConfig postgres(String url, String user, String passwordEnv, String redisUri) {
        return new StorageConfig(Kind.POSTGRES, Optional.of(url), user, Optional.of(passwordEnv),
                Optional.of(redisUri));
    }

    /** {@code uri} with a password in its user-info replaced by {@code ***}. */
    public static String maskUri(String uri) {
        int scheme = uri.indexOf("://");
        int at = uri.indexOf('@');
        if (scheme < 0 || at < scheme) {
            return uri;
        }
        return uri.substring(0, scheme + 3) + "***" + uri.substring(at);
    }
}
