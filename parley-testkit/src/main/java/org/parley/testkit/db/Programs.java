package org.parley.testkit.db;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.parley.testkit.internal.Executables;

/**
 * Finding server programs and running short helper commands ({@code initdb}, {@code psql},
 * {@code pg_ctl stop}, {@code id}) with a bounded wait, and dropping root privileges for programs
 * that refuse to run as root. Stateless.
 */
final class Programs {
    /**
     * The account a program that refuses root runs as when the JVM runs as root (CI does): {@code
     * nobody} exists on every Debian system and owns no files, so the server can touch only its
     * own throw-away directory.
     */
    static final String UNPRIVILEGED_USER = "nobody";

    /** 5 s: how long to wait for a process to go after SIGKILL. */
    private static final long KILL_WAIT_MS = 5_000;

    private Programs() {
    }

    /** An executable file {@code name} in a directory of {@code PATH}. */
    static Optional<Path> findOnPath(String name) {
        return Executables.findOnPath(name);
    }

    /** {@code program} as a path when it names one, else looked up on {@code PATH}; empty when not executable. */
    static Optional<Path> locate(String program) {
        return Executables.locate(program);
    }

    /** Whether this JVM's effective user id is 0, read from {@code /proc/self/status} (Linux). */
    static boolean isRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    // Uid: real effective saved filesystem
                    String[] ids = line.substring(4).trim().split("\\s+");
                    return ids.length > 1 && ids[1].equals("0");
                }
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/self/status to learn whether we run as root "
                    + "(the database launchers need Linux)", e);
        }
    }

    /**
     * The prefix that runs a command as {@code user} with that user's primary group and no
     * supplementary groups: {@code setpriv} (util-linux) execs the program in place, so the process
     * the JVM holds is the server itself and its signals reach it directly.
     */
    static List<String> asUser(String user, Path workDir, Duration limit) {
        String uid = output(List.of("id", "-u", user), workDir, limit);
        String gid = output(List.of("id", "-g", user), workDir, limit);
        Path setpriv = findOnPath("setpriv").orElseThrow(() -> new IllegalStateException(
                "running as root, the database launchers need setpriv (Debian package util-linux) to start the server "
                        + "as '" + user + "'"));
        return List.of(setpriv.toString(), "--reuid=" + uid, "--regid=" + gid, "--clear-groups", "--");
    }

    /**
     * Runs {@code command} in {@code workDir} with no input, its output and errors to {@code log}
     * (appended), and waits at most {@code limit}; returns the exit code.
     *
     * @throws IllegalStateException when it has not exited within {@code limit} (it is then killed)
     */
    static int run(List<String> command, Path workDir, Path log, Duration limit) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectErrorStream(true);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + String.join(" ", command), e);
        }
        if (!waitFor(process, limit.toMillis())) {
            kill(process.toHandle());
            throw new IllegalStateException(command.get(0) + " did not finish within " + limit + "; killed it");
        }
        return process.exitValue();
    }

    /** The trimmed standard output of a command that must succeed within {@code limit}. */
    private static String output(List<String> command, Path workDir, Duration limit) {
        Path out = workDir.resolve("id.out");
        try {
            int code = run(command, workDir, out, limit);
            String text = Files.readString(out).strip();
            Files.delete(out);
            if (code != 0 || !text.matches("\\d+")) {
                throw new IllegalStateException(String.join(" ", command) + " failed (exit " + code + "): " + text);
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the output of " + String.join(" ", command), e);
        }
    }

    /** Waits for {@code process} to exit; whether it did within {@code millis}. */
    static boolean waitFor(Process process, long millis) {
        try {
            return process.waitFor(Math.max(1, millis), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + process.info().command().orElse(
                    "process " + process.pid()), e);
        }
    }

    /**
     * Stops {@code handle} and every descendant it has now: SIGTERM and {@code graceMillis} to go,
     * then SIGKILL.
     *
     * @throws IllegalStateException when a process survives SIGKILL for 5 s
     */
    static void stop(ProcessHandle handle, long graceMillis) {
        List<ProcessHandle> all = new ArrayList<>(handle.descendants().toList());
        all.add(handle);
        all.forEach(ProcessHandle::destroy);
        for (ProcessHandle p : all) {
            if (!awaitGone(p, graceMillis)) {
                kill(p);
            }
        }
    }

    /** SIGKILL to {@code handle} and its descendants, waiting for each to go. */
    static void kill(ProcessHandle handle) {
        List<ProcessHandle> all = new ArrayList<>(handle.descendants().toList());
        all.add(handle);
        for (ProcessHandle p : all) {
            p.destroyForcibly();
            if (!awaitGone(p, KILL_WAIT_MS)) {
                throw new IllegalStateException("process " + p.pid() + " survived SIGKILL for " + KILL_WAIT_MS
                        + " ms");
            }
        }
    }

    /** Whether {@code handle} is gone within {@code millis}. */
    static boolean awaitGone(ProcessHandle handle, long millis) {
        try {
            handle.onExit().get(Math.max(1, millis), TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            return !handle.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !handle.isAlive();
        }
    }
}
