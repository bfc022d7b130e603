/**
 * JMH benchmarks of Parley, compiled by every build and run only on request (see
 * {@code docs/BENCHMARKS.md}).
 *
 * <p>{@link org.parley.bench.ParseBenchmark} measures parsing a realistic INVITE and reading its
 * routing headers, with and without serializing it again, against JAIN-SIP's reference parser in
 * the same run; {@code bench/run-parse.sh} runs it. The messages come from
 * {@link org.parley.bench.SampleMessages} ({@code src/main/resources}), so that every parser reads
 * the same bytes. The sub-packages hold the transport benchmark's servers
 * ({@code bench/run-transport.sh}), the transaction layer's benchmarks
 * ({@code bench/run-transaction.sh}) and the registrar benchmark's server
 * ({@code bench/run-registrar.sh}).
 *
 * <p>Depends on anything in Parley and, in this module only, on JMH and {@code javax.sip:jain-sip-ri}.
 * Benchmark state is per thread.
 */
package org.parley.bench;
