package org.parley.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The bearer token of the admin API: 32 random bytes, base64url, kept in {@code DATA/admin-token}
 * (readable by its owner only) so it survives restarts; made on the first start, which is when the
 * server prints it. Immutable.
 *
 * @param value the token
 * @param created whether this start made it (so it should be shown)
 */
record AdminToken(String value, boolean created) {
    /** The file name in the data directory. */
    static final String FILE_NAME = "admin-token";

    /**
     * The token in {@code dataDirectory}, made when there is none.
     *
     * @throws UncheckedIOException naming the file when it cannot be read or written
     */
    static AdminToken loadOrCreate(Path dataDirectory) {
        Path file = dataDirectory.resolve(FILE_NAME);
        try {
            if (Files.exists(file)) {
                String value = Files.readString(file, StandardCharsets.US_ASCII).strip();
                if (value.length() >= 16) {
                    return new AdminToken(value, false);
                }
                throw new IOException("holds no token (fewer than 16 characters); delete it to make a new one");
            }
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            String value = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
            Files.writeString(file, value + "\n", StandardCharsets.US_ASCII);
            return new AdminToken(value, true);
        } catch (FileAlreadyExistsException e) {
            // Another server started on the same directory at the same moment: take its token.
            return loadOrCreate(dataDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read or write the admin token: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "AdminToken[***]";
    }
}
