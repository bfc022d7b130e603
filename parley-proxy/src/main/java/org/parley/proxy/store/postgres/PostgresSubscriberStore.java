package org.parley.proxy.store.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.parley.proxy.auth.Subscriber;
import org.parley.proxy.auth.SubscriberStore;
import org.parley.ua.auth.DigestAlgorithm;

/**
 * Subscribers in PostgreSQL, shared by several Parley nodes (issue #6): a user added through one node
 * (or {@code ./parley user add}) authenticates on every node at its next request, since every
 * {@link #find} reads the table (no cache to go stale).
 *
 * <p>Table {@value #TABLE}: one row per (realm, username), one nullable column per plain digest
 * algorithm holding H(username:realm:password) in lower-case hex (RFC 7616 §3.4.2); the schema is in
 * this package's documentation. {@link #put} is one {@code INSERT … ON CONFLICT … DO UPDATE}, so a
 * password change replaces every hash at once and drops those of algorithms no longer given.
 *
 * <p>Each operation takes a pooled connection (HikariCP, {@link PostgresConfig#poolSize()}) on one of
 * the store's own threads (as many as connections), queued behind at most
 * {@link PostgresConfig#maxQueued()} others; each wait, login and statement is bounded by
 * {@link PostgresConfig#timeout()}. A failure completes the future with an {@link IllegalStateException}
 * naming the store, its database and the operation (the registrar answers 500).
 *
 * <p>Thread model: thread-safe. The methods return at once; futures complete on the store's threads,
 * so what a caller chains on them runs there. Only {@link #open} and {@link #close} block.
 */
public final class PostgresSubscriberStore implements SubscriberStore, AutoCloseable {
    /** The table of subscribers. */
    public static final String TABLE = "subscribers";
    /** The layout this class reads and writes, recorded in {@code parley_schema}. */
    public static final int SCHEMA_VERSION = 1;
    /** Held while creating the schema, so nodes starting at once do not race on CREATE TABLE. */
    private static final long SCHEMA_LOCK = 0x7061726c6579_01L;
    /** The hash column of each plain algorithm. */
    private static final Map<DigestAlgorithm, String> COLUMNS = new EnumMap<>(Map.of(
            DigestAlgorithm.MD5, "ha1_md5",
            DigestAlgorithm.SHA_256, "ha1_sha256",
            DigestAlgorithm.SHA_512_256, "ha1_sha512_256"));
    private static final String HASHES = String.join(", ", COLUMNS.values());
    private static final String FIND = "SELECT " + HASHES + " FROM " + TABLE + " WHERE realm = ? AND username = ?";
    private static final String PUT = "INSERT INTO " + TABLE + " (realm, username, " + HASHES
            + ") VALUES (?, ?, ?, ?, ?) ON CONFLICT (realm, username) DO UPDATE SET "
            + String.join(", ", COLUMNS.values().stream().map(c -> c + " = EXCLUDED." + c).toList());
    private static final String REMOVE = "DELETE FROM " + TABLE + " WHERE realm = ? AND username = ?";
    // COLLATE "C": code-point order, as the memory store's String order, whatever the database's locale.
    private static final String ORDER = " ORDER BY realm COLLATE \"C\", username COLLATE \"C\"";
    private static final String LIST_ALL = "SELECT realm, username, " + HASHES + " FROM " + TABLE + ORDER;
    private static final String LIST_REALM = "SELECT realm, username, " + HASHES + " FROM " + TABLE
            + " WHERE realm = ?" + ORDER;
    private static final AtomicInteger STORES = new AtomicInteger();

    private final PostgresConfig config;
    private final HikariDataSource pool;
    private final ThreadPoolExecutor executor;
    private final String name;
    private final int timeoutSeconds;

