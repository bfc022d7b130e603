package org.parley.transport.tls;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * The certificate authorities a peer's certificate must chain to: the JDK's default set, or the
 * certificates of a PEM bundle or a PKCS#12 trust store. Immutable.
 *
 * @param anchors the trusted certificates; empty means the JDK's default trust store
 * @param origin where they came from, for messages
 */
public record TrustMaterial(List<X509Certificate> anchors, String origin) {
    /** Checks the parts and copies the list. */
    public TrustMaterial {
        anchors = List.copyOf(anchors);
        Objects.requireNonNull(origin, "origin");
    }

    /** The JDK's default trust store ({@code cacerts}). */
    public static TrustMaterial jdkDefault() {
        return new TrustMaterial(List.of(), "the JDK default trust store");
    }

    /** These certificates as trust anchors. */
    public static TrustMaterial of(List<X509Certificate> anchors) {
        if (anchors.isEmpty()) {
            throw new IllegalArgumentException("trust anchors must not be empty; use jdkDefault() for the JDK's");
        }
        return new TrustMaterial(anchors, anchors.size() + " given certificates");
    }

    /**
     * Reads a PEM bundle of CA certificates.
     *
     * @throws java.io.UncheckedIOException when the file is missing or unreadable
     * @throws IllegalArgumentException when it holds no certificate
     */
    public static TrustMaterial fromPem(Path bundle) {
        return new TrustMaterial(Pem.readCertificates(bundle), bundle.toString());
    }

    /**
     * Reads the certificates of a PKCS#12 trust store.
     *
     * @throws java.io.UncheckedIOException when the file is missing or unreadable
     * @throws IllegalArgumentException when the password is wrong or it holds no certificate
     */
    public static TrustMaterial fromPkcs12(Path file, char[] password) {
        return new TrustMaterial(Pkcs12.readCertificates(file, password), file.toString());
    }

    /** True for the JDK's default trust store. */
    public boolean isJdkDefault() {
        return anchors.isEmpty();
    }
}
