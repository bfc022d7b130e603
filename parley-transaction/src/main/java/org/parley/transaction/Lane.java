package org.parley.transaction;

import org.parley.transaction.timer.TimerWheel;

/**
 * One thread's share of the transactions (SPI): an executor that runs tasks one at a time in the
 * order given, and the timer wheel that thread drives. Every transaction lives on one lane, chosen
 * by its Call-ID, and is touched only there, so the transaction layer needs no lock at all.
 *
 * <p>Two implementations: {@link EventLoopLane} on a real thread and the system clock, and
 * {@link VirtualLane}, driven by a test in virtual time.
 */
public interface Lane {
    /** Runs {@code task} on this lane, after the tasks already given to it. Callable from any thread. */
    void execute(Runnable task);

    /** The lane's timer wheel; use it only from tasks running on this lane. */
    TimerWheel timers();

    /** True when the calling thread is this lane's, so a task may run at once. */
    boolean inLane();

    /**
     * The lane's monotonic clock in nanoseconds, for measuring how long transactions take
     * ({@link TransactionObserver}); only differences between two readings mean anything. By default
     * the timer wheel's millisecond clock, so virtual lanes measure virtual time.
     */
    default long nanoTime() {
        return timers().now() * 1_000_000L;
    }
}
