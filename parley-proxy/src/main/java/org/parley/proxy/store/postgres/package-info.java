/**
 * Subscribers in PostgreSQL, for several Parley nodes sharing their users (issue #6; the HA1 per
 * algorithm of RFC 7616 §3.4.2, never a password).
 *
 * <ul>
 *   <li>{@link org.parley.proxy.store.postgres.PostgresSubscriberStore}: blocking JDBC through a
 *       HikariCP pool, run on the store's own bounded executor so callers get futures at once.</li>
 *   <li>{@link org.parley.proxy.store.postgres.PostgresConfig}: URL, credentials, pool size, queue
 *       bound, timeout.</li>
 * </ul>
 *
 * <p>Schema (created when missing, under an advisory lock so that nodes starting together do not race;
 * {@value org.parley.proxy.store.postgres.PostgresSubscriberStore#SCHEMA_VERSION} recorded in
 * {@code parley_schema}):
 *
 * <pre>
 *   subscribers(realm TEXT, username TEXT, ha1_md5 TEXT, ha1_sha256 TEXT, ha1_sha512_256 TEXT,
 *               PRIMARY KEY (realm, username))          -- a NULL hash: none stored for that algorithm
 *   parley_schema(component TEXT PRIMARY KEY, version INTEGER)   -- ('subscribers', 1)
 * </pre>
 *
 * <pre>
 *   caller ─► find/put/remove/list ─► bounded queue ─► store thread ─► pool connection ─► PostgreSQL
 *     ◄── future (completed on the store thread; failed when the queue is full or PostgreSQL fails)
 * </pre>
 *
 * <p>Thread model: the store is thread-safe; the caller never blocks except in {@code open} and
 * {@code close}. Depends on {@code org.parley.proxy.auth}, {@code parley-ua}'s {@code DigestAlgorithm},
 * pgjdbc, HikariCP and SLF4J.
 */
package org.parley.proxy.store.postgres;
