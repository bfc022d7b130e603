/**
 * The transaction layer's benchmarks ({@code bench/run-transaction.sh}, see {@code docs/BENCHMARKS.md},
 * issue #4): {@link org.parley.bench.transaction.TransactionBenchmark}, JMH timings and allocation of
 * create → match → terminate for a non-INVITE server and an INVITE client transaction, and
 * {@link org.parley.bench.transaction.TransactionFootprint}, a main that measures the heap of 100,000
 * live INVITE server transactions and of 1,000,000 pending wheel timers.
 *
 * <p>Both run the layer on a {@code VirtualLane} over {@link org.parley.bench.transaction.DiscardTransport},
 * a transport that drops what is sent, so that only the transaction layer is measured. Thread model:
 * everything runs on the benchmark's (or main's) one thread. Depends on {@code parley-transaction},
 * {@code parley-transport} and {@code parley-message}.
 */
package org.parley.bench.transaction;
