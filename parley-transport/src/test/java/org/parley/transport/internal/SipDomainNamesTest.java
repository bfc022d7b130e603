package org.parley.transport.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.pkitesting.CertificateBuilder;
import java.math.BigInteger;
import java.net.URI;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;

/** RFC 5922 §7 identities and matching. */
class SipDomainNamesTest {
    private static X509Certificate build(CertificateBuilder builder) throws Exception {
        return builder.ecp256().setIsCertificateAuthority(true).buildSelfSigned().getCertificate();
    }

    @Test
    void takesSipUriDomainsAndDnsNamesButNotUserUrisWildcardsOrTheCn() throws Exception {
        X509Certificate c = build(new CertificateBuilder().subject("CN=ignored.example.com").serial(BigInteger.ONE)
                .addSanUriName(URI.create("sip:Example.COM;transport=tls")).addSanUriName(URI.create("sip:bob@x.com"))
                .addSanUriName(URI.create("https://web.example.com/")).addSanDnsName("proxy.example.com"));
        assertThat(SipDomainNames.identities(c)).containsExactly("example.com", "proxy.example.com");
        assertThat(SipDomainNames.matches(c, "EXAMPLE.com.")).isTrue();
        assertThat(SipDomainNames.matches(c, "ignored.example.com")).isFalse();
    }

    @Test
    void neverMatchesAWildcard() throws Exception {
        // RFC 5922 §7.2: a wildcard is no identity (netty-pkitesting cannot put one in a dNSName, so a CN).
        X509Certificate c = build(new CertificateBuilder().subject("CN=*.example.com"));
        assertThat(SipDomainNames.identities(c)).isEmpty();
        assertThat(SipDomainNames.matches(c, "a.example.com")).isFalse();
    }

    @Test
    void fallsBackToTheCnOnlyWithoutSubjectAltNames() throws Exception {
        X509Certificate c = build(new CertificateBuilder().subject("O=Org, CN=cn.example.com"));
        assertThat(SipDomainNames.identities(c)).containsExactly("cn.example.com");
    }

    @Test
    void matchesIpLiteralsAgainstIpAddressEntriesOnly() throws Exception {
        X509Certificate c = build(new CertificateBuilder().subject("CN=127.0.0.1").addSanIpAddress("::1")
                .addSanDnsName("host.example.com"));
        assertThat(SipDomainNames.matches(c, "::1")).isTrue();
        assertThat(SipDomainNames.matches(c, "[0:0:0:0:0:0:0:1]")).isTrue();
        assertThat(SipDomainNames.matches(c, "127.0.0.1")).isFalse();
    }
}
