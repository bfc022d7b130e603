package org.parley.transaction.timer;

/**
 * A timer that a {@link TimerWheel} can hold: the wheel links the timer object itself into its
 * buckets, so scheduling, rescheduling and cancelling allocate nothing. A transaction keeps one
 * instance per RFC 3261 timer it runs (e.g. Timer E and Timer F) and schedules it again for every
 * retransmission.
 *
 * <p>Confined to the thread of the wheel that holds it: subclasses run {@link #expire()} on that
 * thread and may reschedule themselves from it.
 */
public abstract class WheelTimer {
    /** When it is due, in the wheel's milliseconds; meaningful while scheduled. */
    long due;
    /** The wheel's bucket list links; both null and {@link #owner} null when not scheduled. */
    WheelTimer prevInSlot;
    WheelTimer nextInSlot;
    TimerWheel owner;

    /** Runs when the timer is due, on the wheel's thread. An exception is caught and logged by the wheel. */
    protected abstract void expire();

    /** True while the timer is scheduled on a wheel and has neither fired nor been cancelled. */
    public final boolean isScheduled() {
        return owner != null;
    }

    /** The instant it is due, in the wheel's milliseconds; only meaningful while {@link #isScheduled()}. */
    public final long deadline() {
        return due;
    }
}
