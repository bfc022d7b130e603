package org.parley.testkit.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * The text a child process writes, read on a daemon thread and kept as lines (split at {@code \n}
 * and {@code \r}; an unfinished line that ends like a prompt, {@code "> "}, counts as a line once the
 * program pauses after it) for tests to wait on: "wait until a line like this appears". Memory is bounded:
 * the last {@link #MAX_LINES} lines are kept, each cut to {@link #MAX_LINE_CHARS} characters.
 *
 * <p>Lines are numbered from 0 in the order read; a wait may start at a number (from
 * {@link #count()} before an action) so that it sees only what the action caused.
 *
 * <p>Thread model: thread-safe, guarded by one lock; the reader thread appends, any thread waits.
 */
public final class OutputLines {
    /** The most lines kept; older ones are dropped. */
    public static final int MAX_LINES = 20_000;

    /** The most characters kept of one line. */
    public static final int MAX_LINE_CHARS = 8 * 1024;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Deque<String> lines = new ArrayDeque<>();
    private final Thread reader;
    private final Predicate<String> keep;
    private long dropped;
    private boolean ended;

    private OutputLines(InputStream in, String name, Predicate<String> keep) {
        this.keep = keep;
        this.reader = Thread.ofPlatform().daemon().name(name).unstarted(() -> read(in));
    }

    /** Starts reading {@code in} (a process's output) on a daemon thread named {@code name}. */
    public static OutputLines read(InputStream in, String name) {
        return read(in, name, line -> true);
    }

    /**
     * Starts reading {@code in} on a daemon thread named {@code name}, keeping only the lines that
     * {@code keep} accepts (e.g. without a program's repeated status lines).
     */
    public static OutputLines read(InputStream in, String name, Predicate<String> keep) {
        OutputLines out = new OutputLines(in, name, keep);
        out.reader.start();
        return out;
    }

    private void read(InputStream in) {
        StringBuilder line = new StringBuilder();
        try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            char[] buffer = new char[4096];
            int n;
            while ((n = r.read(buffer)) > 0) {
                for (int i = 0; i < n; i++) {
                    char c = buffer[i];
                    if (c == '\n' || c == '\r') {
                        if (!line.isEmpty()) {
                            add(line.toString());
                            line.setLength(0);
                        }
                    } else if (line.length() < MAX_LINE_CHARS) {
                        line.append(c);
                    }
                }
                if (!r.ready() && isPrompt(line)) {
                    // A prompt waits for input with no line break after it: kept now, so a wait can see it.
                    add(line.toString());
                    line.setLength(0);
                }
            }
            if (!line.isEmpty()) {
                // The last line, without a line break before the end.
                add(line.toString());
            }
        } catch (IOException e) {
            // The process closed its end (it exited or was killed): the output ends here.
        } finally {
            lock.lock();
            try {
                ended = true;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /** Whether an unfinished line is a prompt ("linphonec> "): a line still being written is not one. */
    static boolean isPrompt(CharSequence line) {
        int n = line.length();
        return n >= 2 && line.charAt(n - 1) == ' ' && line.charAt(n - 2) == '>';
    }

    private void add(String line) {
        if (!keep.test(line)) {
            return;
        }
        lock.lock();
        try {
            lines.addLast(line);
            if (lines.size() > MAX_LINES) {
                lines.removeFirst();
                dropped++;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** How many lines have been read so far (the number the next line will have). */
    public long count() {
        lock.lock();
        try {
            return dropped + lines.size();
        } finally {
            lock.unlock();
        }
    }

    /** Whether the process's output has ended (it closed it, usually by exiting). */
    public boolean hasEnded() {
        lock.lock();
        try {
            return ended;
        } finally {
            lock.unlock();
        }
    }

    /** The lines kept, oldest first. */
    public List<String> lines() {
        lock.lock();
        try {
            return List.copyOf(lines);
        } finally {
            lock.unlock();
        }
    }

    /** The last {@code n} lines kept, joined by line breaks, for an error message. */
    public String tail(int n) {
        List<String> all = lines();
        return String.join("\n", all.subList(Math.max(0, all.size() - n), all.size()));
    }

    /**
     * The first line numbered {@code from} or later that {@code matches}, waiting up to {@code limit}
     * for it; empty when none came in time or the output ended without one.
     */
    public Optional<String> await(long from, Predicate<String> matches, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        lock.lock();
        try {
            while (true) {
                long number = dropped;
                List<String> seen = new ArrayList<>(lines);
                for (String line : seen) {
                    if (number++ >= from && matches.test(line)) {
                        return Optional.of(line);
                    }
                }
                long left = deadline - System.nanoTime();
                if (ended || left <= 0) {
                    return Optional.empty();
                }
                changed.await(left, TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } finally {
            lock.unlock();
        }
    }
}
