/**
 * The embedded stores of a single Parley node (issue #6): subscribers and bindings in one SQLite file,
 * {@code parley.db} in the data directory ({@code ./data} by default).
 *
 * <ul>
 *   <li>{@link org.parley.proxy.store.sqlite.SqliteDatabase}: the file, its pragmas (WAL,
 *       {@code synchronous=NORMAL}, a busy timeout) and its versioned schema.</li>
 *   <li>{@link org.parley.proxy.store.sqlite.SqliteSubscriberStore}: HA1 hashes per algorithm (RFC 7616
 *       §3.4.2), read through to the file on every lookup, so {@code ./parley user} changes reach a
 *       running server at once.</li>
 *   <li>{@link org.parley.proxy.store.sqlite.SqliteLocationStore}: the bindings of RFC 3261 §10 in a
 *       memory store, written behind to the file in batches at least once a second, loaded back at
 *       start.</li>
 * </ul>
 *
 * <pre>
 *   SIP path (event loops, lanes)          store threads                       parley.db (WAL)
 *   DigestServer ─ find ─► queue (bounded) ─► parley-sqlite-subscribers ─ read ─►  subscriber
 *   Registrar ─ apply ─► memory (at once) ─► dirty set ─► parley-sqlite-locations ─ write ─► binding
 *                                                     (every flushInterval ≤ 1 s)
 * </pre>
 *
 * <p>Thread model: each store owns one thread that alone uses its JDBC connection; futures complete on
 * it (or at once for answers from memory), so no caller blocks on the disk. Opening and closing block
 * their caller. Depends on {@code org.parley.proxy.auth}, {@code org.parley.proxy.location},
 * {@code parley-message} (Contact, Path), {@code parley-transport} (Source), sqlite-jdbc and SLF4J.
 */
package org.parley.proxy.store.sqlite;
