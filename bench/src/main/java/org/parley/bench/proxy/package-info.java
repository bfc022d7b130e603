/**
 * The Parley side of the proxy benchmark ({@code bench/run-proxy.sh}, issue #7, see
 * {@code docs/BENCHMARKS.md}): {@link org.parley.bench.proxy.ProxyServer}, the transaction-stateful
 * proxy of {@code parley-proxy} (RFC 3261 §16, record-routing) over the transaction layer and Netty UDP
 * and TCP on 127.0.0.1, with the RFC 3261 §10.3 registrar and an in-memory location store for the
 * callee's binding; it reports its counters and the heap after collection on commands from standard
 * input, for the heap per live call.
 *
 * <p>Thread model: see the class. Depends on {@code parley-proxy}, {@code parley-transaction} and
 * {@code parley-transport}.
 */
package org.parley.bench.proxy;
