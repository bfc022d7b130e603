package org.parley.proxy.store.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Holds the database's write lock from the test's own connection, as another process would, so that
 * a store's write waits on its own thread until {@link #close()}: what lets a test see which thread
 * writes and that the caller does not wait.
 */
final class WriteLock implements AutoCloseable {
    private final Connection connection;

    WriteLock(Path file) throws SQLException {
        connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        try (Statement s = connection.createStatement()) {
            s.execute("BEGIN IMMEDIATE");
        }
    }

    /** Releases the lock (rolls the empty transaction back) and closes the connection. */
    @Override
    public void close() throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("ROLLBACK");
        } finally {
            connection.close();
        }
    }
}