    private PostgresSubscriberStore(PostgresConfig config, HikariDataSource pool) {
        this.config = config;
        this.pool = pool;
        this.name = nameOf(config);
        this.timeoutSeconds = timeoutSeconds(config);
        int id = STORES.incrementAndGet();
        AtomicInteger threads = new AtomicInteger();
        BlockingQueue<Runnable> queue = config.maxQueued() == 0 ? new SynchronousQueue<>()
                : new ArrayBlockingQueue<>(config.maxQueued());
        this.executor = new ThreadPoolExecutor(config.poolSize(), config.poolSize(), 0, TimeUnit.MILLISECONDS, queue,
                r -> {
                    Thread t = new Thread(r, "parley-postgres-" + id + "-" + threads.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    /**
     * Opens the pool and creates the schema when missing; blocks for at most about twice the timeout
     * (call it at start-up, not on an event loop).
     *
     * @throws IllegalStateException naming the database when it cannot be reached or logged into, or
     *         when its schema is newer than {@link #SCHEMA_VERSION}
     */
    public static PostgresSubscriberStore open(PostgresConfig config) {
        Objects.requireNonNull(config, "config");
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(hikari(config));
        } catch (RuntimeException e) {
            throw new IllegalStateException(nameOf(config) + ": cannot connect: " + rootMessage(e), e);
        }
        try {
            createSchema(pool, timeoutSeconds(config));
        } catch (SQLException | RuntimeException e) {
            pool.close();
            throw new IllegalStateException(nameOf(config) + ": cannot create or check the schema: "
                    + rootMessage(e), e);
        }
        return new PostgresSubscriberStore(config, pool);
    }

    private static HikariConfig hikari(PostgresConfig config) {
        long millis = config.timeout().toMillis();
        int seconds = timeoutSeconds(config);
        HikariConfig h = new HikariConfig();
        h.setPoolName("parley-subscribers");
        h.setJdbcUrl(config.jdbcUrl());
        h.setUsername(config.user());
        h.setPassword(config.password());
        h.setMaximumPoolSize(config.poolSize());
        h.setConnectionTimeout(millis);
        h.setValidationTimeout(Math.max(PostgresConfig.MIN_TIMEOUT.toMillis(), millis / 2));
        h.setInitializationFailTimeout(millis);
        // pgjdbc's own bounds, in whole seconds: connecting, logging in, and a backstop on every read.
        h.addDataSourceProperty("connectTimeout", seconds);
        h.addDataSourceProperty("loginTimeout", seconds);
        h.addDataSourceProperty("socketTimeout", seconds + 1);
        h.addDataSourceProperty("ApplicationName", "parley");
        return h;
    }

    private static void createSchema(HikariDataSource pool, int timeoutSeconds) throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.setQueryTimeout(timeoutSeconds);
            c.setAutoCommit(false);
            try {
                s.execute("SELECT pg_advisory_xact_lock(" + SCHEMA_LOCK + ")");
                s.execute("CREATE TABLE IF NOT EXISTS parley_schema (component TEXT PRIMARY KEY,"
                        + " version INTEGER NOT NULL)");
                s.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (realm TEXT NOT NULL, username TEXT NOT NULL, "
                        + String.join(" TEXT, ", COLUMNS.values()) + " TEXT, PRIMARY KEY (realm, username))");
                s.execute("INSERT INTO parley_schema (component, version) VALUES ('" + TABLE + "', " + SCHEMA_VERSION
                        + ") ON CONFLICT (component) DO NOTHING");
                try (ResultSet r = s.executeQuery("SELECT version FROM parley_schema WHERE component = '" + TABLE
                        + "'")) {
                    r.next();
                    int version = r.getInt(1);
                    if (version > SCHEMA_VERSION) {
                        throw new IllegalStateException("table " + TABLE + " has schema version " + version
                                + ", newer than this Parley's " + SCHEMA_VERSION);
                    }
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    /** The configuration (its {@code toString} leaves the password out). */
    public PostgresConfig config() {
        return config;
    }

    @Override
    public CompletableFuture<Optional<Subscriber>> find(String user, String realm) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(realm, "realm");
        return run("find " + user + " in " + realm, c -> {
            try (PreparedStatement s = prepare(c, FIND)) {
                s.setString(1, realm);
                s.setString(2, user);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(new Subscriber(user, realm, hashes(r, 1))) : Optional.empty();
                }
            }
        });
    }

    @Override
    public CompletableFuture<Void> put(Subscriber subscriber) {
        Objects.requireNonNull(subscriber, "subscriber");
        return run("put " + subscriber.user() + " in " + subscriber.realm(), c -> {
            try (PreparedStatement s = prepare(c, PUT)) {
                s.setString(1, subscriber.realm());
                s.setString(2, subscriber.user());
                int i = 3;
                for (DigestAlgorithm a : COLUMNS.keySet()) {
                    s.setString(i++, subscriber.ha1().get(a));
                }
                s.executeUpdate();
                return null;
            }
        });
    }

    @Override
    public CompletableFuture<Boolean> remove(String user, String realm) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(realm, "realm");
        return run("remove " + user + " in " + realm, c -> {
            try (PreparedStatement s = prepare(c, REMOVE)) {
                s.setString(1, realm);
                s.setString(2, user);
                return s.executeUpdate() > 0;
            }
        });
    }

    @Override
    public CompletableFuture<List<Subscriber>> list(String realm) {
        Objects.requireNonNull(realm, "realm");
        return run(realm.isEmpty() ? "list every realm" : "list " + realm, c -> {
            try (PreparedStatement s = prepare(c, realm.isEmpty() ? LIST_ALL : LIST_REALM)) {
                if (!realm.isEmpty()) {
                    s.setString(1, realm);
                }
                List<Subscriber> all = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        all.add(new Subscriber(r.getString(2), r.getString(1), hashes(r, 3)));
                    }
                }
                return List.copyOf(all);
            }
        });
    }

