package org.parley.server.admin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin API's bearer token (RFC 6750 §2.1): 32 random bytes, URL-safe Base64 without padding (43
 * characters), made at the first start and kept in {@value #FILE_NAME} in the data directory, readable by
 * its owner only; later starts read it back. The server prints it when {@link #isNew()}.
 *
 * <p>Immutable; {@link #toString()} never shows the token.
 */
public final class AdminToken {
    /** The file in the data directory. */
    public static final String FILE_NAME = "admin-token";
    /** Random bytes in a new token: 256 bits. */
    public static final int TOKEN_BYTES = 32;
    private static final Logger LOG = LoggerFactory.getLogger(AdminToken.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String value;
    private final byte[] digest;
    private final Path file;
    private final boolean isNew;

    private AdminToken(String value, Path file, boolean isNew) {
        this.value = value;
        this.digest = sha256(value);
        this.file = file;
        this.isNew = isNew;
    }

    /**
     * The token in {@code dataDir}, made and stored there (owner-only) when there is none. Two servers
     * starting at once on one directory end with the same token: the file appears by an atomic hard link,
     * which never replaces one, and the loser reads the winner's.
     *
     * @throws IOException when the directory or file cannot be made or read, or the file holds no usable
     *     token; the message names the file
     */
    public static AdminToken loadOrCreate(Path dataDir) throws IOException {
        Objects.requireNonNull(dataDir, "dataDir");
        Path file = dataDir.resolve(FILE_NAME);
        if (Files.exists(file)) {
            return read(file);
        }
        Files.createDirectories(dataDir);
        byte[] random = new byte[TOKEN_BYTES];
        RANDOM.nextBytes(random);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Path temp = Files.createTempFile(dataDir, FILE_NAME, ".tmp");
        try {
            restrict(temp);
            Files.writeString(temp, token + "\n", StandardCharsets.US_ASCII);
            try {
                // link(2) never replaces an existing file, so of two servers starting at once one wins.
                Files.createLink(file, temp);
            } catch (UnsupportedOperationException | FileSystemException e) {
                if (e instanceof FileAlreadyExistsException exists) {
                    throw exists;
                }
                Files.move(temp, file);
            }
        } catch (FileAlreadyExistsException raced) {
            return read(file);
        } finally {
            Files.deleteIfExists(temp);
        }
        return new AdminToken(token, file, true);
    }

    /** A token given directly (tests, or a configuration that sets one); at least 16 URL-safe characters. */
    public static AdminToken of(String token) {
        String problem = problem(Objects.requireNonNull(token, "token"));
        if (problem != null) {
            throw new IllegalArgumentException("admin token " + problem);
        }
        return new AdminToken(token, Path.of(FILE_NAME), false);
    }

    private static AdminToken read(Path file) throws IOException {
        String token;
        try {
            if (Files.size(file) > 1024) {
                throw new IOException("over 1024 bytes");
            }
            token = Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new IOException("cannot read the admin token file " + file + ": " + e.getMessage(), e);
        }
        String problem = problem(token);
        if (problem != null) {
            throw new IOException("the admin token file " + file + " " + problem
                    + "; delete it to have a new token made");
        }
        PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (posix != null && !OWNER_ONLY.containsAll(posix.readAttributes().permissions())) {
            LOG.warn("the admin token file {} was readable by others; made owner-only", file);
            posix.setPermissions(OWNER_ONLY);
        }
        return new AdminToken(token, file, false);
    }

    /** What is wrong with {@code token} as a bearer token, or null when nothing is. */
    private static String problem(String token) {
        if (token.length() < 16 || token.length() > 512) {
            return "must be 16..512 characters, has " + token.length();
        }
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                return "may hold only A-Z a-z 0-9 - _, has '" + (c < 0x20 || c > 0x7e ? "?" : c) + "' at " + i;
            }
        }
        return null;
    }

    private static void restrict(Path path) throws IOException {
        PosixFileAttributeView posix = Files.getFileAttributeView(path, PosixFileAttributeView.class);
        if (posix != null) {
            posix.setPermissions(OWNER_ONLY);
        } else {
            LOG.warn("{}: the file system has no POSIX permissions; protect the admin token file yourself", path);
        }
    }

    /** The token, for the server to print at first start and for clients. */
    public String value() {
        return value;
    }

    /** The file it is kept in. */
    public Path file() {
        return file;
    }

    /** True when this start made the token (so the server prints it). */
    public boolean isNew() {
        return isNew;
    }

    /**
     * True when {@code presented} is the token. Compares SHA-256 digests with {@link MessageDigest#isEqual},
     * so the time taken says nothing about how much of the token matched, nor its length.
     */
    public boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(digest, sha256(presented));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** The file, never the token. */
    @Override
    public String toString() {
        return "AdminToken[" + file + "]";
    }
}
