/**
 * TLS configuration for the SIP transport layer (RFC 3261 §26.2, RFC 5922, RFC 6066 §3):
 * {@link org.parley.transport.tls.TlsConfig} with its key material (PEM or PKCS#12), trust anchors
 * (PEM bundle, PKCS#12 or the JDK default), client authentication for mutual TLS, protocol versions
 * (TLS 1.2 and 1.3 only) and the provider (OpenSSL through Netty's BoringSSL natives when they load,
 * the JDK's otherwise), and a self-signed development certificate generated on first use.
 *
 * <p>The Netty side (SSL contexts, the RFC 5922 name check, SNI) is in
 * {@code org.parley.transport.internal}; {@link org.parley.transport.NettyTransportLayer} uses it
 * for {@code Transport.TLS} listeners and targets.
 *
 * <p>Thread model: every type here is immutable except {@code TlsConfig.Builder} (one thread).
 * Dependencies: the JDK and BouncyCastle ({@code bcpkix}) for PEM keys and certificate generation;
 * no Netty type appears in this package.
 */
package org.parley.transport.tls;
