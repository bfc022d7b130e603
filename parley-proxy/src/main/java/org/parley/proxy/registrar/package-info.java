/**
 * The registrar (RFC 3261 §10.3) with Path (RFC 3327) and outbound (RFC 5626) support:
 * {@link org.parley.proxy.registrar.Registrar} answers REGISTER from the
 * {@link org.parley.proxy.location.LocationStore} and, when configured, after the
 * {@link org.parley.proxy.auth.DigestServer}; {@link org.parley.proxy.registrar.RegistrarConfig}
 * names the domains, their realms, the expiry bounds and the per-record limit.
 *
 * <pre>
 *   REGISTER ─► 1 domain served? 404 ─► 2 Require 420 ─► 3 digest 401 ─► 5 To of the domain? 404
 *            ─► 4 own record? 403 ─► 6 '*' alone with Expires 0? 400 ─► 7 expiry 423 / clamp
 *            ─► store.apply (all or nothing: 400 out of order, 403 limit, 503 full, 500 failed)
 *            ─► 8 200: every binding with its remaining expires, Date, Supported, Path, Require outbound
 * </pre>
 *
 * <p>Thread model: thread-safe and non-blocking; answers complete on whichever thread completes the
 * stores' futures. Depends on {@code proxy.location}, {@code proxy.auth}, {@code parley-transaction}
 * ({@code ServerTransaction}), {@code parley-transport} ({@code Source}), {@code parley-message}, SLF4J.
 */
package org.parley.proxy.registrar;
