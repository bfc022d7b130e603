package org.parley.testkit.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipalLookupService;
import org.parley.testkit.internal.WorkFiles;

/**
 * A server's throw-away directory under {@code java.io.tmpdir} (data, socket, log), and the file
 * chores around it: handing it to the unprivileged user, reading the end of a log, deleting it, and
 * picking a free loopback port. Stateless.
 */
final class WorkDirectory {
    /** 16 KiB: the most of a log quoted in an error message. */
    static final int MAX_CHARS = 16 * 1024;

    private WorkDirectory() {
    }

    /** A new empty directory named {@code prefix…}; owned by {@code owner} when given (a user name). */
    static Path create(String prefix, String owner) {
        try {
            Path dir = Files.createTempDirectory(prefix);
            if (owner != null) {
                UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
                Files.setOwner(dir, users.lookupPrincipalByName(owner));
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory " + prefix + "… under "
                    + System.getProperty("java.io.tmpdir") + (owner == null ? "" : " owned by " + owner), e);
        }
    }

    /** The last {@link #MAX_CHARS} characters of a file, or "" when it does not exist. */
    static String tail(Path file) {
        return WorkFiles.tail(file, MAX_CHARS, StandardCharsets.UTF_8).strip();
    }

    /** Deletes {@code dir} and everything in it; nothing when it is already gone. */
    static void delete(Path dir) {
        WorkFiles.deleteTree(dir, "the server directory");
    }

    /**
     * A TCP port free on {@code address} at the moment of the call (the kernel's ephemeral choice).
     * Another process may take it before the server binds it; the launchers then start again on a
     * new one.
     */
    static int freePort(InetAddress address) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(address, 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind a TCP socket on " + address.getHostAddress(), e);
        }
    }
}
