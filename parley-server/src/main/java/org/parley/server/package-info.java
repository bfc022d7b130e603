/**
 * The runnable Parley server (issue #8): {@link org.parley.server.ParleyServer} runs the registrar (and,
 * once wired, the proxy core) on the configured listeners, with its stores, TLS certificate, admin token,
 * binding sweeper and graceful shutdown; {@code ./parley server} (parley-cli) starts it from the command
 * line, a configuration file ({@code org.parley.server.config}) or both.
 *
 * <pre>
 *   ServerConfig ─► ParleyServer.start ─► data dir, admin token, stores ─► registrar + digest
 *                                      ─► TLS identity ─► transport + transactions (lanes) ─► sweeper
 *                                      ─► admin endpoint (AdminEndpoint.Factory, optional)
 *   close: ShutdownGate answers 503 + Retry-After ─► open transactions finish (bounded) ─► close all
 * </pre>
 *
 * <p>Thread model: the transport's event loops read and write sockets; the transaction lanes run the
 * gate, the core and the registrar (never blocking); the stores answer on their own threads; one timer
 * thread ({@code parley-sweeper}) removes expired bindings every second. Start, close and reload block
 * their caller. RFC 3261 §10.3 (registrar), §22 (digest), §21.5.4 (503 while stopping). Depends on
 * parley-proxy, parley-transaction, parley-transport, parley-message, Logback (levels) and
 * {@code org.parley.server.config} and {@code org.parley.server.tls}.
 */
package org.parley.server;
