/**
 * baresip (Debian package {@code baresip-core}) as a real softphone in integration tests: headless,
 * on 127.0.0.1, configured from files the launcher writes, driven over its {@code ctrl_tcp} control
 * socket, with WAV files for audio (issue #8).
 *
 * <ul>
 *   <li>{@link org.parley.testkit.baresip.Baresip}: the builder: account (address of record, digest
 *       user and password, registration, auto-answer, transport, outbound proxy), ports, the WAV to
 *       play, the directory to record to, lifetime.</li>
 *   <li>{@link org.parley.testkit.baresip.BaresipProcess}: a running baresip: dial, answer, hang up,
 *       registration info, any command; waits for events, registration and received MESSAGEs; the
 *       recordings; close() by process id.</li>
 *   <li>{@link org.parley.testkit.baresip.BaresipEvent}, {@link org.parley.testkit.baresip.BaresipMessage}:
 *       what it reported.</li>
 * </ul>
 *
 * <pre>
 *   builder()..start() ─► temp dir: config, accounts, contacts ─► stdbuf -oL baresip -f DIR -t LIFETIME
 *        │                                                            │ "baresip is ready."
 *        └ port taken meanwhile: again on new ports (bounded)         ▼
 *                                       ctrl_tcp (netstring JSON) ◄─► BaresipProcess ─► close(): SIGTERM,
 *                                       commands ─►  ◄─ events                  SIGKILL after 5 s, rm temp dir
 * </pre>
 *
 * <p>baresip 1.0 facts the launcher relies on (checked on Debian 12): {@code ctrl_tcp} frames JSON as
 * netstrings ({@code 42:{...},}), answers a command with {@code "response": true} and its token, and
 * sends events with {@code "event": true}; {@code menu} prints a received MESSAGE (RFC 3428) as
 * {@code PEER: "TEXT"} only through a UI module, hence {@code stdio.so}, which also reads commands from
 * standard input; {@code aufile} ends the call when its file ends; {@code sndfile} records each call.
 *
 * <p>Thread model: the builder is confined to one thread; {@code BaresipProcess} is thread-safe, with
 * one daemon thread reading its output and one reading its control socket. Every wait is bounded;
 * deadlines use {@code System.nanoTime()}, as these are real processes in real time.
 *
 * <p>Dependencies: the JDK, {@code org.parley.testkit.audio} (the silent default WAV), the module's
 * internal helpers and {@code org.parley.transport.Transport}. No test framework.
 */
package org.parley.testkit.baresip;
