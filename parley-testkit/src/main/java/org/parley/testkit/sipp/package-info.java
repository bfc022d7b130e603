/**
 * A harness that runs SIPp (Debian package {@code sip-tester}) against Parley on loopback, for the
 * integration tests of the UA, registrar, proxy and server (STYLE.md §9).
 *
 * <ul>
 *   <li>{@link org.parley.testkit.sipp.Sipp}: the builder: scenario (file, class-path resource, or
 *       SIPp built-in), remote and local address, transport, calls, rate, timeouts, {@code -key} /
 *       {@code -set} values, template values, injection rows, extra arguments.</li>
 *   <li>{@link org.parley.testkit.sipp.SippProcess}: a running SIPp, ready once it has bound its
 *       port; waits for its exit, kills it and its children on close.</li>
 *   <li>{@link org.parley.testkit.sipp.SippResult}: exit code, successful and failed calls, the
 *       error, message and screen traces.</li>
 * </ul>
 *
 * <p>Scenarios shipped under {@code /sipp/} on the class path (each documented at its top):
 * {@code uas-answer.xml}, {@code uas-ring.xml}, {@code uas-requests.xml}, {@code uas-digest.xml},
 * {@code uac-call.xml}, {@code uac-call-wait-bye.xml}, {@code uac-options.xml}, {@code uac-message.xml}.
 *
 * <pre>
 *   Sipp.resource(..).calls(n)..start() ──► SippProcess (port bound) ──► awaitExit(limit) ──► SippResult
 *                                                 └──────────────── close(): SIGTERM, SIGKILL, rm workdir
 * </pre>
 *
 * <p>Thread model: builders are confined to one thread; {@code SippProcess} is thread-safe;
 * {@code SippResult} is immutable. Every wait is bounded by a limit the caller gives or a documented
 * default. Linux only: readiness is read from {@code /proc/net}.
 *
 * <p>Dependencies: the JDK and {@code org.parley.transport.Transport}. No test framework.
 */
package org.parley.testkit.sipp;
