package org.parley.transport.tls;

/** Which TLS implementation the transport layer uses. */
public enum TlsProvider {
    /** OpenSSL (Netty's BoringSSL natives) when it loads on this machine, the JDK's otherwise. */
    AUTO,
    /** OpenSSL through Netty's BoringSSL natives; the layer refuses to start when they do not load. */
    OPENSSL,
    /** The JDK's own TLS (JSSE). */
    JDK
}
