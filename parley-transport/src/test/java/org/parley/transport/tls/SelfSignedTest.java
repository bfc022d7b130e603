package org.parley.transport.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The self-signed development certificate: generated on first use, reused after, renewed once expired. */
class SelfSignedTest {
    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");

    @TempDir
    Path dir;

    @Test
    void generatesPemFilesWithOwnerOnlyKeyAndTheLoopbackNames() throws Exception {
        TlsConfig config = TlsConfig.selfSigned(dir, List.of("dev.example.com"), InstantSource.fixed(NOW));
        X509Certificate certificate = config.identity().orElseThrow().certificate();
        assertThat(certificate.getSubjectAlternativeNames()).extracting(e -> String.valueOf(e.get(1)))
                .contains("dev.example.com", "localhost", "127.0.0.1").anyMatch(s -> s.startsWith("0:0:0:0:0:0:0:1"));
        Path key = dir.resolve("parley-dev-key.pem");
        assertThat(Files.readString(dir.resolve("parley-dev-cert.pem"))).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(Files.readString(key)).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
    }

    @Test
    void reusesTheFilesAndRenewsThemOnceExpired() {
        X509Certificate first = TlsConfig.selfSigned(dir, List.of(), InstantSource.fixed(NOW))
                .identity().orElseThrow().certificate();
        X509Certificate again = TlsConfig.selfSigned(dir, List.of(), InstantSource.fixed(NOW.plus(Duration.ofDays(1))))
                .identity().orElseThrow().certificate();
        assertThat(again).isEqualTo(first);
        X509Certificate renewed = TlsConfig.selfSigned(dir, List.of(),
                InstantSource.fixed(NOW.plus(Duration.ofDays(400)))).identity().orElseThrow().certificate();
        assertThat(renewed).isNotEqualTo(first);
        assertThat(renewed.getNotAfter().toInstant()).isAfter(NOW.plus(Duration.ofDays(400)));
    }
}
