/**
 * Pieces of the transport layer that are not API: the §18.2.1 Via stamp, the answer to a
 * malformed request, write access to {@code TransportStats} counters for other transport
 * implementations, and the Netty side of TLS: the SSL contexts ({@code TlsContexts}, built once and
 * shared read-only by all event loops), the certificate check ({@code SipTrustManager}) and RFC 5922
 * §7 identities ({@code SipDomainNames}). Users never should use them (STYLE.md §2). Stateless or
 * immutable but for the access function {@code TransportCounters} is given once.
 *
 * <p>Used by {@code org.parley.transport}, and along the dependency arrow by {@code parley-testkit}:
 * {@code org.parley.testkit.MemoryEndpoint} stamps delivered requests with {@code ViaStamp} (so upper
 * layers see what the real layer gives them) and counts with {@code TransportCounters}.
 */
package org.parley.transport.internal;
