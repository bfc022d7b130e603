package org.parley.transport.internal;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Verifies peer certificates for SIP: the chain against the configured trust anchors (PKIX), then,
 * for a server, its name against the host the connection was opened for (RFC 5922 §7.3), which the
 * engine carries as its peer host. Refusals are {@link TlsRejection}s that say why. Used for both
 * providers in place of their own host name check. Immutable, thread-safe.
 */
final class SipTrustManager extends X509ExtendedTrustManager {
    private final X509TrustManager anchors;
    private final String anchorsOrigin;
    private final boolean skipNameCheckForNumericTargets;

    SipTrustManager(X509TrustManager anchors, String anchorsOrigin, boolean skipNameCheckForNumericTargets) {
        this.anchors = anchors;
        this.anchorsOrigin = anchorsOrigin;
        this.skipNameCheckForNumericTargets = skipNameCheckForNumericTargets;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        checkChain(chain, authType, "server", false);
        checkName(chain[0], engine.getPeerHost());
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        checkChain(chain, authType, "client", true);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        throw new CertificateException("SIP TLS runs on SSLEngines only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        throw new CertificateException("SIP TLS runs on SSLEngines only");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("a server certificate check needs the host name of the connection");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        checkChain(chain, authType, "client", true);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return anchors.getAcceptedIssuers();
    }

    private void checkChain(X509Certificate[] chain, String authType, String role, boolean client)
            throws TlsRejection {
        if (chain == null || chain.length == 0) {
            throw new TlsRejection("untrusted certificate: the " + role + " sent no certificate", null);
        }
        try {
            if (client) {
                anchors.checkClientTrusted(chain, authType);
            } else {
                anchors.checkServerTrusted(chain, authType);
            }
        } catch (CertificateException e) {
            throw new TlsRejection("untrusted certificate: the " + role + "'s certificate "
                    + chain[0].getSubjectX500Principal().getName() + " does not chain to a trust anchor of "
                    + anchorsOrigin + " (" + e.getMessage() + ")", e);
        }
    }

    private void checkName(X509Certificate leaf, String host) throws TlsRejection {
        if (host == null || host.isEmpty()) {
            throw new TlsRejection("name mismatch: no host name to check the server certificate against", null);
        }
        if (skipNameCheckForNumericTargets && SipDomainNames.isIpLiteral(host)) {
            return;
        }
        if (!SipDomainNames.matches(leaf, host)) {
            throw new TlsRejection("name mismatch: the server certificate names " + SipDomainNames.identities(leaf)
                    + ", not " + host + " (RFC 5922 §7.3)", null);
        }
    }
}
