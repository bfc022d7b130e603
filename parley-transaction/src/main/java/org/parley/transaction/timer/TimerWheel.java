package org.parley.transaction.timer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A hashed timing wheel with 1 ms ticks, for the very many short timers of SIP transactions
 * (RFC 3261 §17: a busy proxy holds Timers B, D, F, H, J and K for hundreds of thousands of
 * transactions). Scheduling and cancelling are O(1) and allocate nothing (the timers are intrusive
 * {@link WheelTimer}s); {@link #advanceTo(long)} fires, in order of deadline, every timer due by then.
 *
 * <p>Slots are indexed by the absolute deadline modulo the wheel size, so a timer further away than
 * one revolution simply waits in its slot for later revolutions: no per-timer round counter to keep.
 * With the default 65,536 slots (65.5 s per revolution) every timer of RFC 3261 with default T1
 * fits in one revolution, and a slot holds only the timers due in its millisecond.
 *
 * <p>Time is whatever the driver says: the wheel never reads a clock. Production code drives it
 * from a periodic task on its event loop with the system clock; tests drive it in virtual time.
 *
 * <p>Confined to one thread: the thread that drives it is the only one that may schedule, cancel or
 * advance. Sharding (one wheel per event loop) is how the transaction layer scales across cores.
 */
public final class TimerWheel {
    private static final Logger LOG = LoggerFactory.getLogger(TimerWheel.class);

    /** 2^16 slots of 1 ms: 65.5 s, more than 64·T1 = 32 s (RFC 3261 Timers B, F, H, J) and Timer D's 32 s. */
    public static final int DEFAULT_SLOTS = 1 << 16;

    private final WheelTimer[] heads;
    private final WheelTimer[] tails;
    private final int mask;
    /** The last millisecond whose slot has been processed; timers due at or before it fire on the next advance. */
    private long processed;
    private int size;

    /** A wheel of {@link #DEFAULT_SLOTS} slots whose clock starts at {@code nowMillis}. */
    public TimerWheel(long nowMillis) {
        this(nowMillis, DEFAULT_SLOTS);
    }

    /**
     * A wheel of {@code slots} one-millisecond slots whose clock starts at {@code nowMillis}.
     *
     * @throws IllegalArgumentException when {@code slots} is not a power of two in 2..2^24
     */
    public TimerWheel(long nowMillis, int slots) {
        if (slots < 2 || slots > 1 << 24 || Integer.bitCount(slots) != 1) {
            throw new IllegalArgumentException("slots must be a power of two in 2..2^24, was " + slots);
        }
        this.heads = new WheelTimer[slots];
        this.tails = new WheelTimer[slots];
        this.mask = slots - 1;
        this.processed = nowMillis;
    }

    /**
     * Schedules {@code timer} to fire at {@code deadlineMillis} (a deadline already past fires on
     * the next {@link #advanceTo}). A timer already scheduled, here or on another wheel of this
     * thread, is moved.
     */
    public void schedule(WheelTimer timer, long deadlineMillis) {
        if (timer.owner != null) {
            timer.owner.unlink(timer);
        }
        long due = Math.max(deadlineMillis, processed + 1);
        timer.due = due;
        timer.owner = this;
        int slot = (int) (due & mask);
        WheelTimer tail = tails[slot];
        timer.prevInSlot = tail;
        timer.nextInSlot = null;
        if (tail == null) {
            heads[slot] = timer;
        } else {
            tail.nextInSlot = timer;
        }
        tails[slot] = timer;
        size++;
    }

    /** Cancels {@code timer}; false when it was not scheduled on this wheel (already fired or cancelled). */
    public boolean cancel(WheelTimer timer) {
        if (timer.owner != this) {
            return false;
        }
        unlink(timer);
        return true;
    }

    private void unlink(WheelTimer timer) {
        int slot = (int) (timer.due & mask);
        if (timer.prevInSlot == null) {
            heads[slot] = timer.nextInSlot;
        } else {
            timer.prevInSlot.nextInSlot = timer.nextInSlot;
        }
        if (timer.nextInSlot == null) {
            tails[slot] = timer.prevInSlot;
        } else {
            timer.nextInSlot.prevInSlot = timer.prevInSlot;
        }
        timer.prevInSlot = null;
        timer.nextInSlot = null;
        timer.owner = null;
        size--;
    }

    /**
     * Moves the wheel's clock to {@code nowMillis}, firing every timer due by then in order of
     * deadline (timers due in the same millisecond in the order they were scheduled). A timer that
     * schedules another one due by {@code nowMillis} sees it fire in this same call. A clock that
     * goes backwards is ignored.
     *
     * @return the number of timers fired
     */
    public int advanceTo(long nowMillis) {
        int fired = 0;
        while (processed < nowMillis) {
            if (size == 0) {
                processed = nowMillis;
                break;
            }
            long tick = processed + 1;
            processed = tick;
            fired += fireSlot(tick);
        }
        return fired;
    }

    private int fireSlot(long tick) {
        int slot = (int) (tick & mask);
        int fired = 0;
        WheelTimer t = heads[slot];
        while (t != null) {
            WheelTimer following = t.nextInSlot;
            if (t.due <= tick) {
                unlink(t);
                fired++;
                run(t);
                // The timer may have rescheduled itself or others into this slot: restart from the
                // head, as anything already passed over is for a later revolution.
                following = heads[slot];
                while (following != null && following.due > tick) {
                    following = following.nextInSlot;
                }
            }
            t = following;
        }
        return fired;
    }

    private static void run(WheelTimer t) {
        try {
            t.expire();
        } catch (RuntimeException e) {
            // A failing timer must not stop the others of this millisecond (STYLE.md §5).
            LOG.error("timer {} failed", t, e);
        }
    }

    /** The wheel's clock: the last millisecond it has processed. */
    public long now() {
        return processed;
    }

    /** The number of timers scheduled. */
    public int size() {
        return size;
    }
}
