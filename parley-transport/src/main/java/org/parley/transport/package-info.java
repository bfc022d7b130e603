/**
 * SIP transports: the {@link org.parley.transport.Transport} vocabulary (RFC 3261 §18, §19.1.2,
 * RFC 4168, RFC 7118). Sub-package {@code resolve} locates servers (RFC 3263).
 *
 * <p>Thread model: the types here are immutable. Dependencies: {@code parley-message}, the JDK and
 * Netty (Netty types stay out of the API of the layers above, STYLE §1).
 */
package org.parley.transport;
