package org.parley.server.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.server.config.TlsFiles;
import org.parley.transport.tls.TlsConfig;

/**
 * {@link ServerCertificates}: a self-signed certificate made once into the data directory, naming the
 * domains, reused on the next start; certificate files read as configured.
 */
class ServerCertificatesTest {
    @TempDir
    Path data;

    @Test
    void makesASelfSignedCertificateOnFirstStartAndReusesItAfterwards() throws Exception {
        TlsConfig first = ServerCertificates.load(TlsFiles.SELF_SIGNED, data, List.of("sip.example.test", "192.0.2.7"));
        X509Certificate made = first.identity().orElseThrow().certificate();
        assertThat(Files.list(data.resolve(ServerCertificates.SELF_SIGNED_DIRECTORY))).hasSizeGreaterThanOrEqualTo(2);
        assertThat(ServerCertificates.missingNames(made, List.of("sip.example.test", "192.0.2.7", "localhost",
                "127.0.0.1", "::1"))).isEmpty();
        assertThat(ServerCertificates.missingNames(made, List.of("other.example.test"))).containsExactly(
                "other.example.test");

        TlsConfig second = ServerCertificates.load(TlsFiles.SELF_SIGNED, data, List.of("sip.example.test"));
        assertThat(second.identity().orElseThrow().certificate().getSerialNumber()).isEqualTo(made.getSerialNumber());
    }

    @Test
    void readsConfiguredCertificateFiles() throws Exception {
        X509Certificate made = ServerCertificates.load(TlsFiles.SELF_SIGNED, data, List.of("sip.example.test"))
                .identity().orElseThrow().certificate();
        Path dir = data.resolve(ServerCertificates.SELF_SIGNED_DIRECTORY);
        Path cert;
        Path key;
        try (var files = Files.list(dir)) {
            List<Path> pems = files.filter(p -> p.toString().endsWith(".pem")).sorted().toList();
            cert = pems.stream().filter(p -> p.getFileName().toString().contains("cert")).findFirst().orElseThrow();
            key = pems.stream().filter(p -> p.getFileName().toString().contains("key")).findFirst().orElseThrow();
        }
        TlsConfig read = ServerCertificates.load(new TlsFiles(Optional.of(cert), Optional.of(key), Optional.empty()),
                data.resolve("unused"), List.of());
        assertThat(read.identity().orElseThrow().certificate()).isEqualTo(made);
        assertThat(data.resolve("unused")).doesNotExist();
    }

    @Test
    void namesAnUnsetKeyPasswordVariable() {
        TlsFiles files = new TlsFiles(Optional.of(data.resolve("c.pem")), Optional.of(data.resolve("k.pem")),
                Optional.of("PARLEY_TEST_SURELY_UNSET_VARIABLE"));
        assertThatThrownBy(() -> ServerCertificates.load(files, data, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PARLEY_TEST_SURELY_UNSET_VARIABLE, which is not set");
    }
}
