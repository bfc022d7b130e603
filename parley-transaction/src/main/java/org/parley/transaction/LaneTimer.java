package org.parley.transaction;

import java.util.Objects;
import org.parley.transaction.timer.WheelTimer;

/**
 * A one-shot timer of the transaction user on the lane of a Call-ID (RFC 3261 §13.3.1.4 2xx
 * retransmission, registration refresh, §14.1 glare back-off…): it runs its action on that lane,
 * so the user's state for the Call-ID needs no lock. Made by {@link TransactionLayer#newTimer}.
 *
 * <p>Confined to its lane: {@link #start}, {@link #cancel} and {@link #isScheduled} are called from
 * tasks running there (a response listener, a request handler, {@link TransactionLayer#execute}).
 * Starting a scheduled timer moves it; the wheel allocates nothing for either.
 */
public final class LaneTimer {
    private final Lane lane;
    private final Alarm alarm;

    LaneTimer(Lane lane, String name, Runnable action) {
        this.lane = lane;
        this.alarm = new Alarm(name, Objects.requireNonNull(action, "action"));
    }

    /**
     * Runs the action {@code delayMillis} from now on the lane, replacing any earlier start.
     *
     * @throws IllegalStateException when called off the timer's lane
     */
    public void start(long delayMillis) {
        requireLane();
        if (delayMillis < 0) {
            throw new IllegalArgumentException("delay must not be negative, was " + delayMillis);
        }
        WheelTimer t = alarm;
        if (t.isScheduled()) {
            lane.timers().cancel(t);
        }
        lane.timers().schedule(t, lane.timers().now() + delayMillis);
    }

    /** Stops the timer; returns true when it was scheduled. */
    public boolean cancel() {
        requireLane();
        return lane.timers().cancel(alarm);
    }

    /** True while started and neither fired nor cancelled. */
    public boolean isScheduled() {
        return alarm.isScheduled();
    }

    private void requireLane() {
        if (!lane.inLane()) {
            throw new IllegalStateException(alarm + " is confined to its lane; called from "
                    + Thread.currentThread().getName());
        }
    }

    @Override
    public String toString() {
        return alarm.toString();
    }
}
