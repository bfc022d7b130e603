package org.parley.testkit.linphone;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.parley.testkit.internal.OutputLines;
import org.parley.testkit.internal.Processes;
import org.parley.testkit.internal.WorkFiles;

/**
 * A running linphonec started by {@link Linphonec#start()}: commands typed on its standard input
 * ({@link #chat}, {@link #call}, {@link #answer}, {@link #terminate}, any line with {@link #type}),
 * waits on its output (registration, chat message states, received MESSAGEs), and {@link #close()},
 * which types {@code quit} and then stops it by process id.
 *
 * <p>Waits look at output lines from a number on (0: since the start; {@link #outputLineCount()}
 * before an action: only what the action caused). Each is bounded by its limit.
 *
 * <p>Thread model: thread-safe; one daemon thread reads the output. {@link #close()} is idempotent;
 * a JVM shutdown hook closes a process a test forgot.
 */
public final class LinphonecProcess implements AutoCloseable {
    /** 3 s: how long linphonec may take to quit after {@code quit} (it unregisters) before SIGTERM. */
    public static final Duration QUIT_GRACE = Duration.ofSeconds(3);

    /** 5 s: how long after SIGTERM before SIGKILL. */
    public static final Duration STOP_GRACE = Duration.ofSeconds(5);

    /** The private home directory's name in the work directory. */
    static final String HOME = "home";

    private static final String PROMPT = "linphonec>";
    private static final int TAIL_LINES = 60;
    // liblinphone 5.1 at log level 5, and linphonec's own lines.
    private static final Pattern REGISTRATION = Pattern.compile(
            "for identity \\[([^\\]]*)] moving from state \\[\\w+] to \\[LinphoneRegistration(Ok|Failed)]");
    private static final Pattern CHAT_STATE = Pattern.compile("Chat message \\S+ of chat room .* moving from (\\w+) to "
            + "(\\w+)");
    private static final Pattern RECEIVED = Pattern.compile("Message received from (\\S+): (.*)");

    private final Process process;
    private final Path directory;
    private final int sipPort;
    private final String identity;
    private final OutputLines output;
    private final OutputStream stdin;
    private final Thread shutdownHook;
    private boolean closed;

