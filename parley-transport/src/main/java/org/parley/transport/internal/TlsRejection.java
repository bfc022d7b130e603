package org.parley.transport.internal;

import java.security.cert.CertificateException;

/**
 * A peer certificate refused by {@link SipTrustManager}, with a message that says why (untrusted
 * chain or name mismatch); a failed handshake is reported with it. Immutable.
 */
public final class TlsRejection extends CertificateException {
    private static final long serialVersionUID = 1L;

    TlsRejection(String message, Throwable cause) {
        super(message, cause);
    }
}
