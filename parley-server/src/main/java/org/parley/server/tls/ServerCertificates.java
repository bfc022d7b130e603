package org.parley.server.tls;

import java.nio.file.Path;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.parley.server.config.TlsFiles;
import org.parley.transport.tls.KeyMaterial;
import org.parley.transport.tls.TlsConfig;
import org.parley.transport.tls.TrustMaterial;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TLS configuration of the server's TLS and WSS listeners (RFC 3261 §26.2, RFC 7118 §5):
 * the certificate files the configuration names, or a self-signed certificate kept in
 * {@code DATA/}{@value #SELF_SIGNED_DIRECTORY}, made on the first start for the served domains and the
 * listeners' addresses (plus localhost, 127.0.0.1 and ::1) and reused on later starts, so phones that
 * were told to trust it keep trusting it. A reused certificate that does not name a domain served now
 * is kept, with a warning saying how to make a new one. Outbound TLS trusts the JDK's anchors.
 *
 * <p>Stateless.
 */
public final class ServerCertificates {
    /** The directory under the data directory that holds the self-signed certificate and its key. */
    public static final String SELF_SIGNED_DIRECTORY = "tls";

    private static final Logger LOG = LoggerFactory.getLogger(ServerCertificates.class);

    private ServerCertificates() {
    }

    /**
     * The TLS configuration for {@code files}.
     *
     * @param files the configured files, or {@link TlsFiles#SELF_SIGNED}
     * @param dataDirectory where a self-signed certificate is kept
     * @param names the names a self-signed certificate must carry: domains and listener addresses
     * @throws IllegalArgumentException when a file holds no certificate or key, the key does not match,
     *     or the key's password variable is unset (the message names the file or variable)
     * @throws java.io.UncheckedIOException when a file cannot be read or the directory written
     */
    public static TlsConfig load(TlsFiles files, Path dataDirectory, List<String> names) {
        Objects.requireNonNull(files, "files");
        if (!files.isSelfSigned()) {
            char[] password = files.keyPasswordEnv().map(ServerCertificates::password).orElse(null);
            KeyMaterial identity = KeyMaterial.fromPem(files.certificate().orElseThrow(), files.key().orElseThrow(),
                    password);
            return TlsConfig.of(identity, TrustMaterial.jdkDefault());
        }
        Path directory = dataDirectory.resolve(SELF_SIGNED_DIRECTORY);
        TlsConfig config = TlsConfig.selfSigned(directory, names);
        X509Certificate certificate = config.identity().orElseThrow().certificate();
        List<String> missing = missingNames(certificate, names);
        if (!missing.isEmpty()) {
            LOG.warn("the self-signed certificate in {} does not name {}; phones checking names will refuse it."
                    + " Delete that directory and restart to make a new one (phones must then trust the new one)",
                    directory, missing);
        }
        return config;
    }

    /** The names of {@code wanted} that {@code certificate}'s subjectAltName does not list (any case). */
    public static List<String> missingNames(X509Certificate certificate, List<String> wanted) {
        List<String> have = new ArrayList<>();
        try {
            Collection<List<?>> sans = certificate.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> entry : sans) {
                    have.add(String.valueOf(entry.get(1)).toLowerCase(Locale.ROOT));
                }
            }
        } catch (CertificateParsingException e) {
            return List.copyOf(wanted);
        }
        List<String> missing = new ArrayList<>();
        for (String name : wanted) {
            if (!have.contains(name.toLowerCase(Locale.ROOT)) && !have.contains(expandIpv6(name))) {
                missing.add(name);
            }
        }
        return missing;
    }

    /** The JDK writes IPv6 SANs uncompressed ("0:0:0:0:0:0:0:1"); compare in that form too. */
    private static String expandIpv6(String name) {
        if (!name.contains(":")) {
            return name;
        }
        try {
            return java.net.InetAddress.getByName(name).getHostAddress().toLowerCase(Locale.ROOT);
        } catch (java.net.UnknownHostException e) {
            return name;
        }
    }

    private static char[] password(String variable) {
        String value = System.getenv(variable);
        if (value == null) {
            throw new IllegalArgumentException("tls.keyPasswordEnv names " + variable + ", which is not set");
        }
        return value.toCharArray();
    }
}
