package org.parley.transport.tls;

/**
 * Whether a TLS listener asks connecting clients for a certificate (mutual TLS, as between trunks;
 * RFC 3261 §26.3.2.2, RFC 5922 §7.3). A certificate a client does send is always verified against
 * the trust store.
 */
public enum ClientAuth {
    /** No certificate is asked for. */
    NONE,
    /** A certificate is asked for; a client without one is still accepted. */
    OPTIONAL,
    /** A certificate is required; a client without a trusted one is refused in the handshake. */
    REQUIRE
}
