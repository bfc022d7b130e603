package org.parley.proxy.store.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.parley.proxy.auth.Subscriber;
import org.parley.proxy.auth.SubscriberStore;
import org.parley.ua.auth.DigestAlgorithm;

/**
 * Subscribers in the SQLite database (table {@code subscriber}: realm, user and one HA1 column per
 * plain algorithm; never a password, RFC 7616 §3.4.2).
 *
 * <p>Read-through, no cache: every {@link #find} reads the database, so a user added, changed or
 * removed by {@code ./parley user} (another process, the same file) counts for the next request of a
 * running server, without a restart. A lookup is one primary-key read of a small table.
 *
 * <p>Thread-safe. Every operation runs on the store's one I/O thread ({@value #THREAD_NAME}), which
 * alone uses the store's connection, and completes its future there; callers (event loops, transaction
 * lanes) never wait. At most {@link #QUEUE_CAPACITY} operations wait for that thread; past that, and
 * after {@link #close}, futures fail at once. A failed future carries a {@link SqliteStoreException}
 * naming the file and the operation.
 */
public final class SqliteSubscriberStore implements SubscriberStore, AutoCloseable {
    /** The name of the store's I/O thread. */
    public static final String THREAD_NAME = "parley-sqlite-subscribers";
    /** How many operations may wait for the I/O thread before new ones fail: a bound on memory. */
    public static final int QUEUE_CAPACITY = 10_000;

    private static final DigestAlgorithm[] ALGORITHMS = {
        DigestAlgorithm.MD5, DigestAlgorithm.SHA_256, DigestAlgorithm.SHA_512_256,
    };
    private static final String COLUMNS = "realm, username, ha1_md5, ha1_sha256, ha1_sha512_256";

    private final SqliteDatabase db;
    private final ThreadPoolExecutor io;
    private final Connection connection;
    private final PreparedStatement find;
    private final PreparedStatement put;
    private final PreparedStatement remove;
    private final PreparedStatement listAll;
    private final PreparedStatement listRealm;

    private SqliteSubscriberStore(SqliteDatabase db, Connection connection) throws SQLException {
        this.db = db;
        this.connection = connection;
        this.find = connection.prepareStatement("SELECT " + COLUMNS
                + " FROM subscriber WHERE realm = ? AND username = ?");
        this.put = connection.prepareStatement("INSERT INTO subscriber (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?)"
                + " ON CONFLICT (realm, username) DO UPDATE SET ha1_md5 = excluded.ha1_md5,"
                + " ha1_sha256 = excluded.ha1_sha256, ha1_sha512_256 = excluded.ha1_sha512_256");
        this.remove = connection.prepareStatement("DELETE FROM subscriber WHERE realm = ? AND username = ?");
        this.listAll = connection.prepareStatement("SELECT " + COLUMNS + " FROM subscriber ORDER BY realm, username");
        this.listRealm = connection.prepareStatement("SELECT " + COLUMNS + " FROM subscriber WHERE realm = ?"
                + " ORDER BY username");
        this.io = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUE_CAPACITY),
                r -> Thread.ofPlatform().name(THREAD_NAME).daemon().unstarted(r));
    }

    /**
     * A store over {@code db}. Opens a connection on the caller's thread (start-up, not an event loop).
     *
     * @throws SqliteStoreException naming the file when the connection cannot be opened
     */
    public static SqliteSubscriberStore open(SqliteDatabase db) {
        Objects.requireNonNull(db, "db");
        Connection c = null;
        try {
            c = db.connect();
            return new SqliteSubscriberStore(db, c);
        } catch (SQLException e) {
            closeQuietly(c);
            throw db.failure("cannot open the subscriber store", e);
        }
    }

    /** The database this store reads and writes. */
    public SqliteDatabase database() {
        return db;
    }

    @Override
    public CompletableFuture<Optional<Subscriber>> find(String user, String realm) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(realm, "realm");
        return submit("cannot read subscriber " + user + " of realm " + realm, () -> {
            find.setString(1, realm);
            find.setString(2, user);
            try (ResultSet r = find.executeQuery()) {
                return r.next() ? Optional.of(subscriber(r)) : Optional.empty();
            }
        });
    }

    @Override
    public CompletableFuture<Void> put(Subscriber subscriber) {
        Objects.requireNonNull(subscriber, "subscriber");
        return submit("cannot write subscriber " + subscriber.user() + " of realm " + subscriber.realm(), () -> {
            put.setString(1, subscriber.realm());
            put.setString(2, subscriber.user());
            for (int i = 0; i < ALGORITHMS.length; i++) {
                put.setString(3 + i, subscriber.ha1().get(ALGORITHMS[i]));
            }
            put.executeUpdate();
            return null;
        });
    }

    @Override
    public CompletableFuture<Boolean> remove(String user, String realm) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(realm, "realm");
        return submit("cannot remove subscriber " + user + " of realm " + realm, () -> {
            remove.setString(1, realm);
            remove.setString(2, user);
            return remove.executeUpdate() > 0;
        });
    }

    @Override
    public CompletableFuture<List<Subscriber>> list(String realm) {
        Objects.requireNonNull(realm, "realm");
        return submit("cannot list the subscribers" + (realm.isEmpty() ? "" : " of realm " + realm), () -> {
            PreparedStatement s = realm.isEmpty() ? listAll : listRealm;
            if (!realm.isEmpty()) {
                s.setString(1, realm);
            }
            List<Subscriber> all = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    all.add(subscriber(r));
                }
            }
            return List.copyOf(all);
        });
    }

    /**
     * Lets queued operations finish, then closes the connection; later calls fail. Waits up to 5 s for
     * the I/O thread, on the caller's thread (not an event loop). Idempotent.
     */
    @Override
    public void close() {
        if (io.isShutdown()) {
            return;
        }
        io.shutdown();
        try {
            if (!io.awaitTermination(5, TimeUnit.SECONDS)) {
                io.shutdownNow();
            }
        } catch (InterruptedException e) {
            io.shutdownNow();
            Thread.currentThread().interrupt();
        } finally {
            // The I/O thread has stopped (or been told to): the connection is this thread's now.
            closeQuietly(connection);
        }
    }

    private static Subscriber subscriber(ResultSet r) throws SQLException {
        Map<DigestAlgorithm, String> ha1 = new EnumMap<>(DigestAlgorithm.class);
        for (int i = 0; i < ALGORITHMS.length; i++) {
            String hash = r.getString(3 + i);
            if (hash != null) {
                ha1.put(ALGORITHMS[i], hash);
            }
        }
        return new Subscriber(r.getString(2), r.getString(1), ha1);
    }

    private <T> CompletableFuture<T> submit(String doing, SqlTask<T> task) {
        Supplier<T> onIoThread = () -> {
            try {
                return task.run();
            } catch (SQLException | RuntimeException e) {
                throw new SqliteStoreException("SQLite subscriber store " + db.file() + ": " + doing + ": "
                        + e.getMessage(), e);
            }
        };
        try {
            return CompletableFuture.supplyAsync(onIoThread, io);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new SqliteStoreException("SQLite subscriber store " + db.file()
                    + ": " + doing + ": " + (io.isShutdown() ? "the store is closed"
                    : QUEUE_CAPACITY + " operations already wait for the database")));
        }
    }

    private static void closeQuietly(Connection c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (SQLException ignored) {
            // Closing: nothing left to do with the connection whatever went wrong.
        }
    }

    /** One piece of work on the I/O thread. */
    @FunctionalInterface
    private interface SqlTask<T> {
        T run() throws SQLException;
    }
}
