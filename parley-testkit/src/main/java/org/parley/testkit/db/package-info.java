/**
 * Launchers for real database servers on loopback, for the integration tests of the shared stores
 * (PostgreSQL for subscribers, Redis for locations; issue #6): each test starts its own instance on
 * a free 127.0.0.1 port with a throw-away directory, never a system service or a fixed port, and
 * stops it afterwards.
 *
 * <ul>
 *   <li>{@link org.parley.testkit.db.PostgresServer}: {@code initdb} into a temporary directory,
 *       {@code postgres} on it, a login role with a password and a database it owns; a JDBC URL,
 *       host, port, user and password to connect with. Run as {@code nobody} when the JVM is root,
 *       since PostgreSQL refuses root.</li>
 *   <li>{@link org.parley.testkit.db.RedisServer}: {@code redis-server} without persistence; host,
 *       port and a {@code redis://} URI.</li>
 * </ul>
 *
 * <pre>
 *   builder()..start() ──► find programs ──► temp dir ──► server on a free port ──► ready? ──► handle
 *        │                     └ missing: IllegalStateException naming the Debian package     │
 *        └ port taken meanwhile: again on another port (bounded)                               │
 *   close(): stop (pg_ctl stop -m immediate / SIGTERM), SIGKILL what is left, rm -r temp dir ◄──┘
 * </pre>
 *
 * <p>Readiness: PostgreSQL's {@code postmaster.pid} status line reads "ready" (as
 * {@code pg_ctl start -w} checks), then {@code psql} creates the role and database; Redis answers
 * {@code PING}. Clients (pgjdbc, HikariCP, Lettuce) are the tests' business: this package starts
 * and stops servers with the JDK alone.
 *
 * <p>Thread model: builders are confined to one thread; the server handles are thread-safe and their
 * {@code close()} is idempotent. Every wait is bounded (start timeouts, stop grace periods); start
 * deadlines are measured with {@code System.nanoTime()}, as these launchers run real processes in
 * real time. Linux only ({@code /proc/self/status}, {@code setpriv}).
 *
 * <p>Dependencies: the JDK only. No test framework.
 */
package org.parley.testkit.db;
