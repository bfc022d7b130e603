/**
 * The server's TLS identity (RFC 3261 §26.2, RFC 5922, RFC 7118 §5 for WSS): certificate files from the
 * configuration, or a self-signed certificate generated into the data directory on first start and
 * reused afterwards ({@link org.parley.server.tls.ServerCertificates}).
 *
 * <p>Thread model: stateless; called once at start-up on the starting thread (it reads and may write
 * files). Depends on parley-transport's {@code tls} package, which generates the certificate with
 * BouncyCastle.
 */
package org.parley.server.tls;
