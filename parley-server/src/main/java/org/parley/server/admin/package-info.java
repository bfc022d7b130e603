/**
 * The admin HTTP endpoint (issue #8): Prometheus metrics, health, and a small JSON API protected by a bearer
 * token, on the JDK's {@code com.sun.net.httpserver} with virtual threads.
 *
 * <pre>
 *   HTTP client ─► AdminServer (one virtual thread per request)
 *                    ├─ /metrics ─────────► MetricsSource.scrape()      (no token)
 *                    ├─ /health ──────────► ServerView.health()         (no token)
 *                    └─ /api/* ─ Bearer ──► AdminApi ─► ServerView (registrations, transactions, calls)
 *                                  (401)              ├► MessageTrace (trace rules)
 *                                                     └► LogLevels    (run-time levels)
 * </pre>
 *
 * <ul>
 *   <li>{@link org.parley.server.admin.ServerView} and {@link org.parley.server.admin.MetricsSource}: the SPI
 *       the server implements (its registrations, transactions, calls, health) and the metrics text;</li>
 *   <li>{@link org.parley.server.admin.AdminToken}: the bearer token (RFC 6750), made at first start in the
 *       data directory, owner-only, compared in constant time;</li>
 *   <li>{@link org.parley.server.admin.StoreRegistrations}: a location store's bindings (RFC 3261 §10) as
 *       the API lists them.</li>
 * </ul>
 *
 * <p>Thread model: requests run concurrently on virtual threads and may block, each wait on a store bounded
 * (5 s, then 503); the view, trace and levels they use are thread-safe. Depends on parley-proxy (location
 * types), parley-transaction (counters), {@code org.parley.server.log} (trace, levels), Jackson (JSON) and
 * SLF4J; never on {@code org.parley.server.metrics}, which depends on this package's SPI.
 */
package org.parley.server.admin;
