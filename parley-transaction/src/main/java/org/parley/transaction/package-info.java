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
 * responses, RFC 2543 ACKs whose To tag is not that of the response sent). Requests merged on
 * their way here (§8.2.2.2: no To tag; From tag, Call-ID and CSeq of a live transaction they do not
 * match) are answered 482 by the layer and never reach the user, unless
 * {@link org.parley.transaction.TransactionConfig#rejectMergedRequests()} is off, as a proxy needs.
 * A request matching no transaction is first offered to
 * {@link org.parley.transaction.TransactionUser#relayStatelessly}: a stateless proxy (RFC 3261 §16.11)
 * takes it, and no server transaction is made.
 * {@code send(request, TargetSet, listener)} fails a client transaction over along RFC 3263
 * targets (§4.3): a timeout or transport error before any response starts a new transaction (new
 * branch) to the next target, and the user sees only the final outcome.
 * {@link org.parley.transaction.TransactionConfig#withObserver} adds a
 * {@link org.parley.transaction.TransactionObserver} (SPI, for metrics and access logs), told on the lane
 * once per transaction: when a server transaction sends its final response and when a client transaction
 * has its outcome, with the duration on {@link org.parley.transaction.Lane#nanoTime()}.
 *
 * <pre>
 *   transport thread                 lane = hash(Call-ID) mod lanes
 *   Inbound ──► TransactionLayer ──► Lane.execute ──► server/client table ──► machine ──► TransactionUser
 *                                                     (HashMap, lane-confined)   │ timers on the lane's
 *   TU: send(request, target) ─────► Lane.execute ──► machine ──► TransportLayer ◄┘ TimerWheel
 *   TU: send(request, TargetSet) ──► FailoverClientTransaction: machine per target; 408/503 before
 *                                    any response ──► next target, new branch (RFC 3263 §4.3)
 * </pre>
 *
 * <p>The four machines are final classes with one method per state and event; what they hold and do
 * alike (layer, lane, request, key, state, how they terminate) is in
 * {@link org.parley.transaction.TransactionMachine}, and what each side adds (target, listener and
 * alarms; source and the last response's bytes) in {@link org.parley.transaction.ClientMachine} and
 * {@link org.parley.transaction.ServerMachine}.
 *
 * <p>Thread model: every transaction lives on one {@link org.parley.transaction.Lane} (its Call-ID's,
 * so a dialog's transactions share one) and is touched only there: tables, machines and timers need
 * no lock. {@link org.parley.transaction.EventLoopLane} runs a lane on its own thread with the system
 * clock; {@link org.parley.transaction.VirtualLane} runs one in virtual time for tests. Keys and
 * the configuration are immutable; the counters are thread-safe. {@code liveTransactions()} counts
 * the tables by a task on each lane. See {@code docs/CONCURRENCY.md}.
 *
 * <p>Depends on {@code parley-message}, {@code parley-transport}, Netty's event loop and SLF4J.
 */
package org.parley.transaction;
