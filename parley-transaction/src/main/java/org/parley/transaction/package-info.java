/**
 * SIP transactions (RFC 3261 §17 as amended by RFC 6026).
 *
 * <p>Built so far: the {@link org.parley.transaction.TransactionLayer} that matches what the
 * transport delivers ({@link org.parley.transaction.TransactionKey}: §17.1.3, §17.2.3 with the RFC
 * 2543 fallback) and runs the two non-INVITE machines — client (§17.1.2, Figure 6: Timers E, F, K)
 * and server (§17.2.2, Figure 8: Timer J) — handing the {@link org.parley.transaction.TransactionUser}
 * new requests, responses, synthetic 408 (timeout) and 503 (transport error) responses (§8.1.3.1),
 * and strays. The INVITE machines (Figures 5 and 7 with RFC 6026) are not built yet: sending an
 * INVITE is refused, and an INVITE received is handled like a non-INVITE request.
 *
 * <pre>
 *   transport thread                 lane = hash(Call-ID) mod lanes
 *   Inbound ──► TransactionLayer ──► Lane.execute ──► server/client table ──► machine ──► TransactionUser
 *                                                     (HashMap, lane-confined)   │ timers on the lane's
 *   TU: send(request, target) ─────► Lane.execute ──► machine ──► TransportLayer ◄┘ TimerWheel
 * </pre>
 *
 * <p>Thread model: every transaction lives on one {@link org.parley.transaction.Lane} (its Call-ID's,
 * so a dialog's transactions share one) and is touched only there: tables, machines and timers need
 * no lock. {@link org.parley.transaction.EventLoopLane} runs a lane on its own thread with the system
 * clock; {@link org.parley.transaction.VirtualLane} runs one in virtual time for tests. Keys and
 * the configuration are immutable; the counters are thread-safe.
 *
 * <p>Depends on {@code parley-message}, {@code parley-transport}, Netty's event loop and SLF4J.
 */
package org.parley.transaction;
