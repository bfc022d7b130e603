package org.parley.transport.tls;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.IPAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A self-signed certificate for development: an EC P-256 key and a certificate naming the given
 * hosts plus {@code localhost}, 127.0.0.1 and ::1, written as PEM into a directory on first use and
 * read from there afterwards (regenerated once expired). The key file is readable by its owner only.
 * Built with BouncyCastle, since the JDK has no public API to issue a certificate. Stateless.
 */
final class DevelopmentCertificate {
    static final String CERTIFICATE_FILE = "parley-dev-cert.pem";
    static final String KEY_FILE = "parley-dev-key.pem";
    /** One year: long enough for development, short enough that a leaked key ages out. */
    static final Duration VALIDITY = Duration.ofDays(365);

    private static final Logger LOG = LoggerFactory.getLogger(DevelopmentCertificate.class);

    private DevelopmentCertificate() {
    }

    static KeyMaterial ensure(Path directory, List<String> names, InstantSource clock) {
        Path certificate = directory.resolve(CERTIFICATE_FILE);
        Path key = directory.resolve(KEY_FILE);
        if (Files.exists(certificate) && Files.exists(key)) {
            KeyMaterial existing = KeyMaterial.fromPem(certificate, key, null);
            if (existing.certificate().getNotAfter().toInstant().isAfter(clock.instant())) {
                return existing;
            }
            LOG.info("development certificate {} expired; generating a new one", certificate);
        }
        try {
            Files.createDirectories(directory);
            generate(certificate, key, names, clock.instant());
        } catch (IOException e) {
            throw new UncheckedIOException(directory + ": cannot write the development certificate: "
                    + e.getMessage(), e);
        }
        LOG.info("generated self-signed development certificate {} for {}", certificate, names);
        return KeyMaterial.fromPem(certificate, key, null);
    }

    private static void generate(Path certificateFile, Path keyFile, List<String> names, Instant now)
            throws IOException {
        Set<String> all = new LinkedHashSet<>(names);
        all.addAll(List.of("localhost", "127.0.0.1", "::1"));
        KeyPair pair;
        X509Certificate certificate;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            pair = generator.generateKeyPair();
            X500Principal subject = new X500Principal("CN=" + all.iterator().next() + ", O=Parley development");
            var builder = new JcaX509v3CertificateBuilder(subject, new BigInteger(64, new SecureRandom()).abs(),
                    Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(VALIDITY)), subject,
                    pair.getPublic());
            builder.addExtension(Extension.subjectAlternativeName, false, subjectAltNames(all));
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            certificate = new JcaX509CertificateConverter().setProvider(Pem.BC).getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").setProvider(Pem.BC)
                            .build(pair.getPrivate())));
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot generate a development certificate: " + e.getMessage(), e);
        }
        writeOwnerOnly(keyFile, pem(new JcaPKCS8Generator(pair.getPrivate(), null)));
        Path tmp = Files.createTempFile(certificateFile.getParent(), ".cert", ".tmp");
        Files.writeString(tmp, pem(certificate), StandardCharsets.US_ASCII);
        Files.move(tmp, certificateFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static GeneralNames subjectAltNames(Set<String> names) {
        List<GeneralName> entries = new ArrayList<>();
        for (String name : names) {
            // An IP literal goes into an iPAddress entry (RFC 5280 §4.2.1.6), anything else into a dNSName.
            int type = IPAddress.isValid(name) ? GeneralName.iPAddress : GeneralName.dNSName;
            entries.add(new GeneralName(type, name));
        }
        return new GeneralNames(entries.toArray(GeneralName[]::new));
    }

    private static String pem(Object object) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        }
        return text.toString();
    }

    /** Writes through a temporary file that is owner-only from its creation, then moves it in place. */
    private static void writeOwnerOnly(Path file, String text) throws IOException {
        Path tmp;
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            tmp = Files.createTempFile(file.getParent(), ".key", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            tmp = Files.createTempFile(file.getParent(), ".key", ".tmp");
        }
        try (Writer writer = Files.newBufferedWriter(tmp, StandardCharsets.US_ASCII)) {
            writer.write(text);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
