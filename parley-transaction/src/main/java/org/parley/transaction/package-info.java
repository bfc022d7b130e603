/**
 * SIP transactions (RFC 3261 §17 as amended by RFC 6026).
 *
 * <p>The {@link org.parley.transaction.TransactionLayer} matches what the transport delivers
 * ({@link org.parley.transaction.TransactionKey}: §17.1.3, §17.2.3 with the RFC 2543 fallback) and
 * runs the four machines: INVITE client (§17.1.1, Figure 5: Timers A, B, D; RFC 6026 Accepted with
 * Timer M), non-INVITE client (§17.1.2, Figure 6: Timers E, F, K), INVITE server (§17.2.1, Figure 7:
 * 100 Trying after 200 ms, Timers G, H, I; RFC 6026 Accepted with Timer L) and non-INVITE server
 * (§17.2.2, Figure 8: Timer J). It hands the {@link org.parley.transaction.TransactionUser} new
 * requests, CANCELs with the INVITE they cancel (481 when none, §9.2), responses, synthetic 408
 * (timeout) and 503 (transport error) responses (§8.1.3.1), and strays (2xx ACKs, unmatched
 * responses).
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
