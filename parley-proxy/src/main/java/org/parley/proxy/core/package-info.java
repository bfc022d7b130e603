/**
 * The stateful forking proxy core (RFC 3261 §16; RFC 3327 Path, RFC 5626 flows, RFC 5658 double
 * Record-Route): {@link org.parley.proxy.core.Proxy}, a {@code TransactionUser} configured by an
 * immutable {@link org.parley.proxy.core.ProxyConfig}.
 *
 * <pre>
 *  server transaction ──► §16.3 RequestChecks (400, 416, 483, 482, 420; OPTIONS to us 200)
 *                     ──► §16.4 RoutePreprocessing (strict-router Request-URI, our Route values off, flows)
 *                     ──► REGISTER for our domain ──► Registrar
 *                     ──► §22.3 Authentication: DigestServer (407) for INVITE/MESSAGE/SUBSCRIBE of our users
 *                     ──► §16.5 TargetDetermination: Route ▸ flow ▸ LocationStore (Path, q groups) ▸ R-URI
 *                     ──► ResponseContext ──► Branch per target: Forwarding copy (§16.6), RFC 3263,
 *                                             client transaction, Timer C (§16.8)
 *  responses ──► ResponseContext (§16.7: 1xx and every 2xx forwarded, best final, 503→500, 401/407 merged)
 *  CANCEL    ──► 200, CANCEL per pending branch (§16.10)
 *  2xx ACK, stray responses ──► StatelessRelay (§16.11)
 * </pre>
 *
 * <p>Loops and spirals: our Via branch is {@code z9hG4bKpp} + a hash of the request's
 * loop-relevant fields + a per-fork part ({@link org.parley.proxy.core.LoopHash}); a request that comes
 * back with a Via of ours whose hash equals its own is a loop (482), anything else a spiral.
 *
 * <p>NAT: a client that reached us over a connection, or whose Via/Contact shows another address than
 * its packets' (RFC 3581 received/rport), is reached back over its flow. For registered clients the
 * flow is the binding's source; for dialogs, the Record-Route we insert carries the flows of both ends
 * in its user part ({@code sip:pf.udp-c0a80007-5060@proxy;lr}, see {@link org.parley.proxy.core.Flow}),
 * and an in-dialog request that pops it goes over the flow it did not arrive on.
 *
 * <p>Thread model: the transaction layer calls the proxy on the lane of the message's Call-ID; a
 * request's response context, its branches and their Timer C live on that lane and take no lock.
 * Futures of the stores, the authenticator and the RFC 3263 locator complete on their own threads and
 * are carried back with {@code TransactionLayer.execute}. Shared: the INVITE-context and call maps
 * (concurrent) and the counters ({@code LongAdder}). {@code stats()} and {@code calls()} are for any thread.
 *
 * <p>Depends on {@code parley-transaction}, {@code parley-transport}, {@code parley-message} and this
 * module's {@code location}, {@code auth} and {@code registrar} packages.
 */
package org.parley.proxy.core;
