/**
 * Digest authentication (RFC 3261 §22, RFC 7616, RFC 8760): the client that answers 401 and 407
 * challenges, and the arithmetic a registrar shares with it.
 *
 * <ul>
 *   <li>{@link org.parley.ua.auth.Account}: a username and password, for one realm or any (§22.1);
 *       the password never appears in a log or {@code toString}.</li>
 *   <li>{@link org.parley.ua.auth.DigestAlgorithm} and {@link org.parley.ua.auth.DigestComputation}:
 *       HA1, HA2 and the response for MD5, SHA-256 and SHA-512-256 and their {@code -sess}
 *       variants, {@code qop=auth}, {@code auth-int} and none (RFC 7616 §3.4.1-§3.4.3). Server side
 *       code (the registrar of issue #6) checks credentials with the same class.</li>
 *   <li>{@link org.parley.ua.auth.DigestAuthenticator}: answers every challenge of a 401/407 it can
 *       (§22.2, §22.3), with CSeq + 1, and pre-authorizes later requests with the cached nonce and
 *       the next nonce count (RFC 7616 §3.4.5); {@link org.parley.ua.auth.ChallengeAnswer} says what
 *       came of a challenge.</li>
 * </ul>
 *
 * <pre>
 *   request ──► authorize(request) ──► send ──► 401/407 ──► authenticate(request, response)
 *                 ▲ cached nonce, nc+1                         │ Answered(retry: credentials, CSeq+1,
 *                 └──────────── realm cache ◄──────────────────┘          new branch) ──► send
 *                                                               └ Refused(reason): unknown algorithm,
 *                                                                 no account, wrong password, stale twice
 * </pre>
 *
 * <p>Thread model: values are immutable; {@code DigestAuthenticator} is thread-safe (a concurrent
 * realm cache, atomic nonce counts) and does no I/O, so it may be called from any thread, an event
 * loop included. Depends on {@code parley-message} (headers), {@code parley-transaction} (new
 * branches), SLF4J and the JDK's {@code MessageDigest} and {@code SecureRandom}.
 */
package org.parley.ua.auth;
