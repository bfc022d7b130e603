/**
 * The server's own logs beside SLF4J's (issue #8): the access log, message tracing and run-time log levels.
 *
 * <pre>
 *   TransactionLayer ──TransactionObserver.onServerAnswered──► AccessLog.queue (bounded; full: drop, count)
 *                                                                  └─► "parley-access-log" thread ─► file
 *   network ─► MessageTrace.tracing(handler) ─► ...     ... ─► MessageTrace.tracing(transport layer) ─► network
 *                 (volatile read; a rule on the peer's address or the From/To/Request-URI user: logger parley.trace)
 * </pre>
 *
 * <ul>
 *   <li>{@link org.parley.server.log.AccessLog}: one line per server transaction (RFC 3261 §17.2), written
 *       asynchronously, never blocking the lane;</li>
 *   <li>{@link org.parley.server.log.MessageTrace}: whole messages at INFO to {@code parley.trace}, switched
 *       per source address or user at run time;</li>
 *   <li>{@link org.parley.server.log.LogLevels}: Logback levels changed at run time.</li>
 * </ul>
 *
 * <p>Thread model: the observer and the tracing decorators run on transaction lanes and network event loops
 * and never block; the access log's file is touched by its own thread only; rule and level changes come
 * from the admin server's threads. Depends on parley-transport, parley-transaction, parley-message,
 * SLF4J, Logback and Micrometer (the access log's counters).
 */
package org.parley.server.log;
