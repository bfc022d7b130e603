/**
 * {@code linphonec} (Debian package {@code linphone-cli}, liblinphone 5.1) as a second, independent
 * real SIP client in integration tests: a private HOME, an rc file the launcher writes, commands on
 * its standard input, and its output read for registration, chat-message outcomes and received
 * MESSAGEs (RFC 3428) (issue #8).
 *
 * <ul>
 *   <li>{@link org.parley.testkit.linphone.Linphonec}: the builder: identity, proxy (and registrar),
 *       registration, digest credentials, auto-answer, ports, lifetime.</li>
 *   <li>{@link org.parley.testkit.linphone.LinphonecProcess}: a running linphonec: chat, call, answer,
 *       terminate, any command; waits; close() by process id.</li>
 *   <li>{@link org.parley.testkit.linphone.LinphoneMessage}: a MESSAGE it received.</li>
 * </ul>
 *
 * <pre>
 *   builder()..start() ─► temp dir: linphonerc, home/.local/share/linphone/
 *        ─► timeout LIFETIME linphonec -c linphonerc -d 5 ─► "linphonec&gt;" ─► LinphonecProcess
 *   stdin: chat / call / answer / terminate / quit       stdout: log level 5 + linphonec's own lines
 *   close(): "quit", then SIGTERM, SIGKILL by pid; rm -r temp dir
 * </pre>
 *
 * <p>liblinphone facts the launcher relies on (checked on Debian 12): without
 * {@code ~/.local/share/linphone/} it never opens its SIP port; log level 5 writes
 * "… moving from state [LinphoneRegistrationProgress] to [LinphoneRegistrationOk]" and "Chat message …
 * moving from InProgress to Delivered"; linphonec prints "Message received from URI: TEXT"; chat
 * peers lose their port, so direct messages go through a configured proxy.
 *
 * <p>Thread model: the builder is confined to one thread; {@code LinphonecProcess} is thread-safe,
 * with one daemon thread reading its output. Every wait is bounded.
 *
 * <p>Dependencies: the JDK and the module's internal helpers. No test framework.
 */
package org.parley.testkit.linphone;
