/**
 * The Parley side of the registrar benchmark ({@code bench/run-registrar.sh}, issue #6, see
 * {@code docs/BENCHMARKS.md}): {@link org.parley.bench.registrar.RegistrarServer}, the RFC 3261 §10.3
 * registrar of {@code parley-proxy} over the transaction layer and Netty UDP on 127.0.0.1, with an
 * in-memory location store and, on request, digest authentication (RFC 3261 §22, MD5 alone) against
 * an in-memory subscriber store; it reports the heap after collection on a command from standard
 * input, for the heap per binding.
 *
 * <p>Thread model: see the class. Depends on {@code parley-proxy}, {@code parley-transaction},
 * {@code parley-transport} and {@code parley-ua} (the digest algorithm names).
 */
package org.parley.bench.registrar;
