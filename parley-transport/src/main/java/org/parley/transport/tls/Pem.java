package org.parley.transport.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMException;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;

/**
 * Reads PEM files (RFC 7468): certificate chains and private keys, with errors that name the file
 * and the problem. Stateless.
 */
final class Pem {
    /** BouncyCastle as a provider object, never registered globally (STYLE.md §4: no static settings). */
    static final BouncyCastleProvider BC = new BouncyCastleProvider();

    private Pem() {
    }

    static List<X509Certificate> readCertificates(Path file) {
        try (InputStream in = open(file)) {
            List<X509Certificate> certificates = new ArrayList<>();
            for (var c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                certificates.add((X509Certificate) c);
            }
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException(file + ": no PEM certificate in the file");
            }
            return certificates;
        } catch (CertificateException e) {
            throw new IllegalArgumentException(file + ": not a PEM certificate file: " + e.getMessage(), e);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    static PrivateKey readPrivateKey(Path file, char[] password) {
        Object object;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
                PEMParser parser = new PEMParser(reader)) {
            object = parser.readObject();
        } catch (NoSuchFileException e) {
            throw unreadable(file, e);
        } catch (PEMException e) {
            throw new IllegalArgumentException(file + ": malformed PEM private key: " + e.getMessage(), e);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter().setProvider(BC);
        try {
            return switch (object) {
                case PrivateKeyInfo info -> converter.getPrivateKey(info);
                case PEMKeyPair pair -> converter.getKeyPair(pair).getPrivate();
                case PKCS8EncryptedPrivateKeyInfo encrypted -> {
                    requirePassword(file, password);
                    yield converter.getPrivateKey(encrypted.decryptPrivateKeyInfo(
                            new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(BC).build(password)));
                }
                case PEMEncryptedKeyPair encrypted -> {
                    requirePassword(file, password);
                    yield converter.getKeyPair(encrypted.decryptKeyPair(
                            new JcePEMDecryptorProviderBuilder().setProvider(BC).build(password))).getPrivate();
                }
                case null -> throw new IllegalArgumentException(file + ": no PEM private key in the file");
                default -> throw new IllegalArgumentException(file + ": holds a " + object.getClass().getSimpleName()
                        + ", not a private key");
            };
        } catch (PKCSException | OperatorCreationException | IOException e) {
            // BouncyCastle reports a wrong password as a failed decryption or a garbled key structure.
            throw new IllegalArgumentException(file + ": cannot decrypt the private key: wrong password?"
                    + " (" + e.getMessage() + ")", e);
        }
    }

    private static void requirePassword(Path file, char[] password) {
        if (password == null || password.length == 0) {
            throw new IllegalArgumentException(file + ": the private key is encrypted and no password was given");
        }
    }

    /** Refuses a key that does not belong to the certificate: it signs a probe the certificate must verify. */
    static void checkPair(X509Certificate certificate, PrivateKey key, Path keyFile) {
        try {
            String algorithm = switch (key.getAlgorithm()) {
                case "RSA" -> "SHA256withRSA";
                case "EC", "ECDSA" -> "SHA256withECDSA";
                case "Ed25519", "Ed448", "EdDSA" -> key.getAlgorithm();
                default -> null;
            };
            if (algorithm == null) {
                return;
            }
            byte[] probe = "parley key check".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm, BC);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm, BC);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            if (!verifier.verify(signature)) {
                throw new IllegalArgumentException(keyFile + ": the private key does not belong to the certificate "
                        + certificate.getSubjectX500Principal().getName());
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(keyFile + ": the private key does not fit the certificate "
                    + certificate.getSubjectX500Principal().getName() + ": " + e.getMessage(), e);
        }
    }

    static InputStream open(Path file) {
        try {
            return Files.newInputStream(file);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    static UncheckedIOException unreadable(Path file, IOException e) {
        String why = e instanceof NoSuchFileException ? "no such file" : "cannot read: " + e.getMessage();
        return new UncheckedIOException(file + ": " + why, e);
    }
}
