package org.parley.server.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The certificate TLS and WSS listeners present. Either both files (PEM: the certificate chain, leaf
 * first, and its private key, PKCS#8, encrypted when {@code keyPasswordEnv} names the variable holding
 * the password), or neither: then a self-signed certificate is generated into the data directory on
 * first start and reused afterwards. Immutable.
 *
 * @param certificate the PEM certificate chain
 * @param key the PEM private key
 * @param keyPasswordEnv the environment variable holding the key's password, when it is encrypted
 */
public record TlsFiles(Optional<Path> certificate, Optional<Path> key, Optional<String> keyPasswordEnv) {
    /** No files: a self-signed certificate in the data directory. */
    public static final TlsFiles SELF_SIGNED = new TlsFiles(Optional.empty(), Optional.empty(), Optional.empty());

    /** Checks that the certificate and key come together. */
    public TlsFiles {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(keyPasswordEnv, "keyPasswordEnv");
        if (certificate.isPresent() != key.isPresent()) {
            throw new IllegalArgumentException("tls.certificate and tls.key go together (or neither, for a"
                    + " self-signed certificate), was " + (certificate.isPresent() ? "a certificate without key"
                    : "a key without certificate"));
        }
    }

    /** Whether the certificate is generated rather than read from files. */
    public boolean isSelfSigned() {
        return certificate.isEmpty();
    }
}
