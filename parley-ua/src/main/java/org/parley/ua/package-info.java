/**
 * The SIP user agent (issue #5): what users call to register, call, answer, send messages and
 * subscribe, built on {@code parley-transaction} and {@code parley-sdp}. Sub-packages follow the
 * protocol: {@code ua.auth} (digest authentication client, RFC 3261 §22, RFC 7616, RFC 8760) and
 * {@code ua.dialog} (dialogs, RFC 3261 §12). Also here: {@link org.parley.ua.Registration} (RFC 3261
 * §10.2: refresh, 423 Min-Expires, removal) and {@link org.parley.ua.Subscription} (RFC 6665
 * subscriber: NOTIFY before the 2xx, refresh, unsubscribe).
 *
 * <p>Calls (RFC 3261 §13-15, RFC 3264): {@link org.parley.ua.UserAgent#call} places a
 * {@link org.parley.ua.Call}; {@link org.parley.ua.UserAgent#onIncomingCall} hands each acceptable
 * INVITE to the application as an {@link org.parley.ua.IncomingCall} to ring, answer or reject.
 * <pre>
 *   outgoing: INVITE ─► CALLING ─18x(To tag)─► EARLY ─2xx─► ACK ─► ESTABLISHED ─BYE─► ENDED
 *             hangup before the final response: CANCEL (after a 1xx, §9.1); a 200 crossing it: ACK + BYE
 *             forks: one early dialog per To tag; the first 2xx wins; another fork's 2xx: ACK + BYE
 *             in an early dialog: BYE 200 ends it (the last one: call ENDED, INVITE CANCELled), INFO/OPTIONS 200
 *             the ACK of a 2xx repeats the INVITE's Authorization/Proxy-Authorization (§13.2.2.4, §22)
 *   incoming: INVITE ─► CALLING ─ring() 180─► EARLY ─answer() 200 (resent T1..T2 until ACK)─► ESTABLISHED
 *             no ACK in 64·T1: BYE (§13.3.1.4); CANCEL: 487; reject(): 3xx-6xx; bad SDP: 488 at once
 *   in the dialog: re-INVITE both ways (hold/resume, 491 glare with the §14.1 back-off, 488 keeps the
 *             session), INFO and OPTIONS answered 200, BYE either way; unknown dialogs get 481
 * </pre>
 * The offer goes in the INVITE, or (with {@link org.parley.ua.CallOptions#withoutOffer()} or an
 * INVITE without body) in the 2xx with the answer in the ACK. Session timers (RFC 4028) are not
 * built; they would be a refresh timer of {@code InviteSession}.
 *
 * <p>Thread model: values are immutable; stateful classes say in their Javadoc whether they are
 * confined to a transaction lane or thread-safe. A call's state lives on the lane of its Call-ID
 * (no locks): public methods may be called from any thread and hop onto that lane; futures complete
 * and listeners run on the callback executor (virtual threads by default), never on a lane or an
 * event loop, one at a time and in the order the events happened for each call, registration or
 * subscription (different ones run in parallel). Depends on {@code parley-transaction},
 * {@code parley-transport}, {@code parley-sdp}, {@code parley-message} and SLF4J; no Netty type
 * appears in this module's public API (STYLE.md §1).
 */
package org.parley.ua;
