package org.parley.transport.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading key material and trust anchors from PEM and PKCS#12 files, and the errors for bad files. */
class KeyMaterialTest {
    private static final char[] PASSWORD = "s3cret".toCharArray();
    private static X509Bundle ca;
    private static X509Bundle server;
    private static X509Bundle other;

    @TempDir
    Path dir;

    @BeforeAll
    static void certificates() throws Exception {
        ca = new CertificateBuilder().subject("CN=Unit CA").setIsCertificateAuthority(true).ecp256().buildSelfSigned();
        server = new CertificateBuilder().subject("CN=unit.example.com").addSanDnsName("unit.example.com").ecp256()
                .buildIssuedBy(ca);
        other = new CertificateBuilder().subject("CN=other").ecp256().buildIssuedBy(ca);
    }

    private Path write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.US_ASCII);
    }

    private Path chain() throws Exception {
        return write("chain.pem", server.getCertificatePathPEM());
    }

    private Path encryptedKey() throws Exception {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            var encryptor = new JceOpenSSLPKCS8EncryptorBuilder(JcaPKCS8Generator.AES_256_CBC)
                    .setProvider(new BouncyCastleProvider()).setPassword(PASSWORD).build();
            writer.writeObject(new JcaPKCS8Generator(server.getKeyPair().getPrivate(), encryptor));
        }
        return write("key-encrypted.pem", text.toString());
    }

    private Path pkcs12(X509Bundle bundle) throws Exception {
        Path file = dir.resolve("store.p12");
        KeyStore store = bundle.toKeyStore(PASSWORD);
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, PASSWORD);
        }
        return file;
    }

    @Test
    void readsAPemChainAndAPlainPkcs8Key() throws Exception {
        KeyMaterial material = KeyMaterial.fromPem(chain(), write("key.pem", server.getPrivateKeyPEM()), null);
        assertThat(material.certificate()).isEqualTo(server.getCertificate());
        // fromPem signed a probe with the key and verified it with the certificate (Pem.checkPair).
        assertThat(material.key().getAlgorithm()).isIn("EC", "ECDSA");
        assertThat(material.toString()).contains("unit.example.com").doesNotContain("PRIVATE");
    }

    @Test
    void readsAnEncryptedPkcs8KeyWithItsPassword() throws Exception {
        KeyMaterial material = KeyMaterial.fromPem(chain(), encryptedKey(), PASSWORD);
        assertThat(material.certificate()).isEqualTo(server.getCertificate());
        assertThat(material.key().getAlgorithm()).isIn("EC", "ECDSA");
    }

    @Test
    void saysSoWhenTheKeyPasswordIsWrongOrMissing() throws Exception {
        Path chain = chain();
        Path key = encryptedKey();
        assertThatThrownBy(() -> KeyMaterial.fromPem(chain, key, "wrong".toCharArray()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(key.toString())
                .hasMessageContaining("wrong password");
        assertThatThrownBy(() -> KeyMaterial.fromPem(chain, key, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(key.toString())
                .hasMessageContaining("encrypted and no password");
    }

    @Test
    void namesAMissingFile() throws Exception {
        Path missing = dir.resolve("nope.pem");
        Path key = write("key.pem", server.getPrivateKeyPEM());
        assertThatThrownBy(() -> KeyMaterial.fromPem(missing, key, null)).isInstanceOf(UncheckedIOException.class)
                .hasMessage(missing + ": no such file");
        Path chain = chain();
        assertThatThrownBy(() -> KeyMaterial.fromPem(chain, missing, null)).isInstanceOf(UncheckedIOException.class)
                .hasMessage(missing + ": no such file");
    }

    @Test
    void refusesFilesWithoutCertificateOrKey() throws Exception {
        Path empty = write("empty.pem", "nothing here\n");
        Path key = write("key.pem", server.getPrivateKeyPEM());
        assertThatThrownBy(() -> KeyMaterial.fromPem(empty, key, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(empty.toString());
        Path chain = chain();
        assertThatThrownBy(() -> KeyMaterial.fromPem(chain, empty, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(empty + ": no PEM private key in the file");
        assertThatThrownBy(() -> KeyMaterial.fromPem(chain, chain, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a private key");
    }

    @Test
    void refusesAKeyThatDoesNotBelongToTheCertificate() throws Exception {
        Path chain = chain();
        Path foreign = write("other-key.pem", other.getPrivateKeyPEM());
        assertThatThrownBy(() -> KeyMaterial.fromPem(chain, foreign, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not belong");
    }

    @Test
    void readsAPkcs12KeyStoreAndNamesAWrongPassword() throws Exception {
        Path file = pkcs12(server);
        KeyMaterial material = KeyMaterial.fromPkcs12(file, PASSWORD);
        assertThat(material.certificate()).isEqualTo(server.getCertificate());
        assertThatThrownBy(() -> KeyMaterial.fromPkcs12(file, "bad".toCharArray()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(file + ": wrong password for the PKCS#12 file");
        Path missing = dir.resolve("missing.p12");
        assertThatThrownBy(() -> KeyMaterial.fromPkcs12(missing, PASSWORD)).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining(missing.toString());
    }

    @Test
    void readsTrustAnchorsFromPemAndPkcs12() throws Exception {
        Path bundle = write("ca.pem", ca.getCertificatePEM());
        assertThat(TrustMaterial.fromPem(bundle).anchors()).containsExactly(ca.getCertificate());
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("ca", ca.getCertificate());
        Path file = dir.resolve("trust.p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, PASSWORD);
        }
        assertThat(TrustMaterial.fromPkcs12(file, PASSWORD).anchors()).containsExactly(ca.getCertificate());
        assertThat(TrustMaterial.jdkDefault().isJdkDefault()).isTrue();
        Path empty = write("none.pem", "");
        assertThatThrownBy(() -> TrustMaterial.fromPem(empty)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(empty.toString());
    }
}
