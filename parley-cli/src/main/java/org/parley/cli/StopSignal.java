package org.parley.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C (SIGINT/SIGTERM) for a command that runs until stopped: the shutdown hook wakes the
 * command's main thread and then waits, up to {@link #CLEANUP}, for the command to finish its
 * clean-up (hang up, unregister) before the JVM exits. Without Ctrl-C the command simply stops
 * waiting after its duration.
 *
 * <p>Thread-safe: the hook runs on the JVM's shutdown thread.
 */
final class StopSignal implements AutoCloseable {
    /** How long Ctrl-C waits for the clean-up: enough for a BYE or an unregistering REGISTER. */
    static final Duration CLEANUP = Duration.ofSeconds(10);

    private final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch cleaned = new CountDownLatch(1);
    private final Thread hook;

    StopSignal(String name) {
        this(name, CLEANUP);
    }

    /** A stop signal whose hook waits up to {@code cleanup} for the command's clean-up. */
    StopSignal(String name, Duration cleanup) {
        hook = new Thread(() -> {
            stop.countDown();
            try {
                cleaned.await(cleanup.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, name + "-stop");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /**
     * Waits for Ctrl-C, or for {@code limit} when there is one.
     *
     * @return true when Ctrl-C came
     */
    boolean await(Duration limit) throws InterruptedException {
        if (limit == null) {
            stop.await();
            return true;
        }
        return stop.await(limit.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Wakes {@link #await} as Ctrl-C would (the remote side ended what we waited for). */
    void stopNow() {
        stop.countDown();
    }

    /** The clean-up is done: lets the shutdown hook return; removes it when Ctrl-C never came. */
    @Override
    public void close() {
        cleaned.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down: the hook is running and now returns.
        }
    }
}
