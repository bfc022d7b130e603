/**
 * Digest authentication of requests, the server side (RFC 3261 §22, RFC 7616, RFC 8760).
 *
 * <ul>
 *   <li>{@link org.parley.proxy.auth.DigestServer}: challenges (401 for a registrar, 407 for a proxy,
 *       one challenge per configured algorithm, SHA-256 then MD5 by default, {@code qop="auth"}),
 *       checks credentials, stateless HMAC-signed nonces with a lifetime and {@code stale=true},
 *       nonce-count replay protection, the From identity check; unknown users answered like wrong
 *       passwords.</li>
 *   <li>{@link org.parley.proxy.auth.SubscriberStore} (SPI) and
 *       {@link org.parley.proxy.auth.MemorySubscriberStore}: users with HA1 per algorithm, never a
 *       password ({@link org.parley.proxy.auth.Subscriber}).</li>
 * </ul>
 *
 * <pre>
 *   request ─► credentials for our realm? ─no─► 401/407 challenge (fresh nonce)
 *                │ malformed ─► 400         nonce forged ─► challenge
 *                ▼
 *   store.find(user, realm) ─► response right? (decoy hash for unknown users) ─no─► challenge
 *                ▼ yes
 *   nonce stale ─► challenge stale=true;  nc not above last ─► challenge;  From not the user ─► 403
 *                ▼
 *   Authenticated(user, realm, algorithm)
 * </pre>
 *
 * <p>Thread model: thread-safe, non-blocking; the nonce-count table is concurrent and bounded.
 * Depends on {@code parley-ua}'s {@code ua.auth} (DigestAlgorithm, DigestComputation: the arithmetic
 * shared with the client), {@code parley-message}, SLF4J and the JDK's MessageDigest and Mac.
 */
package org.parley.proxy.auth;
