package org.parley.transport.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Reads PKCS#12 files (RFC 7292) with the JDK, with errors that name the file and the problem. Stateless. */
final class Pkcs12 {
    private Pkcs12() {
    }

    private static KeyStore load(Path file, char[] password) {
        try (InputStream in = Pem.open(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            return store;
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw new IllegalArgumentException(file + ": wrong password for the PKCS#12 file", e);
            }
            throw new IllegalArgumentException(file + ": not a readable PKCS#12 file: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(file + ": not a readable PKCS#12 file: " + e.getMessage(), e);
        }
    }

    static KeyMaterial readKey(Path file, char[] password) {
        KeyStore store = load(file, password);
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    PrivateKey key = (PrivateKey) store.getKey(alias, password);
                    List<X509Certificate> chain = new ArrayList<>();
                    for (Certificate c : store.getCertificateChain(alias)) {
                        chain.add((X509Certificate) c);
                    }
                    return new KeyMaterial(chain, key, file + " (entry " + alias + ")");
                }
            }
        } catch (UnrecoverableKeyException e) {
            throw new IllegalArgumentException(file + ": wrong password for the key entry", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(file + ": cannot read the key entry: " + e.getMessage(), e);
        }
        throw new IllegalArgumentException(file + ": no private key entry in the PKCS#12 file");
    }

    static List<X509Certificate> readCertificates(Path file, char[] password) {
        KeyStore store = load(file, password);
        List<X509Certificate> certificates = new ArrayList<>();
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (store.getCertificate(alias) instanceof X509Certificate c) {
                    certificates.add(c);
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(file + ": cannot read the certificates: " + e.getMessage(), e);
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException(file + ": no certificate in the PKCS#12 file");
        }
        return certificates;
    }
}
