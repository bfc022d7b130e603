package org.parley.server;

import java.time.InstantSource;
import org.parley.proxy.auth.SubscriberStore;
import org.parley.proxy.location.LocationStore;
import org.parley.proxy.store.postgres.PostgresConfig;
import org.parley.proxy.store.postgres.PostgresSubscriberStore;
import org.parley.proxy.store.redis.RedisConfig;
import org.parley.proxy.store.redis.RedisLocationStore;
import org.parley.proxy.store.sqlite.SqliteDatabase;
import org.parley.proxy.store.sqlite.SqliteLocationConfig;
import org.parley.proxy.store.sqlite.SqliteLocationStore;
import org.parley.proxy.store.sqlite.SqliteSubscriberStore;
import org.parley.server.config.ServerConfig;
import org.parley.server.config.StorageConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's subscriber and location stores, as the configuration's {@code storage} says:
 *
 * <ul>
 *   <li>SQLite: both in {@code DATA/parley.db}, the file {@code parley user --data DATA} writes. The
 *       subscriber store reads through to the file on every lookup (no cache), so a user added while
 *       the server runs is found at its next REGISTER. Bindings live in memory and are written behind
 *       at least once a second; expired ones are removed by {@link #removeExpired()}, which the server
 *       calls every second (the SQLite store does not sweep by itself).</li>
 *   <li>PostgreSQL and Redis: subscribers in PostgreSQL (read on every lookup too), bindings in Redis,
 *       whose key TTLs remove expired records; {@link #removeExpired()} has nothing to do.</li>
 * </ul>
 *
 * <p>Thread-safe: the stores are, and the fields are final.
 */
final class ServerStores implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ServerStores.class);

    private final SubscriberStore subscribers;
    private final LocationStore locations;
    private final AutoCloseable subscriberCloser;
    private final AutoCloseable locationCloser;

    private ServerStores(SubscriberStore subscribers, AutoCloseable subscriberCloser, LocationStore locations,
            AutoCloseable locationCloser) {
        this.subscribers = subscribers;
        this.subscriberCloser = subscriberCloser;
        this.locations = locations;
        this.locationCloser = locationCloser;
    }

    /**
     * Opens the configured stores; blocks on file or network I/O.
     *
     * @throws org.parley.proxy.store.sqlite.SqliteStoreException naming the file it cannot use
     * @throws IllegalStateException when PostgreSQL or Redis cannot be reached (the message names it)
     * @throws IllegalArgumentException when the password variable is not set
     */
    static ServerStores open(ServerConfig config, InstantSource clock) {
        StorageConfig s = config.storage();
        if (s.kind() == StorageConfig.Kind.SQLITE) {
            SqliteDatabase db = SqliteDatabase.open(config.dataDirectory());
            SqliteSubscriberStore subscribers = SqliteSubscriberStore.open(db);
            try {
                SqliteLocationStore locations = SqliteLocationStore.open(db, clock,
                        SqliteLocationConfig.defaults().withMaxBindings(config.limits().maxBindings()));
                return new ServerStores(subscribers, subscribers, locations, locations);
            } catch (RuntimeException e) {
                subscribers.close();
                throw e;
            }
        }
        String variable = s.postgresPasswordEnv().orElseThrow();
        String password = System.getenv(variable);
        if (password == null) {
            throw new IllegalArgumentException("storage.postgres.passwordEnv names " + variable
                    + ", which is not set in the server's environment");
        }
        PostgresSubscriberStore subscribers = PostgresSubscriberStore.open(PostgresConfig.of(
                s.postgresUrl().orElseThrow(), s.postgresUser(), password));
        try {
            RedisLocationStore locations = RedisLocationStore.open(RedisConfig.of(s.redisUri().orElseThrow()), clock);
            return new ServerStores(subscribers, subscribers, locations, locations);
        } catch (RuntimeException e) {
            subscribers.close();
            throw e;
        }
    }

    SubscriberStore subscribers() {
        return subscribers;
    }

    LocationStore locations() {
        return locations;
    }

    /** Removes expired bindings from a SQLite store; how many went (Redis expires its own). */
    int removeExpired() {
        return locations instanceof SqliteLocationStore sqlite ? sqlite.removeExpired() : 0;
    }

    /** Closes both stores; the SQLite location store writes its last changes first. */
    @Override
    public void close() {
        closeQuietly(locationCloser, "location");
        closeQuietly(subscriberCloser, "subscriber");
    }

    private static void closeQuietly(AutoCloseable store, String what) {
        try {
            store.close();
        } catch (Exception e) {
            LOG.error("closing the {} store failed: {}", what, e.toString());
        }
    }
}
