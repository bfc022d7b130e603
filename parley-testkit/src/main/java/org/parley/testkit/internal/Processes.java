package org.parley.testkit.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Stopping a launched program by its process id: SIGTERM to it and its descendants, a grace period,
 * then SIGKILL to whatever is left. Stateless.
 */
public final class Processes {
    /** 5 s: how long a process may take to go after SIGKILL before it is reported as stuck. */
    public static final Duration KILL_WAIT = Duration.ofSeconds(5);

    private Processes() {
    }

    /**
     * Stops {@code handle} and every descendant it has now: SIGTERM, up to {@code grace} to exit,
     * then SIGKILL.
     *
     * @throws IllegalStateException when a process survives SIGKILL for {@link #KILL_WAIT}
     */
    public static void stop(ProcessHandle handle, Duration grace) {
        List<ProcessHandle> all = new ArrayList<>(handle.descendants().toList());
        all.add(handle);
        all.forEach(ProcessHandle::destroy);
        for (ProcessHandle p : all) {
            if (!awaitGone(p, grace)) {
                p.destroyForcibly();
                if (!awaitGone(p, KILL_WAIT)) {
                    throw new IllegalStateException("process " + p.pid() + " survived SIGKILL for " + KILL_WAIT);
                }
            }
        }
    }

    /** Whether {@code handle} is gone within {@code limit}. */
    public static boolean awaitGone(ProcessHandle handle, Duration limit) {
        try {
            handle.onExit().get(Math.max(1, limit.toMillis()), TimeUnit.MILLISECONDS);
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
}
