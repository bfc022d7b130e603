package org.parley.testkit.db;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A throw-away Redis server (Debian package {@code redis-server}) on a free 127.0.0.1 port, for
 * integration tests of the stores that use it:
 *
 * <pre>{@code
 * try (RedisServer redis = RedisServer.start()) {
 *     RedisClient client = RedisClient.create(RedisURI.create(redis.uri()));
 *     ...
 * }
 * }</pre>
 *
 * <p>{@link Builder#start()} runs {@code redis-server} in the foreground in a new temporary
 * directory with {@code --bind 127.0.0.1}, a free {@code --port}, no persistence ({@code --save ""},
 * {@code --appendonly no}) and no Unix socket, and waits until it answers {@code PING}. Key expiry
 * works as in production. {@link #close()} stops it (SIGTERM, SIGKILL after {@link #STOP_GRACE}) and
 * deletes the directory; a JVM shutdown hook does the same for a server a test forgot to close. No
 * system service and no fixed port is used.
 *
 * <p>Thread model: thread-safe; {@link #close()} is guarded by the instance's monitor and may be
 * called more than once. Every wait is bounded by the start timeout or a documented constant.
 */
public final class RedisServer implements AutoCloseable {
    /** The Debian package that holds the server, named in the error when it is missing. */
    public static final String PACKAGE = "redis-server";

    /** The address the server listens on: IPv4 loopback only. */
    public static final String HOST = "127.0.0.1";

    /** 20 s: the most {@link Builder#start()} waits for the server to answer PING. */
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(20);

    /** 5 s between SIGTERM and SIGKILL: Redis without persistence exits at once on SIGTERM. */
    public static final Duration STOP_GRACE = Duration.ofSeconds(5);

    private static final int PORT_ATTEMPTS = 5;
    private static final long POLL_MS = 20;
    private static final int PING_TIMEOUT_MS = 1_000;
    private static final String LOG = "redis.log";

    private final Process process;
    private final Path directory;
    private final int port;
    private final Thread shutdownHook;
    private boolean closed;

    private RedisServer(Process process, Path directory, int port) {
        this.process = process;
        this.directory = directory;
        this.port = port;
        this.shutdownHook = new Thread(this::close, "redis-" + port + "-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** A builder with the defaults: {@code redis-server} from {@code PATH}, {@link #DEFAULT_START_TIMEOUT}. */
    public static Builder builder() {
        return new Builder();
    }

    /** Starts a server with the {@link #builder()} defaults; see {@link Builder#start()}. */
    public static RedisServer start() {
        return builder().start();
    }

    /** Whether {@code redis-server} is an executable file on {@code PATH}. */
    public static boolean isInstalled() {
        return Programs.findOnPath("redis-server").isPresent();
    }

    /** The address the server listens on, {@value #HOST}. */
    public String host() {
        return HOST;
    }

    /** The TCP port the server listens on. */
    public int port() {
        return port;
    }

    /** The server's address and port. */
    public InetSocketAddress address() {
        return new InetSocketAddress(HOST, port);
    }

    /** The server as a Redis URI, {@code redis://127.0.0.1:PORT} (no password, database 0). */
    public URI uri() {
        return URI.create("redis://" + HOST + ":" + port);
    }

    /** The server's temporary working directory; gone after close. */
    public Path directory() {
        return directory;
    }

    /** The operating system's id of the {@code redis-server} process. */
    public long pid() {
        return process.pid();
    }

    /** Whether the server process is still running. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** The end of the server's log (its standard output and error). */
    public String log() {
        return WorkDirectory.tail(directory.resolve(LOG));
    }

    /** Stops the server (SIGTERM, then SIGKILL after {@link #STOP_GRACE}) and deletes its directory; once. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // Called from the hook itself, or the JVM is exiting: the hook list can no longer change.
        }
        Programs.stop(process.toHandle(), STOP_GRACE.toMillis());
        WorkDirectory.delete(directory);
    }

    @Override
    public String toString() {
        return "RedisServer[" + HOST + ":" + port + " pid " + process.pid() + "]";
    }

    /** Options for a {@link RedisServer}. Confined to the thread that uses it. */
    public static final class Builder {
        private String executable = "redis-server";
        private Duration startTimeout = DEFAULT_START_TIMEOUT;

        private Builder() {
        }

        /** The server program: a name looked up on {@code PATH} ({@code redis-server} unless set) or a path. */
        public Builder executable(String program) {
            this.executable = Objects.requireNonNull(program, "program");
            return this;
        }

        /** The most {@link #start()} may take; {@link #DEFAULT_START_TIMEOUT} unless set. */
        public Builder startTimeout(Duration limit) {
            Objects.requireNonNull(limit, "startTimeout");
            if (limit.toMillis() < 1) {
                throw new IllegalArgumentException("startTimeout must be at least 1 ms, was " + limit);
            }
            this.startTimeout = limit;
            return this;
        }

        /**
         * Starts the server on a free port (again on another one when the port was taken before the
         * server bound it) and waits until it answers {@code PING}.
         *
         * @throws IllegalStateException when the program is missing (naming package {@value #PACKAGE}), when
         *         the server exits while starting (with its log), or when it does not answer within the
         *         start timeout (it is then stopped and its directory deleted)
         */
        public RedisServer start() {
            Path program = Programs.locate(executable).orElseThrow(() -> new IllegalStateException("Redis ('"
                    + executable + "') is not installed or not on PATH: install the Debian package " + PACKAGE
                    + " (apt-get install -y --no-install-recommends " + PACKAGE + "); the Redis tests need it"));
            long deadline = System.nanoTime() + startTimeout.toNanos();
            Path dir = WorkDirectory.create("parley-redis-", null);
            Process process = null;
            try {
                for (int attempt = 1; ; attempt++) {
                    int port = WorkDirectory.freePort(InetAddress.getByName(HOST));
                    process = launch(program, dir, port);
                    if (awaitPong(process, port, deadline)) {
                        return new RedisServer(process, dir, port);
                    }
                    // The port chosen was taken before the server bound it: try another one.
                    if (!log(dir).contains("Address already in use") || attempt == PORT_ATTEMPTS) {
                        throw new IllegalStateException("Redis exited with code " + process.exitValue()
                                + " while starting on " + HOST + ":" + port);
                    }
                }
            } catch (IOException | RuntimeException e) {
                if (process != null) {
                    Programs.stop(process.toHandle(), STOP_GRACE.toMillis());
                }
                String log = log(dir);
                WorkDirectory.delete(dir);
                throw new IllegalStateException("cannot start Redis (" + program + "): " + e.getMessage()
                        + (log.isEmpty() ? "" : ". Server log: " + log), e);
            }
        }

        private static String log(Path dir) {
            return WorkDirectory.tail(dir.resolve(LOG));
        }

        private static Process launch(Path program, Path dir, int port) throws IOException {
            List<String> command = List.of(program.toString(), "--port", Integer.toString(port), "--bind", HOST,
                    "--dir", dir.toString(), "--save", "", "--appendonly", "no", "--daemonize", "no",
                    "--logfile", "", "--unixsocket", "");
            return new ProcessBuilder(command).directory(dir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve(LOG).toFile()))
                    .redirectErrorStream(true)
                    .start();
        }

        /** Waits until the server answers PING with PONG: true; false when it exited first. */
        private static boolean awaitPong(Process process, int port, long deadline) {
            while (System.nanoTime() < deadline) {
                if (pings(port)) {
                    return true;
                }
                if (Programs.waitFor(process, POLL_MS)) {
                    return false;
                }
            }
            throw new IllegalStateException("Redis did not answer PING on " + HOST + ":" + port
                    + " within the start timeout");
        }

        /** One PING in RESP over a new connection; whether {@code +PONG} came back. */
        private static boolean pings(int port) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(HOST, port), PING_TIMEOUT_MS);
                socket.setSoTimeout(PING_TIMEOUT_MS);
                OutputStream out = socket.getOutputStream();
                out.write("*1\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = socket.getInputStream();
                byte[] reply = new byte[7];
                int n = 0;
                while (n < reply.length) {
                    int read = in.read(reply, n, reply.length - n);
                    if (read < 0) {
                        break;
                    }
                    n += read;
                }
                return new String(reply, 0, n, StandardCharsets.US_ASCII).equals("+PONG\r\n");
            } catch (IOException notYet) {
                return false;
            }
        }
    }
}
