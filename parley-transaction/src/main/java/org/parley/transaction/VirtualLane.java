package org.parley.transaction;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Objects;
import org.parley.transaction.timer.TimerWheel;

/**
 * A lane in virtual time, for tests and simulations: tasks wait in a queue until the test runs
 * them, and time moves only when the test advances it, so a 32-second Timer B takes no wall time
 * and every run of a test is the same.
 *
 * <p>Confined to the test's thread: {@link #execute} only queues, {@link #runPending()} and
 * {@link #advance(Duration)} run the queue and the timers on the calling thread.
 */
public final class VirtualLane implements Lane {
    /** More tasks than this in one {@link #runPending()} is a loop between tasks, not a test. */
    private static final int MAX_TASKS_PER_RUN = 1_000_000;

    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
    private final TimerWheel timers;
    private final Thread owner = Thread.currentThread();

    /** A lane whose clock starts at 0 ms. */
    public VirtualLane() {
        this.timers = new TimerWheel(0);
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(Objects.requireNonNull(task, "task"));
    }

    @Override
    public TimerWheel timers() {
        return timers;
    }

    @Override
    public boolean inLane() {
        return Thread.currentThread() == owner;
    }

    /** The virtual clock, in milliseconds since the lane was made. */
    public long nowMillis() {
        return timers.now();
    }

    /**
     * Runs the queued tasks, and those they queue, until none is left.
     *
     * @return how many ran
     * @throws IllegalStateException after a million tasks in one call (tasks queueing each other forever)
     */
    public int runPending() {
        int ran = 0;
        for (Runnable t = tasks.poll(); t != null; t = tasks.poll()) {
            if (++ran > MAX_TASKS_PER_RUN) {
                throw new IllegalStateException("more than " + MAX_TASKS_PER_RUN + " tasks in one run: a loop");
            }
            t.run();
        }
        return ran;
    }

    /**
     * Moves virtual time forward by {@code by}, one millisecond at a time: at each millisecond the
     * due timers fire, then the tasks they queued run. Queued tasks run first.
     */
    public void advance(Duration by) {
        long target = timers.now() + by.toMillis();
        runPending();
        while (timers.now() < target) {
            timers.advanceTo(timers.now() + 1);
            runPending();
        }
    }

    /** True when no task is queued. */
    public boolean isIdle() {
        return tasks.isEmpty();
    }
}
