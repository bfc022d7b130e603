package org.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.transport.Transport;
import org.parley.transport.tls.TlsConfig;
import org.parley.ua.UserAgent;

/**
 * {@code --transport tls}: a request over TLS to a peer with a self-signed development certificate
 * succeeds when {@code --tls-trust} names that certificate, and fails as unreachable, saying why,
 * when the JDK's anchors are all it trusts (RFC 3261 §26.2, RFC 5922).
 */
class TlsCommandIT {
    @TempDir
    Path certificates;

    private final CliRun cli = new CliRun();
    private final StringWriter out = cli.out;
    private final StringWriter err = cli.err;

    private int run(String... args) {
        return cli.run(args);
    }

    private UserAgent tlsPeer() {
        return UserAgent.builder().listen("tls:127.0.0.1:0").identity("sip:bob@127.0.0.1")
                .tls(TlsConfig.selfSigned(certificates, List.of("localhost"))).start();
    }

    @Test
    void optionsOverTlsTrustingThePeersCertificate() {
        try (UserAgent peer = tlsPeer()) {
            String uri = "sip:127.0.0.1:" + peer.localAddresses(Transport.TLS).get(0).getPort() + ";transport=tls";

            int code = run("options", uri, "--tls-trust", certificates.resolve("parley-dev-cert.pem").toString(),
                    "--listen", "udp:127.0.0.1:0");

            assertThat(code).as(err.toString()).isZero();
            assertThat(out.toString()).startsWith("SIP/2.0 200 OK");
        }
    }

    @Test
    void anUntrustedCertificateIsUnreachableWithTheReason() {
        try (UserAgent peer = tlsPeer()) {
            String uri = "sip:127.0.0.1:" + peer.localAddresses(Transport.TLS).get(0).getPort() + ";transport=tls";

            int code = run("options", uri, "--listen", "udp:127.0.0.1:0");

            assertThat(code).isEqualTo(4);
            assertThat(err.toString()).contains("cannot reach").containsIgnoringCase("certificate");
        }
    }

    @Test
    void aMissingTrustFileIsUsageNamingIt() {
        int code = run("options", "sip:127.0.0.1:5061;transport=tls", "--tls-trust", "/nonexistent/ca.pem");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("/nonexistent/ca.pem");
    }
}
