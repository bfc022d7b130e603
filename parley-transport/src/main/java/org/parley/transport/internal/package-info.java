/**
 * Pieces of the transport layer that are not API: the §18.2.1 Via stamp, the answer to a
 * malformed request, and the Netty side of TLS: the SSL contexts ({@code TlsContexts}), the
 * certificate check ({@code SipTrustManager}) and RFC 5922 §7 identities ({@code SipDomainNames}).
 * Used by {@code org.parley.transport} only; users never should (STYLE.md §2). Stateless or
 * immutable; {@code TlsContexts} is shared read-only by all event loops.
 */
package org.parley.transport.internal;
