package org.parley.transaction;

import java.util.HashMap;
import java.util.Map;
import org.parley.transaction.timer.TimerWheel;

/**
 * The transactions of one lane: its client and server tables and its timer wheel. Confined to the
 * lane, so plain hash maps; a transaction leaves its table when it terminates, which is when its
 * memory can go.
 */
final class LaneState {
    final Lane lane;
    final Map<TransactionKey, ClientMachine> clients = new HashMap<>();
    final Map<TransactionKey, ServerMachine> servers = new HashMap<>();

    LaneState(Lane lane) {
        this.lane = lane;
    }

    TimerWheel timers() {
        return lane.timers();
    }

    /** Schedules {@code alarm} {@code delayMillis} from the lane's now. */
    void schedule(Alarm alarm, long delayMillis) {
        TimerWheel wheel = lane.timers();
        wheel.schedule(alarm, wheel.now() + delayMillis);
    }
}
