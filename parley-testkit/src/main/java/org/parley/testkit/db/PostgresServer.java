package org.parley.testkit.db;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A throw-away PostgreSQL server (Debian package {@code postgresql}) on a free 127.0.0.1 port, for
 * integration tests of the stores that use it:
 *
 * <pre>{@code
 * try (PostgresServer pg = PostgresServer.start()) {
 *     HikariConfig config = new HikariConfig();
 *     config.setJdbcUrl(pg.jdbcUrl());
 *     config.setUsername(pg.user());
 *     config.setPassword(pg.password());
 *     ...
 * }
 * }</pre>
 *
 * <p>{@link Builder#start()} runs {@code initdb} into a new temporary directory, starts
 * {@code postgres} on it (TCP on 127.0.0.1 only, its Unix socket in the same directory, {@code fsync}
 * off: a test loses nothing it cares about in a crash), waits until the server says it accepts
 * connections, and creates a login role with a password and a database it owns. Authentication:
 * the superuser {@value #SUPERUSER} is trusted over the socket and 127.0.0.1 (the launcher's own
 * set-up); every other role must give its password (SCRAM-SHA-256), so a store that forgets its
 * credentials fails here as it would in production. Nothing listens beyond loopback.
 *
 * <p>PostgreSQL refuses to run as root. When the JVM runs as root (CI does), {@code initdb},
 * {@code postgres} and {@code pg_ctl} run as {@value Programs#UNPRIVILEGED_USER} through
 * {@code setpriv}, and the temporary directory is handed to that user; it must then be able to reach
 * {@code java.io.tmpdir} ({@code /tmp} is fine).
 *
 * <p>{@link #close()} stops the server ({@code pg_ctl stop -m immediate}, then SIGKILL to whatever
 * is left) and deletes the directory; a JVM shutdown hook does the same for a server a test forgot
 * to close. No system service and no fixed port is used.
 *
 * <p>Thread model: thread-safe; {@link #close()} is guarded by the instance's monitor and may be
 * called more than once. Every wait is bounded by the start timeout or a documented constant.
 */
public final class PostgresServer implements AutoCloseable {
    /** The Debian package that holds the server, named in the error when its programs are missing. */
    public static final String PACKAGE = "postgresql";

    /** The address the server listens on: IPv4 loopback only. */
    public static final String HOST = "127.0.0.1";

    /** The superuser {@code initdb} creates, trusted on the socket and loopback for the launcher's set-up. */
    public static final String SUPERUSER = "postgres";

    /** The database and role a builder creates unless told otherwise. */
    public static final String DEFAULT_NAME = "parley";

    /** 60 s: the most {@link Builder#start()} waits for initdb, the server and the set-up together. */
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(60);

    /** 10 s: the most {@link #close()} waits for {@code pg_ctl stop -m immediate} before killing. */
    public static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    /** Where Debian installs each major version's programs: {@code /usr/lib/postgresql/<major>/bin}. */
    static final Path DEBIAN_ROOT = Path.of("/usr/lib/postgresql");

    /** The programs the launcher runs; all must sit in one directory. */
    static final List<String> PROGRAMS = List.of("initdb", "postgres", "pg_ctl", "psql");

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final Pattern PASSWORD = Pattern.compile("[A-Za-z0-9._~-]{1,100}");
    private static final int PORT_ATTEMPTS = 5;
    private static final long POLL_MS = 20;
    private static final String LOG = "postgres.log";
    private static final String SETUP_LOG = "setup.log";

    private final Process process;
    private final Path directory;
    private final Path binDirectory;
    private final List<String> asUser;
    private final int port;
    private final String database;
    private final String user;
    private final String password;
    private final Thread shutdownHook;
    private boolean closed;

    private PostgresServer(Process process, Path directory, Path binDirectory, List<String> asUser, int port,
            Builder b) {
        this.process = process;
        this.directory = directory;
        this.binDirectory = binDirectory;
        this.asUser = asUser;
        this.port = port;
        this.database = b.database;
        this.user = b.user;
        this.password = b.password;
        this.shutdownHook = new Thread(this::close, "postgres-" + port + "-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** A builder with the defaults: database and role {@value #DEFAULT_NAME}, a random password. */
    public static Builder builder() {
        return new Builder();
    }

    /** Starts a server with the {@link #builder()} defaults; see {@link Builder#start()}. */
    public static PostgresServer start() {
        return builder().start();
    }

    /** Whether the PostgreSQL programs are installed where {@link Builder#start()} looks for them. */
    public static boolean isInstalled() {
        return findBinDirectory().isPresent();
    }

    /**
     * The directory of the newest PostgreSQL found: the highest {@code /usr/lib/postgresql/<major>/bin}
     * that holds every program the launcher runs, else the directory {@code pg_ctl} on {@code PATH}
     * resolves to (a symbolic link is followed) when it holds them all.
     */
    public static Optional<Path> findBinDirectory() {
        Optional<Path> debian = Optional.empty();
        if (Files.isDirectory(DEBIAN_ROOT)) {
            try (Stream<Path> versions = Files.list(DEBIAN_ROOT)) {
                debian = versions.filter(v -> v.getFileName().toString().matches("\\d+(\\.\\d+)?"))
                        .map(v -> v.resolve("bin")).filter(PostgresServer::holdsPrograms)
                        .max(Comparator.comparingDouble(b -> Double.parseDouble(b.getParent().getFileName()
                                .toString())));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + DEBIAN_ROOT, e);
            }
        }
        return debian.or(() -> Programs.findOnPath("pg_ctl").map(PostgresServer::realParent)
                .filter(PostgresServer::holdsPrograms));
    }

    private static Path realParent(Path program) {
        try {
            return program.toRealPath().getParent();
        } catch (IOException e) {
            return program.toAbsolutePath().getParent();
        }
    }

    private static boolean holdsPrograms(Path dir) {
        return PROGRAMS.stream().map(dir::resolve).allMatch(p -> Files.isRegularFile(p) && Files.isExecutable(p));
    }

    /** The address the server listens on, {@value #HOST}. */
    public String host() {
        return HOST;
    }

    /** The TCP port the server listens on. */
    public int port() {
        return port;
    }

    /** The database the builder created, owned by {@link #user()}. */
    public String database() {
        return database;
    }

    /** The login role the builder created. */
    public String user() {
        return user;
    }

    /** {@link #user()}'s password. */
    public String password() {
        return password;
    }

    /** A pgjdbc URL for {@link #database()}: {@code jdbc:postgresql://127.0.0.1:PORT/DATABASE}. */
    public String jdbcUrl() {
        return "jdbc:postgresql://" + HOST + ":" + port + "/" + database;
    }

    /** The server's temporary directory (data under {@code data/}, the socket, the logs); gone after close. */
    public Path directory() {
        return directory;
    }

    /** The directory of the PostgreSQL programs this server runs. */
    public Path binDirectory() {
        return binDirectory;
    }

    /** The server's major version, from its data directory's {@code PG_VERSION} file (e.g. "15"). */
    public String majorVersion() {
        try {
            return Files.readString(directory.resolve("data").resolve("PG_VERSION")).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the server's PG_VERSION in " + directory, e);
        }
    }

    /** The operating system's id of the {@code postgres} process. */
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

    /**
     * Stops the server ({@code pg_ctl stop -m immediate}, which drops open connections at once; SIGKILL
     * to the server and its children when that fails or takes over {@link #STOP_TIMEOUT}), and deletes
     * its directory. Does nothing the second time.
     */
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
        stop(process, directory, binDirectory, asUser);
        WorkDirectory.delete(directory);
    }

    private static void stop(Process process, Path directory, Path bin, List<String> asUser) {
        List<ProcessHandle> children = process.descendants().toList();
        if (process.isAlive()) {
            List<String> command = new ArrayList<>(asUser);
            command.addAll(List.of(bin.resolve("pg_ctl").toString(), "stop", "-D", directory.resolve("data")
                    .toString(), "-m", "immediate", "-w", "-t", Long.toString(STOP_TIMEOUT.toSeconds())));
            try {
                Programs.run(command, directory, directory.resolve(SETUP_LOG), STOP_TIMEOUT.plusSeconds(5));
            } catch (RuntimeException e) {
                // pg_ctl could not stop it (or not start): the kill below does.
            }
        }
        if (!Programs.awaitGone(process.toHandle(), STOP_TIMEOUT.toMillis())) {
            Programs.kill(process.toHandle());
        }
        for (ProcessHandle child : children) {
            if (!Programs.awaitGone(child, STOP_TIMEOUT.toMillis())) {
                Programs.kill(child);
            }
        }
    }

    @Override
    public String toString() {
        return "PostgresServer[" + HOST + ":" + port + "/" + database + " pid " + process.pid() + "]";
    }

    /**
     * Options for a {@link PostgresServer}: the names it creates, where its programs are, how long it
     * may take to start. Confined to the thread that uses it.
     */
    public static final class Builder {
        private String database = DEFAULT_NAME;
        private String user = DEFAULT_NAME;
        private String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
        private Optional<Path> binDirectory = Optional.empty();
        private Duration startTimeout = DEFAULT_START_TIMEOUT;

        private Builder() {
        }

        /** The database to create ({@value #DEFAULT_NAME} unless set): lower-case letters, digits, {@code _}. */
        public Builder database(String name) {
            this.database = identifier(name, "database");
            return this;
        }

        /** The login role to create ({@value #DEFAULT_NAME} unless set): lower-case letters, digits, {@code _}. */
        public Builder user(String name) {
            String checked = identifier(name, "user");
            if (checked.equals(SUPERUSER)) {
                throw new IllegalArgumentException("user must not be the superuser '" + SUPERUSER + "'");
            }
            this.user = checked;
            return this;
        }

        /** The role's password (random unless set): 1 to 100 of letters, digits and {@code . _ ~ -}. */
        public Builder password(String value) {
            Objects.requireNonNull(value, "password");
            if (!PASSWORD.matcher(value).matches()) {
                throw new IllegalArgumentException("password must be 1..100 of letters, digits and . _ ~ -, was "
                        + value.length() + " characters not all of them");
            }
            this.password = value;
            return this;
        }

        /** The directory of {@code initdb}, {@code postgres}, {@code pg_ctl} and {@code psql}, found unless set. */
        public Builder binDirectory(Path dir) {
            this.binDirectory = Optional.of(Objects.requireNonNull(dir, "dir"));
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
         * Creates the data directory, starts the server on a free port (again on another one when the
         * port was taken before the server bound it), waits until it accepts connections, and creates
         * the role and the database.
         *
         * @throws IllegalStateException when the programs are missing (naming package {@value #PACKAGE}),
         *         when a step fails (with the step's log), or when the whole took longer than the start
         *         timeout (the server is then stopped and its directory deleted)
         */
        public PostgresServer start() {
            Path bin = locate();
            long deadline = System.nanoTime() + startTimeout.toNanos();
            boolean root = Programs.isRoot();
            Path dir = WorkDirectory.create("parley-postgres-", root ? Programs.UNPRIVILEGED_USER : null);
            Process process = null;
            List<String> asUser = List.of();
            try {
                if (root) {
                    asUser = Programs.asUser(Programs.UNPRIVILEGED_USER, dir, startTimeout);
                }
                initdb(bin, dir, asUser, remaining(deadline));
                for (int attempt = 1; ; attempt++) {
                    int port = WorkDirectory.freePort(InetAddress.getByName(HOST));
                    process = launch(bin, dir, asUser, port);
                    if (awaitReady(process, dir, port, deadline)) {
                        createRoleAndDatabase(bin, dir, port, remaining(deadline));
                        return new PostgresServer(process, dir, bin, asUser, port, this);
                    }
                    // The port chosen was taken before the server bound it: try another one.
                    if (!log(dir).contains("Address already in use") || attempt == PORT_ATTEMPTS) {
                        throw new IllegalStateException("PostgreSQL exited with code " + process.exitValue()
                                + " while starting on " + HOST + ":" + port);
                    }
                }
            } catch (IOException | RuntimeException e) {
                if (process != null) {
                    stop(process, dir, bin, asUser);
                }
                String log = log(dir);
                WorkDirectory.delete(dir);
                throw new IllegalStateException("cannot start PostgreSQL from " + bin + ": " + e.getMessage()
                        + (log.isEmpty() ? "" : ". Server log: " + log), e);
            }
        }

        private static String log(Path dir) {
            return WorkDirectory.tail(dir.resolve(LOG));
        }

        private Path locate() {
            if (binDirectory.isPresent()) {
                Path dir = binDirectory.get();
                List<String> missing = PROGRAMS.stream().filter(p -> !Files.isExecutable(dir.resolve(p))).toList();
                if (!missing.isEmpty()) {
                    throw new IllegalStateException("PostgreSQL is not installed in " + dir + ": " + missing
                            + " missing there. " + installHint());
                }
                return dir;
            }
            return findBinDirectory().orElseThrow(() -> new IllegalStateException("PostgreSQL is not installed: "
                    + "none of " + DEBIAN_ROOT + "/*/bin and the directory of pg_ctl on PATH holds " + PROGRAMS
                    + ". " + installHint()));
        }

        private static String installHint() {
            return "Install the Debian package " + PACKAGE + " (apt-get install -y --no-install-recommends "
                    + PACKAGE + "); the PostgreSQL tests need it";
        }

        private static void initdb(Path bin, Path dir, List<String> asUser, Duration limit) throws IOException {
            List<String> command = new ArrayList<>(asUser);
            // Trust everywhere for now; pg_hba.conf is replaced below before the server first starts.
            command.addAll(List.of(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(),
                    "-U", SUPERUSER, "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"));
            Path log = dir.resolve(SETUP_LOG);
            int code = Programs.run(command, dir, log, limit);
            if (code != 0) {
                throw new IllegalStateException("initdb exited with code " + code + " in " + dir
                        + (asUser.isEmpty() ? "" : " (run as " + Programs.UNPRIVILEGED_USER + ", who must be able "
                        + "to reach that directory)") + ": " + WorkDirectory.tail(log));
            }
            // TYPE DATABASE USER ADDRESS METHOD: the superuser is trusted for set-up, every other role must
            // log in with its password, and nothing but the socket and 127.0.0.1 is admitted.
            Files.writeString(dir.resolve("data").resolve("pg_hba.conf"), String.join("\n",
                    "local all " + SUPERUSER + " trust",
                    "host all " + SUPERUSER + " 127.0.0.1/32 trust",
                    "host all all 127.0.0.1/32 scram-sha-256",
                    ""), StandardCharsets.US_ASCII);
        }

        private static Process launch(Path bin, Path dir, List<String> asUser, int port) throws IOException {
            List<String> command = new ArrayList<>(asUser);
            command.addAll(List.of(bin.resolve("postgres").toString(), "-D", dir.resolve("data").toString(),
                    "-c", "listen_addresses=" + HOST, "-c", "port=" + port,
                    "-c", "unix_socket_directories=" + dir,
                    // Throw-away data: durability buys nothing and costs seconds on a shared disk.
                    "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
                    "-c", "max_connections=40", "-c", "shared_buffers=16MB"));
            return new ProcessBuilder(command).directory(dir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve(LOG).toFile()))
                    .redirectErrorStream(true)
                    .start();
        }

        /**
         * Waits until {@code postmaster.pid} says "ready" for {@code port} (the status line PostgreSQL
         * writes when it accepts connections, which {@code pg_ctl start -w} reads too): true; false when
         * the server exited first.
         */
        private static boolean awaitReady(Process process, Path dir, int port, long deadline) {
            Path pidFile = dir.resolve("data").resolve("postmaster.pid");
            while (System.nanoTime() < deadline) {
                if (Files.isRegularFile(pidFile)) {
                    List<String> lines = readLines(pidFile);
                    // Lines: pid, data directory, start time, port, socket directory, listen address, shared
                    // memory key, status.
                    if (lines.size() >= 8 && lines.get(3).strip().equals(Integer.toString(port))
                            && lines.get(7).strip().equals("ready")) {
                        return true;
                    }
                }
                if (Programs.waitFor(process, POLL_MS)) {
                    return false;
                }
            }
            throw new IllegalStateException("PostgreSQL did not accept connections on " + HOST + ":" + port
                    + " within the start timeout");
        }

        private static List<String> readLines(Path file) {
            try {
                return Arrays.asList(Files.readString(file, StandardCharsets.UTF_8).split("\n", -1));
            } catch (IOException e) {
                // Being rewritten or just removed by the server: look again at the next poll.
                return List.of();
            }
        }

        private void createRoleAndDatabase(Path bin, Path dir, int port, Duration limit) {
            List<String> command = List.of(bin.resolve("psql").toString(), "-X", "-q", "-v", "ON_ERROR_STOP=1",
                    "-h", dir.toString(), "-p", Integer.toString(port), "-U", SUPERUSER, "-d", "postgres",
                    "-c", "CREATE ROLE " + user + " LOGIN PASSWORD '" + password + "'",
                    "-c", "CREATE DATABASE " + database + " OWNER " + user);
            Path log = dir.resolve(SETUP_LOG);
            int code = Programs.run(command, dir, log, limit);
            if (code != 0) {
                throw new IllegalStateException("psql could not create role " + user + " and database " + database
                        + " (exit " + code + "): " + WorkDirectory.tail(log));
            }
        }

        private static Duration remaining(long deadline) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new IllegalStateException("PostgreSQL did not start within the start timeout");
            }
            return Duration.ofNanos(left);
        }

        private static String identifier(String name, String what) {
            Objects.requireNonNull(name, what);
            if (!IDENTIFIER.matcher(name).matches()) {
                throw new IllegalArgumentException(what + " must be 1..63 of lower-case letters, digits and _, "
                        + "starting with a letter or _, was '" + name + "'");
            }
            return name;
        }
    }
}
