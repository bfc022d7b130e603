package org.parley.transaction;

import org.parley.transaction.timer.WheelTimer;

/**
 * One named timer of a transaction (RFC 3261 §17: Timer A, B, E …) that runs an action of the
 * transaction when due. Confined to the transaction's lane.
 */
final class Alarm extends WheelTimer {
    private final String name;
    private final Runnable action;

    Alarm(String name, Runnable action) {
        this.name = name;
        this.action = action;
    }

    @Override
    protected void expire() {
        action.run();
    }

    @Override
    public String toString() {
        return "Timer " + name;
    }
}
