package org.parley.testkit.baresip;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.parley.testkit.internal.OutputLines;
import org.parley.testkit.internal.Processes;
import org.parley.testkit.internal.WorkFiles;

/**
 * A running baresip started by {@link Baresip#start()}: commands over {@code ctrl_tcp} ({@link #dial},
 * {@link #answer}, {@link #hangup}, {@link #reginfo}) or typed on its standard input
 * ({@link #type(String)}), its events and output to wait on, its recordings, and {@link #close()},
 * which stops it by process id.
 *
 * <p>Waits: each {@code await…} method looks at every event since the start (or since the event
 * number it is given, from {@link #eventCount()} before an action), so an event that came before the
 * wait began is found too. Each is bounded by the limit it is given and fails early, with baresip's
 * output, when baresip exits.
 *
 * <p>Thread model: thread-safe; waits may run on any thread. {@link #close()} is idempotent; a JVM
 * shutdown hook closes a process a test forgot.
 */
public final class BaresipProcess implements AutoCloseable {
    /** 5 s: how long a {@code ctrl_tcp} command may take to be answered. */
    public static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(5);

    /** 5 s: how long baresip may take to quit after SIGTERM (it hangs up and closes recordings) before SIGKILL. */
    public static final Duration STOP_GRACE = Duration.ofSeconds(5);

