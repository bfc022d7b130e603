package org.parley.transport.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Validation of {@link TlsConfig}. */
class TlsConfigTest {
    private static KeyMaterial identity() throws Exception {
        X509Bundle b = new CertificateBuilder().subject("CN=x").ecp256().setIsCertificateAuthority(true)
                .buildSelfSigned();
        return new KeyMaterial(List.of(b.getCertificate()), b.getKeyPair().getPrivate(), "test");
    }

    @Test
    void defaultsToTls12And13TheJdkTrustStoreAndNoClientCertificates() {
        TlsConfig config = TlsConfig.builder().build();
        assertThat(config.protocols()).containsExactly("TLSv1.3", "TLSv1.2");
        assertThat(config.trust().isJdkDefault()).isTrue();
        assertThat(config.clientAuth()).isEqualTo(ClientAuth.NONE);
        assertThat(config.provider()).isEqualTo(TlsProvider.AUTO);
        assertThat(config.skipNameCheckForNumericTargets()).isFalse();
    }

    @Test
    void refusesProtocolsOlderThanTls12() {
        assertThatThrownBy(() -> TlsConfig.builder().protocols("TLSv1.2", "TLSv1.1").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("TLSv1.1");
        assertThatThrownBy(() -> TlsConfig.builder().protocols().build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("was empty");
    }

    @Test
    void refusesSniIdentitiesWithoutADefaultAndBadNames() throws Exception {
        KeyMaterial id = identity();
        assertThatThrownBy(() -> TlsConfig.builder().serverName("a.example.com", id).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("default identity");
        assertThatThrownBy(() -> TlsConfig.builder().identity(id).serverName("bad name", id).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad name");
        TlsConfig config = TlsConfig.builder().identity(id).serverName("A.Example.COM", id).build();
        assertThat(config.serverNames()).containsOnlyKeys("a.example.com");
        assertThat(config.toBuilder().build()).isEqualTo(config);
    }
}
