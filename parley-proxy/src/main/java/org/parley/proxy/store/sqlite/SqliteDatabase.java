package org.parley.proxy.store.sqlite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * The SQLite database file that holds Parley's embedded stores: {@code parley.db} in the data
 * directory ({@code ./data} by default), shared by {@link SqliteSubscriberStore}, {@link
 * SqliteLocationStore} and the {@code ./parley user} commands, possibly in several processes at once.
 *
 * <p>{@link #open} creates the directory and the file when missing and the schema on first use,
 * recorded in a one-row version table, and refuses a file that is not a database or whose schema is
 * newer than this code knows. Every connection runs in WAL mode (readers never wait for the writer,
 * another process sees each commit at once) with {@code synchronous=NORMAL} (a commit waits for the
 * WAL write, not for fsync: a power loss may drop the last commits but never corrupts the file), and
 * waits up to {@link #BUSY_TIMEOUT} when another connection holds the write lock.
 *
 * <p>Immutable and thread-safe; {@link #open} does blocking file I/O on the caller's thread and is meant
 * for start-up, never for an event loop.
 */
public final class SqliteDatabase {
    /** The data directory when none is configured: {@code ./data}, as issue #6 names it. */
    public static final Path DEFAULT_DATA_DIRECTORY = Path.of("data");
    /** The database file's name inside the data directory. */
    public static final String FILE_NAME = "parley.db";
    /** How long a statement waits for another connection's write lock before failing. */
    public static final Duration BUSY_TIMEOUT = Duration.ofSeconds(5);
    /** The schema version this code writes; {@link #open} refuses a file with a higher one. */
    static final int SCHEMA_VERSION = 1;

    private static final String[] SCHEMA = {
        "CREATE TABLE IF NOT EXISTS subscriber (realm TEXT NOT NULL, username TEXT NOT NULL, ha1_md5 TEXT,"
            + " ha1_sha256 TEXT, ha1_sha512_256 TEXT, PRIMARY KEY (realm, username)) WITHOUT ROWID",
        "CREATE TABLE IF NOT EXISTS binding (aor TEXT NOT NULL, position INTEGER NOT NULL, contact TEXT NOT NULL,"
            + " expires_at INTEGER NOT NULL, call_id TEXT NOT NULL, cseq INTEGER NOT NULL, path TEXT NOT NULL,"
            + " instance_id TEXT, reg_id INTEGER, transport TEXT NOT NULL, remote_host TEXT NOT NULL,"
            + " remote_port INTEGER NOT NULL, local_host TEXT NOT NULL, local_port INTEGER NOT NULL,"
            + " connection_id INTEGER NOT NULL, peer_identities TEXT NOT NULL, user_agent TEXT,"
            + " PRIMARY KEY (aor, position))",
        // Expired rows leave by a range over this index, never a scan of the table.
        "CREATE INDEX IF NOT EXISTS binding_expires_at ON binding (expires_at)",
    };

    private final Path file;

    private SqliteDatabase(Path file) {
        this.file = file;
    }

    /**
     * Opens (creating when missing) {@link #FILE_NAME} in {@code dataDirectory}, creating the directory
     * and the schema as needed.
     *
     * @throws SqliteStoreException naming the directory or file when it cannot be created, opened or
     *     written, when the file is not an SQLite database, or when its schema is newer than this code's
     */
    public static SqliteDatabase open(Path dataDirectory) {
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Path dir = dataDirectory.toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
        } catch (IOException | SecurityException e) {
            throw new SqliteStoreException("cannot create the data directory " + dir + ": " + reason(e), e);
        }
        if (!Files.isWritable(dir)) {
            throw new SqliteStoreException("the data directory " + dir + " is not writable");
        }
        SqliteDatabase db = new SqliteDatabase(dir.resolve(FILE_NAME));
        try (Connection c = db.connect()) {
            db.createSchema(c);
        } catch (SQLException e) {
            throw db.failure("cannot open", e);
        }
        return db;
    }

    /** The database file. */
    public Path file() {
        return file;
    }

    /**
     * A new connection with the pragmas above; its owner closes it and confines it to one thread at a
     * time.
     */
    Connection connect() throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout = " + BUSY_TIMEOUT.toMillis());
            try (ResultSet mode = s.executeQuery("PRAGMA journal_mode = WAL")) {
                String got = mode.next() ? mode.getString(1) : "none";
                if (!"wal".equals(got.toLowerCase(Locale.ROOT))) {
                    throw new SQLException("cannot switch to WAL mode, the journal mode stays " + got);
                }
            }
            s.execute("PRAGMA synchronous = NORMAL");
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return c;
    }

    /** An exception naming this file, what was being done and SQLite's reason. */
    SqliteStoreException failure(String doing, Exception cause) {
        return new SqliteStoreException("SQLite database " + file + ": " + doing + ": " + reason(cause), cause);
    }

    private void createSchema(Connection c) throws SQLException {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS parley_schema (version INTEGER NOT NULL)");
            int version = 0;
            try (ResultSet r = s.executeQuery("SELECT max(version) FROM parley_schema")) {
                if (r.next()) {
                    version = r.getInt(1);
                }
            }
            if (version > SCHEMA_VERSION) {
                c.rollback();
                throw new SQLException("its schema version is " + version + ", newer than this Parley's "
                        + SCHEMA_VERSION + "; use a newer Parley or another data directory");
            }
            for (String ddl : SCHEMA) {
                s.execute(ddl);
            }
            if (version == 0) {
                s.execute("INSERT INTO parley_schema (version) VALUES (" + SCHEMA_VERSION + ")");
            }
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        }
    }

    private static String reason(Exception e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }

    @Override
    public String toString() {
        return "SqliteDatabase[" + file + "]";
    }
}
