package org.parley.transport;

import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.parley.transport.tls.KeyMaterial;
import org.parley.transport.tls.TrustMaterial;

/** Test CAs and certificates for the TLS tests, made once per JVM with netty-pkitesting. Immutable. */
final class TestPki {
    static final X509Bundle CA = build(new CertificateBuilder().subject("CN=Parley Test CA")
            .setIsCertificateAuthority(true), null);
    static final X509Bundle ROGUE_CA = build(new CertificateBuilder().subject("CN=Rogue CA")
            .setIsCertificateAuthority(true), null);
    /** The server: sip.example.com by DNS, example.com by sip URI, and the loopback addresses. */
    static final X509Bundle SERVER = build(leaf("CN=sip.example.com").addSanDnsName("sip.example.com")
            .addSanUriName(java.net.URI.create("sip:example.com")).addSanIpAddress("127.0.0.1")
            .addSanIpAddress("::1").addExtendedKeyUsageServerAuth().addExtendedKeyUsageClientAuth(), CA);
    /** A second server identity, presented to clients asking for sni.example.com. */
    static final X509Bundle SNI_SERVER = build(leaf("CN=sni.example.com").addSanDnsName("sni.example.com")
            .addExtendedKeyUsageServerAuth(), CA);
    /** A server with no IP address entries. */
    static final X509Bundle NAME_ONLY_SERVER = build(leaf("CN=named.example.com").addSanDnsName("named.example.com")
            .addExtendedKeyUsageServerAuth(), CA);
    /** The same names as SERVER, issued by the rogue CA. */
    static final X509Bundle ROGUE_SERVER = build(leaf("CN=sip.example.com").addSanDnsName("sip.example.com")
            .addSanIpAddress("127.0.0.1").addExtendedKeyUsageServerAuth(), ROGUE_CA);
    /** A trunk's client certificate. */
    static final X509Bundle TRUNK = build(leaf("CN=trunk").addSanUriName(java.net.URI.create("sip:trunk.example.net"))
            .addExtendedKeyUsageClientAuth().addExtendedKeyUsageServerAuth(), CA);

    private TestPki() {
    }

    private static CertificateBuilder leaf(String subject) {
        Instant now = Instant.now();
        return new CertificateBuilder().subject(subject).notBefore(now.minus(Duration.ofHours(1)))
                .notAfter(now.plus(Duration.ofDays(2)));
    }

    private static X509Bundle build(CertificateBuilder builder, X509Bundle issuer) {
        try {
            builder.ecp256();
            return issuer == null ? builder.buildSelfSigned() : builder.buildIssuedBy(issuer);
        } catch (Exception e) {
            throw new IllegalStateException("cannot build a test certificate", e);
        }
    }

    static KeyMaterial identity(X509Bundle bundle) {
        return new KeyMaterial(List.of(bundle.getCertificatePath()), bundle.getKeyPair().getPrivate(),
                bundle.getCertificate().getSubjectX500Principal().getName());
    }

    static TrustMaterial trust(X509Bundle ca) {
        return TrustMaterial.of(List.of(ca.getCertificate()));
    }
}