    private static final String READY = "baresip is ready.";
    private static final long POLL_MS = 50;
    private static final int TAIL_LINES = 60;
    private static final int WAV_HEADER = 44;
    // menu.so prints a received MESSAGE as: PEER: "TEXT" (after a carriage return).
    private static final Pattern MESSAGE = Pattern.compile("(<?sips?:\\S+): \"(.*)\"");
    // The call status line menu.so rewrites several times a second: "[0:00:03] audio=64000/64000 (bit/s)".
    private static final Pattern STATUS = Pattern.compile("\\s*\\[\\d+:\\d\\d:\\d\\d] .*\\(bit/s\\)\\s*");
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;]*m");

    private final Process process;
    private final Path directory;
    private final int sipPort;
    private final int controlPort;
    private final String account;
    private final Optional<Path> recordTo;
    private final OutputLines output;
    private final OutputStream stdin;
    private final Thread shutdownHook;
    private volatile CtrlTcp control;
    private boolean closed;

    private BaresipProcess(Process process, Path directory, int sipPort, int controlPort, String account,
            Optional<Path> recordTo) {
        this.process = process;
        this.directory = directory;
        this.sipPort = sipPort;
        this.controlPort = controlPort;
        this.account = account;
        this.recordTo = recordTo;
        this.output = OutputLines.read(process.getInputStream(), "baresip-" + process.pid() + "-output",
                line -> !STATUS.matcher(line).matches());
        this.stdin = process.getOutputStream();
        this.shutdownHook = new Thread(this::close, "baresip-" + process.pid() + "-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts {@code command} in {@code dir} and waits until baresip is ready and {@code ctrl_tcp}
     * answers. Empty when baresip exited at once because a port was taken and {@code mayRetry}.
     */
    static Optional<BaresipProcess> launch(List<String> command, Path dir, int sip, int control, String account,
            Optional<Path> recordTo, Duration readyTimeout, boolean mayRetry) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        BaresipProcess p;
        try {
            p = new BaresipProcess(builder.start(), dir, sip, control, account, recordTo);
        } catch (IOException e) {
            WorkFiles.deleteTree(dir, "baresip's work directory");
            throw new UncheckedIOException("cannot start baresip: " + String.join(" ", command), e);
        }
        try {
            if (p.awaitReady(readyTimeout)) {
                return Optional.of(p);
            }
            String out = p.output.tail(TAIL_LINES);
            p.close();
            if (mayRetry && out.contains("Address already in use")) {
                return Optional.empty();
            }
            throw new IllegalStateException("baresip exited before it was ready (exit " + p.process.exitValue()
                    + "). Its output:\n" + out);
        } catch (RuntimeException e) {
            p.close();
            throw e;
        }
    }

    /** Whether baresip got ready (true) or exited first (false); throws when neither came in time. */
    private boolean awaitReady(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        if (output.await(0, READY::equals, limit).isEmpty()) {
            if (!process.isAlive() || output.hasEnded()) {
                waitFor(STOP_GRACE.toMillis());
                return false;
            }
            throw new IllegalStateException("baresip did not say it was ready within " + limit + ". Its output:\n"
                    + output.tail(TAIL_LINES));
        }
        InetSocketAddress address = new InetSocketAddress(Baresip.LOCALHOST, controlPort);
        IOException last = null;
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                control = CtrlTcp.connect(address, Duration.ofMillis(POLL_MS * 10));
                return true;
            } catch (IOException e) {
                last = e;
                waitFor(POLL_MS);
            }
        }
        if (!process.isAlive()) {
            return false;
        }
        throw new IllegalStateException("baresip's ctrl_tcp did not accept a connection on " + address + " within "
                + limit + (last == null ? "" : ": " + last.getMessage()) + ". Its output:\n"
                + output.tail(TAIL_LINES));
    }

    /** The SIP address baresip listens on (UDP and TCP; TLS on the next port). */
    public InetSocketAddress sipAddress() {
        return new InetSocketAddress(Baresip.LOCALHOST, sipPort);
    }

    /** The account's address of record, as given to the builder. */
    public String account() {
        return account;
    }

    /**
     * A URI that reaches this baresip directly, without a registrar: the account's user at
     * {@link #sipAddress()}, e.g. {@code sip:bob@127.0.0.1:40123}.
     */
    public String directUri() {
        String rest = account.substring(account.indexOf(':') + 1);
        String user = rest.contains("@") ? rest.substring(0, rest.indexOf('@')) + "@" : "";
        return "sip:" + user + Baresip.LOCALHOST + ":" + sipPort;
    }

    /** The operating system's id of the baresip process. */
    public long pid() {
        return process.pid();
    }

    /** Whether baresip is still running. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** The work directory holding {@code config}, {@code accounts} and {@code contacts}; gone after close. */
    public Path directory() {
        return directory;
    }

    /** Calls {@code uri} ({@code dial}); returns when baresip accepted the command. */
    public void dial(String uri) {
        command("dial", uri);
    }

    /** Answers the incoming call ({@code accept}). */
    public void answer() {
        command("accept", "");
    }

    /** Hangs up the current call ({@code hangup}). */
    public void hangup() {
        command("hangup", "");
    }

    /** baresip's registration table ({@code reginfo}), colour codes removed. */
    public String reginfo() {
        return ANSI.matcher(command("reginfo", "")).replaceAll("");
    }

    /**
     * Runs a {@code ctrl_tcp} command (a long name from baresip's {@code help}, without the slash)
     * and returns the text it printed.
     *
     * @throws IllegalStateException when baresip refused it, did not answer within
     *         {@link #COMMAND_TIMEOUT}, or the control connection is gone
     */
    public String command(String name, String params) {
        CtrlTcp.Response r;
        try {
            r = control().send(name, params).get(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("baresip did not answer '" + name + " " + params + "' within "
                    + COMMAND_TIMEOUT + ". Its output:\n" + output.tail(TAIL_LINES), e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("baresip command '" + name + " " + params + "' failed: "
                    + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for baresip's answer to " + name, e);
        }
        if (!r.ok()) {
            throw new IllegalStateException("baresip refused '" + name + " " + params + "': " + r.data());
        }
        return r.data();
    }

    /** Types {@code line} and a line break on baresip's standard input (its {@code stdio} module reads it). */
    public void type(String line) {
        try {
            stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to baresip's standard input", e);
        }
    }

    /** The events received so far, oldest first. */
    public List<BaresipEvent> events() {
        return control().events();
    }

    /** How many events have been received so far: the number the next event will have. */
    public long eventCount() {
        return control().eventCount();
    }

    /**
     * The first event numbered {@code from} or later (0: since the start) that {@code matches}.
     *
     * @throws IllegalStateException when none came within {@code limit} or baresip exited first, with
     *         the events seen and baresip's output
     */
    public BaresipEvent awaitEvent(long from, Predicate<BaresipEvent> matches, String what, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            Optional<BaresipEvent> e = control().await(from, matches, Duration.ofNanos(Math.max(0,
                    Math.min(left, TimeUnit.MILLISECONDS.toNanos(POLL_MS * 10)))));
            if (e.isPresent()) {
                return e.get();
            }
            if (left <= 0 || !process.isAlive() || control().endReason().isPresent()) {
                throw new IllegalStateException("baresip (" + account + ") did not report " + what + " within "
                        + limit + (process.isAlive() ? "" : "; it exited") + ". Events: " + eventTypes()
                        + ". Its output:\n" + output.tail(TAIL_LINES));
            }
        }
    }

    /** The first event of {@code type} since the start; see {@link #awaitEvent(long, Predicate, String, Duration)}. */
    public BaresipEvent awaitEvent(String type, Duration limit) {
        return awaitEvent(0, e -> e.is(type), type, limit);
    }

    /** The first incoming call ({@code CALL_INCOMING}) since the start. */
    public BaresipEvent awaitIncomingCall(Duration limit) {
        return awaitEvent(BaresipEvent.CALL_INCOMING, limit);
    }

    /** The first call established ({@code CALL_ESTABLISHED}) since the start. */
    public BaresipEvent awaitCallEstablished(Duration limit) {
        return awaitEvent(BaresipEvent.CALL_ESTABLISHED, limit);
    }

    /** The first call closed ({@code CALL_CLOSED}) since the start; its {@code param} says why. */
    public BaresipEvent awaitCallClosed(Duration limit) {
        return awaitEvent(BaresipEvent.CALL_CLOSED, limit);
    }

    /**
     * Waits until the account is registered: baresip's {@code reginfo} shows it "OK" (polled, since
     * the first {@code REGISTER_OK} may come before the control connection opened).
     *
     * @throws IllegalStateException when registration failed ({@code REGISTER_FAIL}, or {@code ERR} in
     *         {@code reginfo}, with the reason),
     *         baresip exited, or it was not registered within {@code limit}
     */
    public void awaitRegistered(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        String info = "";
        while (process.isAlive()) {
            info = reginfo();
            if (info.lines().anyMatch(l -> l.contains(account) && l.contains(" OK "))) {
                return;
            }
            Optional<String> failed = events().stream().filter(e -> e.is(BaresipEvent.REGISTER_FAIL))
                    .map(BaresipEvent::param).findFirst();
            if (failed.isEmpty() && info.lines().anyMatch(l -> l.contains(account) && l.contains(" ERR "))) {
                // Failed before the control connection opened: the reason is in the output ("reg: …").
                failed = Optional.of(output.lines().stream().filter(l -> l.contains("reg: ")).reduce((a, b) -> b)
                        .orElse("reginfo shows ERR"));
            }
            if (failed.isPresent()) {
                throw new IllegalStateException("baresip (" + account + ") failed to register: "
                        + ANSI.matcher(failed.get()).replaceAll("") + ". reginfo: " + info.strip());
            }
            if (System.nanoTime() >= deadline) {
                break;
            }
            waitFor(POLL_MS * 2);
        }
        throw new IllegalStateException("baresip (" + account + ") was not registered within " + limit
                + (process.isAlive() ? "" : " (it exited)") + ". reginfo: " + info.strip() + ". Its output:\n"
                + output.tail(TAIL_LINES));
    }

    /**
     * The first SIP MESSAGE baresip printed since output line {@code fromLine} (0: since the start).
     *
     * @throws IllegalStateException when none was printed within {@code limit}
     */
    public BaresipMessage awaitMessage(long fromLine, Duration limit) {
        Optional<String> line = output.await(fromLine, l -> MESSAGE.matcher(l).matches(), limit);
        if (line.isEmpty()) {
            throw new IllegalStateException("baresip (" + account + ") printed no received MESSAGE within " + limit
                    + ". Its output:\n" + output.tail(TAIL_LINES));
        }
        Matcher m = MESSAGE.matcher(line.get());
        if (!m.matches()) {
            throw new IllegalStateException("line stopped matching: " + line.get());
        }
        return new BaresipMessage(m.group(1), m.group(2));
    }

    /** How many output lines have been read so far (for {@link #awaitMessage(long, Duration)}). */
    public long outputLineCount() {
        return output.count();
    }

    /** The last output lines kept, for an error message. */
    public String outputTail() {
        return output.tail(TAIL_LINES);
    }

    /**
     * The recordings of what baresip received ({@code dump-*-dec.wav} under {@link Baresip#recordTo}),
     * oldest first; empty when nothing was recorded. Complete once the call is closed and baresip has
     * closed the file (at the latest when this process is closed).
     */
    public List<Path> receivedRecordings() {
        return recordings("-dec.wav");
    }

    /** The recordings of what baresip sent ({@code dump-*-enc.wav}), oldest first. */
    public List<Path> sentRecordings() {
        return recordings("-enc.wav");
    }

    private List<Path> recordings(String suffix) {
        if (recordTo.isEmpty() || !Files.isDirectory(recordTo.get())) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(recordTo.get())) {
            return files.filter(f -> f.getFileName().toString().startsWith("dump-")
                    && f.getFileName().toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list baresip's recordings in " + recordTo.get(), e);
        }
    }

    /**
     * Waits until the newest recording of what baresip received holds at least {@code audio} of
     * sound (polled by file size, as {@code sndfile} writes while the call lasts) and returns it.
     *
     * @throws IllegalStateException when nothing is recorded ({@link Baresip#recordTo} not set), or
     *         not that much within {@code limit}, or baresip exited first
     */
    public Path awaitReceivedAudio(Duration audio, Duration limit) {
        if (recordTo.isEmpty()) {
            throw new IllegalStateException("baresip (" + account + ") records nothing: set Baresip.recordTo");
        }
        // 8 kHz mono 16-bit (what sndfile writes for G.711) after a 44-byte WAV header.
        long bytes = WAV_HEADER + audio.toMillis() * 16;
        long deadline = System.nanoTime() + limit.toNanos();
        while (process.isAlive()) {
            List<Path> files = receivedRecordings();
            try {
                if (!files.isEmpty() && Files.size(files.getLast()) >= bytes) {
                    return files.getLast();
                }
            } catch (IOException e) {
                // Just created or renamed: look again at the next poll.
            }
            if (System.nanoTime() >= deadline) {
                break;
            }
            waitFor(POLL_MS * 2);
        }
        throw new IllegalStateException("baresip (" + account + ") did not record " + audio + " of received audio"
                + " within " + limit + (process.isAlive() ? "" : " (it exited)") + "; recordings: "
                + receivedRecordings() + ". Events: " + eventTypes());
    }

    private String eventTypes() {
        CtrlTcp c = control;
        return c == null ? "[]" : c.events().stream().map(BaresipEvent::type).toList().toString();
    }

    private CtrlTcp control() {
        CtrlTcp c = control;
        if (c == null) {
            throw new IllegalStateException("baresip's control connection is not open");
        }
        return c;
    }

    private void waitFor(long millis) {
        try {
            process.waitFor(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for baresip", e);
        }
    }

    /**
     * Stops baresip by its process id (SIGTERM, which makes it hang up and close its recordings; SIGKILL
     * after {@link #STOP_GRACE}), closes the control connection and deletes the work directory (not the
     * recordings). Does nothing the second time.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // Called from the hook itself, or the JVM is exiting: the hook list can no longer change.
        }
        try {
            Processes.stop(process.toHandle(), STOP_GRACE);
        } finally {
            CtrlTcp c = control;
            if (c != null) {
                c.close();
            }
            closeQuietly(stdin);
            WorkFiles.deleteTree(directory, "baresip's work directory");
        }
    }

    private static void closeQuietly(OutputStream s) {
        try {
            s.close();
        } catch (IOException e) {
            // The process is gone and its pipe with it: nothing is left to close.
        }
    }

    @Override
    public String toString() {
        return "BaresipProcess[" + account + " pid " + process.pid() + " on " + Baresip.LOCALHOST + ":" + sipPort
                + "]";
    }
}
