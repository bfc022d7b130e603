/**
 * The two UDP/TCP servers of the transport benchmark ({@code bench/run-transport.sh}, see
 * {@code docs/BENCHMARKS.md}, issue #3): {@link org.parley.bench.transport.TransportResponder}, a
 * SIP responder built on {@code NettyTransportLayer}, and {@link org.parley.bench.transport.BareUdpEcho},
 * the cheapest answer SIPp accepts on a plain JDK socket, which measures the ceiling of the rig.
 *
 * <p>Both bind 127.0.0.1 only, on ephemeral ports they write to a file the script reads, and run
 * until the process is stopped. Thread model: the responder answers on the transport's event loops;
 * the echo runs on its main thread alone. Depends on {@code parley-transport} and {@code parley-message}.
 */
package org.parley.bench.transport;