    private LinphonecProcess(Process process, Path directory, int sipPort, String identity) {
        this.process = process;
        this.directory = directory;
        this.sipPort = sipPort;
        this.identity = identity;
        this.output = OutputLines.read(process.getInputStream(), "linphonec-" + process.pid() + "-output");
        this.stdin = process.getOutputStream();
        this.shutdownHook = new Thread(this::close, "linphonec-" + process.pid() + "-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts {@code command} with HOME in {@code dir} and waits for the prompt. */
    static LinphonecProcess launch(List<String> command, Path dir, int port, String identity, Duration ready) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().put("HOME", dir.resolve(HOME).toString());
        LinphonecProcess p;
        try {
            p = new LinphonecProcess(builder.start(), dir, port, identity);
        } catch (IOException e) {
            WorkFiles.deleteTree(dir, "linphonec's work directory");
            throw new UncheckedIOException("cannot start linphonec: " + String.join(" ", command), e);
        }
        if (p.output.await(0, l -> l.startsWith(PROMPT), ready).isEmpty()) {
            String out = p.output.tail(TAIL_LINES);
            boolean alive = p.process.isAlive();
            p.close();
            throw new IllegalStateException("linphonec " + (alive ? "showed no prompt within " + ready
                    : "exited before its prompt") + ". Its output:\n" + out);
        }
        return p;
    }

    /** The SIP address linphonec listens on (UDP). */
    public InetSocketAddress sipAddress() {
        return new InetSocketAddress(Linphonec.LOCALHOST, sipPort);
    }

    /** The identity given to the builder. */
    public String identity() {
        return identity;
    }

    /** The operating system's id of the process the launcher started (the {@code timeout} wrapper). */
    public long pid() {
        return process.pid();
    }

    /** Whether linphonec is still running. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** The work directory (rc file, private HOME); gone after close. */
    public Path directory() {
        return directory;
    }

    /** Types {@code line} and a line break on linphonec's standard input. */
    public void type(String line) {
        if (line.contains("\n") || line.contains("\r")) {
            throw new IllegalArgumentException("a linphonec command is one line, was '" + line + "'");
        }
        try {
            stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to linphonec's standard input (it exited?)", e);
        }
    }

    /** Sends {@code text} as a SIP MESSAGE (RFC 3428) to {@code uri} ({@code chat}). */
    public void chat(String uri, String text) {
        type("chat " + uri + " " + text);
    }

    /** Calls {@code uri} ({@code call}). */
    public void call(String uri) {
        type("call " + uri);
    }

    /** Answers the incoming call ({@code answer}). */
    public void answer() {
        type("answer");
    }

    /** Ends the current call ({@code terminate}). */
    public void terminate() {
        type("terminate");
    }

    /** How many output lines have been read so far: the number the next line will have. */
    public long outputLineCount() {
        return output.count();
    }

    /** The last output lines kept, for an error message. */
    public String outputTail() {
        return output.tail(TAIL_LINES);
    }

    /**
     * Waits until liblinphone reports the identity registered ({@code LinphoneRegistrationOk}).
     *
     * @throws IllegalStateException when it reports {@code LinphoneRegistrationFailed}, or neither
     *         within {@code limit}
     */
    public void awaitRegistered(Duration limit) {
        Optional<String> line = output.await(0, l -> REGISTRATION.matcher(l).find(), limit);
        if (line.isEmpty()) {
            throw new IllegalStateException("linphonec (" + identity + ") reported no registration outcome within "
                    + limit + ". Its output:\n" + output.tail(TAIL_LINES));
        }
        Matcher m = REGISTRATION.matcher(line.get());
        if (m.find() && m.group(2).equals("Failed")) {
            throw new IllegalStateException("linphonec (" + identity + ") failed to register: " + line.get()
                    + "\n" + output.tail(TAIL_LINES));
        }
    }

    /**
     * Waits from output line {@code fromLine} for a chat message (a MESSAGE it sent) to leave the
     * {@code InProgress} state, and returns the state it reached: {@code Delivered} for a 2xx,
     * {@code NotDelivered} for a failure.
     *
     * @throws IllegalStateException when no such change came within {@code limit}
     */
    public String awaitChatOutcome(long fromLine, Duration limit) {
        Optional<String> line = output.await(fromLine, l -> {
            Matcher m = CHAT_STATE.matcher(l);
            return m.find() && m.group(1).equals("InProgress");
        }, limit);
        if (line.isEmpty()) {
            throw new IllegalStateException("linphonec (" + identity + ") reported no outcome for a chat message "
                    + "within " + limit + ". Its output:\n" + output.tail(TAIL_LINES));
        }
        Matcher m = CHAT_STATE.matcher(line.get());
        if (!m.find()) {
            throw new IllegalStateException("line stopped matching: " + line.get());
        }
        return m.group(2);
    }

    /**
     * The first SIP MESSAGE linphonec printed as received since output line {@code fromLine}.
     *
     * @throws IllegalStateException when none came within {@code limit}
     */
    public LinphoneMessage awaitMessage(long fromLine, Duration limit) {
        Optional<String> line = output.await(fromLine, l -> RECEIVED.matcher(l).find(), limit);
        if (line.isEmpty()) {
            throw new IllegalStateException("linphonec (" + identity + ") printed no received MESSAGE within "
                    + limit + ". Its output:\n" + output.tail(TAIL_LINES));
        }
        Matcher m = RECEIVED.matcher(line.get());
        if (!m.find()) {
            throw new IllegalStateException("line stopped matching: " + line.get());
        }
        return new LinphoneMessage(m.group(1), m.group(2).strip());
    }

    /**
     * Types {@code quit} (linphonec unregisters and exits), waits up to {@link #QUIT_GRACE}, then stops
     * the process and its children by id (SIGTERM, SIGKILL after {@link #STOP_GRACE}) and deletes the
     * work directory. Does nothing the second time.
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
            if (process.isAlive()) {
                try {
                    type("quit");
                } catch (UncheckedIOException gone) {
                    // It closed its input: it is on its way out, and the stop below makes sure.
                }
                Processes.awaitGone(process.toHandle(), QUIT_GRACE);
            }
            Processes.stop(process.toHandle(), STOP_GRACE);
        } finally {
            try {
                stdin.close();
            } catch (IOException e) {
                // The pipe went with the process: nothing is left to close.
            }
            WorkFiles.deleteTree(directory, "linphonec's work directory");
        }
    }

    @Override
    public String toString() {
        return "LinphonecProcess[" + identity + " pid " + process.pid() + " on " + Linphonec.LOCALHOST + ":" + sipPort
                + "]";
    }
}
