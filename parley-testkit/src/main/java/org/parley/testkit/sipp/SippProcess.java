package org.parley.testkit.sipp;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.parley.testkit.internal.WorkFiles;
import org.parley.transport.Transport;

/**
 * One running SIPp, made by {@link Sipp#start()}: where it listens, waiting for its end, and
 * stopping it. {@link #close()} kills SIPp and any process it started (SIGTERM, then SIGKILL after
 * {@link #TERM_GRACE}), waits for them, and deletes the working directory; it never takes longer
 * than a few seconds and may be called more than once.
 *
 * <p>Thread model: thread-safe, guarded by its own monitor; {@link #awaitExit(Duration)} blocks.
 */
public final class SippProcess implements AutoCloseable {
    /** 2 s between SIGTERM and SIGKILL: SIPp stops at once on SIGTERM unless it is wedged. */
    public static final Duration TERM_GRACE = Duration.ofSeconds(2);

    static final String SCENARIO = "scenario.xml";
    static final String INJECTION = "injection.csv";
    static final String ERRORS = "errors.log";
    static final String MESSAGES = "messages.log";
    static final String STATS = "stats.csv";
    static final String SCREEN = "screen.log";
    static final String STDOUT = "stdout.log";
    static final String STDERR = "stderr.log";

    /** 20 ms: how often a wait looks whether SIPp bound its port. */
    private static final long POLL_MS = 20;
    /** 5 s: how long to wait for a process to go after SIGKILL. */
    private static final long KILL_WAIT_MS = 5_000;

    private final Process process;
    private final Path directory;
    private final Transport transport;
    private final InetAddress local;
    private final int port;
    private final String scenario;
    private SippResult result;
    private boolean closed;

    private SippProcess(Process process, Path directory, Transport transport, InetAddress local, int port,
            String scenario) {
        this.process = process;
        this.directory = directory;
        this.transport = transport;
        this.local = local;
        this.port = port;
        this.scenario = scenario;
    }

    static SippProcess launch(List<String> command, Path dir, Transport transport, InetAddress local, int port,
            String scenario) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(dir.resolve(STDOUT).toFile())
                .redirectError(dir.resolve(STDERR).toFile());
        try {
            return new SippProcess(builder.start(), dir, transport, local, port, scenario);
        } catch (IOException e) {
            Texts.deleteTree(dir);
            throw new UncheckedIOException("cannot start SIPp: " + String.join(" ", command), e);
        }
    }

    /** The local SIP port SIPp was told to use ({@code -p}). */
    public int localPort() {
        return port;
    }

    /** The local SIP address and port, e.g. a UAS for a UAC's {@link Sipp#remote}. */
    public InetSocketAddress localAddress() {
        return new InetSocketAddress(local, port);
    }

    /** The operating system's id of the SIPp process. */
    public long pid() {
        return process.pid();
    }

    /** Whether SIPp is still running. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Waits until SIPp has bound its port (present) or exited because the port was taken (empty).
     * When SIPp exited for another reason it is returned too: {@link #awaitExit} tells why.
     *
     * @throws IllegalStateException when neither happened within {@code limit} (SIPp is then killed)
     */
    Optional<SippProcess> awaitBound(Duration limit) {
        long polls = Math.max(1, limit.toMillis() / POLL_MS);
        for (long i = 0; i < polls; i++) {
            if (LocalPorts.isBound(transport, local, port)) {
                return Optional.of(this);
            }
            if (waitFor(POLL_MS)) {
                return process.exitValue() >= 254 && bindFailure().contains("Unable to bind")
                        ? Optional.empty() : Optional.of(this);
            }
        }
        String output = bindFailure();
        close();
        throw new IllegalStateException("SIPp (" + scenario + ") did not bind " + transport + " port " + port
                + " within " + limit + "; killed it. Its output: " + output);
    }

    /** What SIPp said on stderr and in its error file, for a failed start. */
    String bindFailure() {
        return (Texts.tail(directory.resolve(STDERR)) + " " + Texts.tail(directory.resolve(ERRORS))).strip();
    }

    /**
     * Waits until SIPp exits by itself and returns what it did: the exit code, the call counts and
     * its trace files. Call it before {@link #close()}, which deletes those files.
     *
     * @throws IllegalStateException when SIPp has not exited within {@code limit} (it is then killed,
     *         and the message holds its screen and errors)
     */
    public synchronized SippResult awaitExit(Duration limit) {
        if (result != null) {
            return result;
        }
        if (closed) {
            throw new IllegalStateException("SIPp (" + scenario + ") was closed before its result was read");
        }
        if (!waitFor(Math.max(1, limit.toMillis()))) {
            SippResult partial = SippResult.read(directory, -1);
            close();
            throw new IllegalStateException("SIPp (" + scenario + ") did not exit within " + limit
                    + "; killed it. " + partial.describe());
        }
        result = SippResult.read(directory, process.exitValue());
        return result;
    }

    private boolean waitFor(long millis) {
        try {
            return process.waitFor(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for SIPp (" + scenario + ")", e);
        }
    }

    /** Kills SIPp and its descendants if they still run, waits for them, and deletes the working directory. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<ProcessHandle> children = process.descendants().toList();
        Stream.concat(children.stream(), Stream.of(process.toHandle())).forEach(SippProcess::terminate);
        Texts.deleteTree(directory);
    }

    private static void terminate(ProcessHandle handle) {
        if (!handle.isAlive()) {
            return;
        }
        handle.destroy();
        if (!awaitGone(handle, TERM_GRACE.toMillis())) {
            handle.destroyForcibly();
            if (!awaitGone(handle, KILL_WAIT_MS)) {
                throw new IllegalStateException("process " + handle.pid() + " survived SIGKILL for "
                        + KILL_WAIT_MS + " ms");
            }
        }
    }

    private static boolean awaitGone(ProcessHandle handle, long millis) {
        try {
            handle.onExit().get(millis, TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return !handle.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !handle.isAlive();
        }
    }

    @Override
    public String toString() {
        return "SippProcess[" + scenario + " pid " + process.pid() + " on " + local.getHostAddress() + ":" + port
                + "/" + transport + "]";
    }

    /** Reading and deleting the working directory's files. Stateless. */
    static final class Texts {
        /** 64 KiB: the most of each trace file kept in a result. */
        static final int MAX_CHARS = 64 * 1024;

        private Texts() {
        }

        /** The last {@link #MAX_CHARS} characters of a file, or "" when it does not exist. */
        static String tail(Path file) {
            return WorkFiles.tail(file, MAX_CHARS, StandardCharsets.ISO_8859_1);
        }

        static void deleteTree(Path dir) {
            WorkFiles.deleteTree(dir, "SIPp's working directory");
        }
    }
}
