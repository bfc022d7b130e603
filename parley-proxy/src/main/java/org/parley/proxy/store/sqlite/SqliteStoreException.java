package org.parley.proxy.store.sqlite;

/**
 * An SQLite store could not do what was asked: the database file cannot be created, opened or
 * written, is not a database, or was written by a newer Parley. The message names the store, the
 * file and what failed, with SQLite's own reason; a failed future of a store carries one. Immutable.
 */
public final class SqliteStoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A failure with the underlying cause. */
    public SqliteStoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A failure without an underlying exception. */
    public SqliteStoreException(String message) {
        super(message);
    }
}
