package org.parley.proxy.store.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.parley.proxy.location.AddressOfRecord;
import org.parley.proxy.location.Binding;
import org.parley.proxy.location.BindingChange;
import org.parley.proxy.location.ChangeResult;
import org.parley.proxy.location.LocationCounts;
import org.parley.proxy.location.LocationStore;
import org.parley.proxy.location.MemoryLocationStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The location service of a single node, kept across restarts in the SQLite database (table {@code
 * binding}). The authoritative copy is a {@link MemoryLocationStore}: {@link #apply} and {@link #lookup}
 * answer from it at once, with its atomicity, limits and expiry index, and never touch the disk. The
 * file is written behind (issue #6: "writes go behind the SIP path, batched; a crash loses at most the
 * last second of refreshes"):
 *
 * <pre>
 *   apply ─► memory store ─► APPLIED? ─► mark the record dirty (a set: ten refreshes of one record
 *                                         between flushes are one write)
 *   writer thread, every flushInterval (≤ 1 s), on {@link #flush()} and on {@link #close()}:
 *     take the dirty records ─► one transaction: per record, delete its rows and insert its live
 *     bindings (in order, with their position); delete rows expired by now (indexed range) ─► commit
 *     (on failure: roll back, the records stay dirty for the next flush)
 *   open: delete expired rows, load the rest into the memory store, in each record's order
 * </pre>
 *
 * <p>Memory: the dirty set holds at most one entry per record, so it is bounded by the memory store's
 * bound. A change applied while {@link #close()} runs may miss the last flush.
 *
 * <p>Thread-safe. The writer thread ({@value #THREAD_NAME}) alone uses the store's connection and is
 * the only thread that writes the file; the flush timer is that thread's own executor (it reads the
 * system's monotonic clock for the interval only; expiry follows the injected clock). {@link #open}
 * and {@link #close()} block their caller on file I/O (start-up and shut-down, not an event loop).
 */
public final class SqliteLocationStore implements LocationStore, AutoCloseable {
    /** The name of the store's writer thread. */
    public static final String THREAD_NAME = "parley-sqlite-locations";

    private static final Logger LOG = LoggerFactory.getLogger(SqliteLocationStore.class);

    private final SqliteDatabase db;
    private final InstantSource clock;
    private final MemoryLocationStore memory;
    private final Set<AddressOfRecord> dirty = ConcurrentHashMap.newKeySet();
    private final ScheduledThreadPoolExecutor writer;
    private final Connection connection;
    private final PreparedStatement deleteRecord;
    private final PreparedStatement insert;
    private final PreparedStatement deleteExpired;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicLong flushFailures = new AtomicLong();
    private volatile boolean failing;

    private SqliteLocationStore(SqliteDatabase db, InstantSource clock, SqliteLocationConfig config, Connection c)
            throws SQLException {
        this.db = db;
        this.clock = clock;
        this.memory = new MemoryLocationStore(clock, config.maxBindings());
        this.connection = c;
        c.setAutoCommit(false);
        this.deleteRecord = c.prepareStatement("DELETE FROM binding WHERE aor = ?");
        this.insert = c.prepareStatement("INSERT INTO binding (" + BindingRows.COLUMNS + ") VALUES ("
                + BindingRows.PLACEHOLDERS + ")");
        this.deleteExpired = c.prepareStatement("DELETE FROM binding WHERE expires_at <= ?");
        this.writer = new ScheduledThreadPoolExecutor(1,
                r -> Thread.ofPlatform().name(THREAD_NAME).daemon().unstarted(r));
    }

    /**
     * A store over {@code db}: deletes the expired rows, loads the others into memory and starts the
     * writer thread. Blocks the caller on file I/O.
     *
     * @throws SqliteStoreException naming the file when it cannot be read or written
     */
    public static SqliteLocationStore open(SqliteDatabase db, InstantSource clock, SqliteLocationConfig config) {
        Objects.requireNonNull(db, "db");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(config, "config");
        Connection c = null;
        SqliteLocationStore store = null;
        try {
            c = db.connect();
            store = new SqliteLocationStore(db, clock, config, c);
            store.load();
        } catch (SQLException e) {
            if (store != null) {
                store.writer.shutdownNow();
            }
            closeQuietly(c);
            throw db.failure("cannot load the bindings", e);
        }
        long every = config.flushInterval().toMillis();
        store.writer.scheduleWithFixedDelay(store::flushQuietly, every, every, TimeUnit.MILLISECONDS);
        return store;
    }

    /** A store with {@link SqliteLocationConfig#defaults()}. */
    public static SqliteLocationStore open(SqliteDatabase db, InstantSource clock) {
        return open(db, clock, SqliteLocationConfig.defaults());
    }

    /** The database this store writes. */
    public SqliteDatabase database() {
        return db;
    }

    @Override
    public CompletableFuture<List<Binding>> lookup(AddressOfRecord aor) {
        if (closed.get()) {
            return CompletableFuture.failedFuture(closedFailure("cannot look up " + aor));
        }
        return memory.lookup(aor);
    }

    /** Applies the change in memory at once (see {@link LocationStore#apply}); the file follows within a flush. */
    @Override
    public CompletableFuture<ChangeResult> apply(BindingChange change) {
        Objects.requireNonNull(change, "change");
        if (closed.get()) {
            return CompletableFuture.failedFuture(closedFailure("cannot change " + change.aor()));
        }
        return memory.apply(change).thenApply(r -> {
            if (r.isApplied()) {
                dirty.add(change.aor());
            }
            return r;
        });
    }

    @Override
    public CompletableFuture<List<AddressOfRecord>> addressesOfRecord(String afterKey, int limit) {
        return memory.addressesOfRecord(afterKey, limit);
    }

    @Override
    public CompletableFuture<LocationCounts> count() {
        return memory.count();
    }

    /**
     * Removes the bindings due by the clock from memory ({@link MemoryLocationStore#removeExpired()});
     * their rows leave the file at the next flush. A server calls it from a periodic timer.
     *
     * @return how many bindings were removed
     */
    public int removeExpired() {
        return memory.removeExpired();
    }

    /**
     * Writes the records changed since the last flush now, on the writer thread, in one transaction.
     *
     * @return a future of how many records were written, completed on the writer thread; failed with a
     *     {@link SqliteStoreException} naming the file when the write failed (the records stay due)
     */
    public CompletableFuture<Integer> flush() {
        try {
            return CompletableFuture.supplyAsync(this::flushNow, writer);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(closedFailure("cannot flush"));
        }
    }

    /** Flushes that failed since the store opened (each is retried by the next). */
    public long flushFailures() {
        return flushFailures.get();
    }

    /**
     * Stops the timer, writes what is left, closes the connection. Waits up to 10 s for the writer
     * thread on the caller's thread. Idempotent; later operations fail.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        writer.execute(() -> {
            try {
                flushNow();
            } catch (SqliteStoreException e) {
                LOG.error("{}; the last changes are lost", e.getMessage());
            } finally {
                closeQuietly(connection);
            }
        });
        writer.shutdown();
        try {
            if (!writer.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.error("SQLite location store {}: the last flush did not end within 10 s", db.file());
                writer.shutdownNow();
            }
        } catch (InterruptedException e) {
            writer.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private void load() throws SQLException {
        Instant now = clock.instant();
        deleteExpired.setLong(1, now.toEpochMilli());
        int expired = deleteExpired.executeUpdate();
        connection.commit();
        int loaded = 0;
        int skipped = 0;
        List<Binding> record = new ArrayList<>();
        try (PreparedStatement all = connection.prepareStatement("SELECT " + BindingRows.COLUMNS
                + " FROM binding ORDER BY aor, position");
                ResultSet r = all.executeQuery()) {
            while (r.next()) {
                Binding b;
                try {
                    b = BindingRows.read(r);
                } catch (RuntimeException e) {
                    skipped++;
                    LOG.warn("SQLite location store {}: skipping an unreadable binding of {}: {}", db.file(),
                            r.getString(1), e.getMessage());
                    continue;
                }
                if (!record.isEmpty() && !record.get(0).aor().equals(b.aor())) {
                    loaded += restore(record, now);
                    record.clear();
                }
                record.add(b);
            }
        }
        connection.commit();
        if (!record.isEmpty()) {
            loaded += restore(record, now);
        }
        LOG.info("SQLite location store {}: loaded {} bindings, dropped {} expired, skipped {} unreadable",
                db.file(), loaded, expired, skipped);
    }

    /** Puts one record's bindings back into memory; returns how many went in. */
    private int restore(List<Binding> record, Instant now) {
        AddressOfRecord aor = record.get(0).aor();
        ChangeResult r = memory.apply(BindingChange.of(aor, now, "", 0, record, Integer.MAX_VALUE)).join();
        if (!r.isApplied()) {
            LOG.warn("SQLite location store {}: cannot restore the {} bindings of {}: {}", db.file(), record.size(),
                    aor, r.outcome());
            return 0;
        }
        return r.bindings().size();
    }

    /** One flush, on the writer thread. */
    private int flushNow() {
        List<AddressOfRecord> batch = new ArrayList<>();
        // Taken out before reading the record: a change after the read marks it dirty again.
        for (Iterator<AddressOfRecord> it = dirty.iterator(); it.hasNext();) {
            batch.add(it.next());
            it.remove();
        }
        try {
            for (AddressOfRecord aor : batch) {
                deleteRecord.setString(1, aor.key());
                deleteRecord.addBatch();
            }
            deleteRecord.executeBatch();
            for (AddressOfRecord aor : batch) {
                List<Binding> live = memory.lookup(aor).join();
                for (int i = 0; i < live.size(); i++) {
                    BindingRows.bind(insert, live.get(i), i);
                    insert.addBatch();
                }
            }
            insert.executeBatch();
            deleteExpired.setLong(1, clock.instant().toEpochMilli());
            deleteExpired.executeUpdate();
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly();
            dirty.addAll(batch);
            flushFailures.incrementAndGet();
            throw new SqliteStoreException("SQLite location store " + db.file() + ": cannot write " + batch.size()
                    + " changed records: " + e.getMessage(), e);
        }
        return batch.size();
    }

    private void flushQuietly() {
        try {
            flushNow();
            if (failing) {
                failing = false;
                LOG.info("SQLite location store {}: writing again", db.file());
            }
        } catch (SqliteStoreException e) {
            // Once per failing spell, not once a second; the counter keeps the number.
            if (!failing) {
                failing = true;
                LOG.error("{}; retrying every flush", e.getMessage());
            }
        }
    }

    private SqliteStoreException closedFailure(String doing) {
        return new SqliteStoreException("SQLite location store " + db.file() + ": " + doing + ": the store is closed");
    }

    private void rollbackQuietly() {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // The connection is broken; the next flush reports what is wrong with it.
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
}
