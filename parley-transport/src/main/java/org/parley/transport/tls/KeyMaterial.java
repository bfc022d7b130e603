package org.parley.transport.tls;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * A private key and its certificate chain (leaf first): the identity a TLS listener presents, and
 * the client certificate of an outbound connection (mutual TLS). Loaded from files when made, so a
 * bad file is reported at configuration time. Immutable.
 *
 * @param chain the certificate chain, leaf first; never empty
 * @param key the leaf certificate's private key
 * @param origin where it came from, for messages (e.g. the file names)
 */
public record KeyMaterial(List<X509Certificate> chain, PrivateKey key, String origin) {
    /** Checks the parts and copies the chain. */
    public KeyMaterial {
        chain = List.copyOf(chain);
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(origin, "origin");
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("certificate chain of " + origin + " is empty");
        }
    }

    /**
     * Reads a PEM certificate chain (leaf first) and a PEM private key: PKCS#8, unencrypted or
     * encrypted ({@code ENCRYPTED PRIVATE KEY}), or the traditional OpenSSL forms.
     *
     * @param password the key's password, or null for an unencrypted key
     * @throws java.io.UncheckedIOException when a file is missing or unreadable (the message names it)
     * @throws IllegalArgumentException when a file holds no certificate or key, the key is encrypted
     *         and no or a wrong password is given, or the key does not belong to the certificate
     */
    public static KeyMaterial fromPem(Path certificateChain, Path privateKey, char[] password) {
        List<X509Certificate> chain = Pem.readCertificates(certificateChain);
        PrivateKey key = Pem.readPrivateKey(privateKey, password);
        Pem.checkPair(chain.get(0), key, privateKey);
        return new KeyMaterial(chain, key, certificateChain + " and " + privateKey);
    }

    /**
     * Reads the first key entry of a PKCS#12 file, whose key has the store's password.
     *
     * @throws java.io.UncheckedIOException when the file is missing or unreadable
     * @throws IllegalArgumentException when the password is wrong or the file holds no key entry
     */
    public static KeyMaterial fromPkcs12(Path file, char[] password) {
        return Pkcs12.readKey(file, password);
    }

    /** The leaf certificate. */
    public X509Certificate certificate() {
        return chain.get(0);
    }

    /** Names the origin and the leaf's subject, never the key. */
    @Override
    public String toString() {
        return "KeyMaterial[" + origin + ", " + certificate().getSubjectX500Principal().getName() + "]";
    }
}