    /**
     * Stops taking operations, lets those queued finish (waiting at most the timeout), and closes the
     * pool. Idempotent.
     */
    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(config.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        } finally {
            pool.close();
        }
    }

    @Override
    public String toString() {
        return name;
    }

    private PreparedStatement prepare(Connection c, String sql) throws SQLException {
        PreparedStatement s = c.prepareStatement(sql);
        s.setQueryTimeout(timeoutSeconds);
        return s;
    }

    private static Map<DigestAlgorithm, String> hashes(ResultSet r, int firstColumn) throws SQLException {
        Map<DigestAlgorithm, String> hashes = new EnumMap<>(DigestAlgorithm.class);
        int i = firstColumn;
        for (DigestAlgorithm a : COLUMNS.keySet()) {
            String h = r.getString(i++);
            if (h != null) {
                hashes.put(a, h);
            }
        }
        return hashes;
    }

    /** Runs {@code work} on a pooled connection on one of the store's threads. */
    private <T> CompletableFuture<T> run(String what, SqlWork<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            executor.execute(() -> {
                try (Connection c = pool.getConnection()) {
                    result.complete(work.run(c));
                } catch (SQLException | RuntimeException e) {
                    result.completeExceptionally(new IllegalStateException(name + ": " + what + " failed: "
                            + rootMessage(e), e));
                }
            });
        } catch (RejectedExecutionException e) {
            String why = executor.isShutdown() ? "the store is closed"
                    : "queue full (" + config.maxQueued() + " operations waiting)";
            result.completeExceptionally(new IllegalStateException(name + ": " + what + " failed: " + why, e));
        }
        return result;
    }

    private static int timeoutSeconds(PostgresConfig config) {
        return (int) Math.max(1, (config.timeout().toMillis() + 999) / 1000);
    }

    private static String nameOf(PostgresConfig config) {
        return "PostgreSQL subscriber store at " + config.jdbcUrl();
    }

    /** The innermost message: pgjdbc and HikariCP wrap the reason a person needs (refused, timed out, bad login). */
    private static String rootMessage(Throwable e) {
        Throwable t = e;
        StringBuilder b = new StringBuilder(String.valueOf(e.getMessage()));
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
            if (t.getMessage() != null && !b.toString().contains(t.getMessage())) {
                b.append(": ").append(t.getMessage());
            }
        }
        return b.toString();
    }

    /** Work on one connection. */
    @FunctionalInterface
    private interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }
}
