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
    final Map<TransactionKey, ServerEntry> servers = new HashMap<>();
    /** Live server transactions of requests without a To tag, for RFC 3261 §8.2.2.2 (empty when detection is off). */
    final Map<MergeKey, ServerEntry> origins = new HashMap<>();
    /** Non-INVITE server transactions in Completed over an unreliable transport, as bytes. */
    final CompletedTable completed;

    /** True for a lane on the transport's own loop, where a message read on that loop is handled at once. */
    final boolean inline;

    LaneState(TransactionLayer layer, Lane lane) {
        this.lane = lane;
        this.inline = lane instanceof EventLoopLane e && !e.ownsLoop();
        this.completed = new CompletedTable(layer, this);
    }

    TimerWheel timers() {
        return lane.timers();
    }

    /** Runs {@code task} now when called on this lane, else queues it there. Callable from any thread. */
    void run(Runnable task) {
        if (lane.inLane()) {
            task.run();
        } else {
            lane.execute(task);
        }
    }

    /**
     * A server transaction leaves the tables (it terminated). A no-op for a machine that handed its
     * place to the {@link CompletedTable}, whose entries leave by themselves.
     */
    void removeServer(TransactionKey key, ServerMachine tx) {
        if (servers.remove(key, tx) && !origins.isEmpty() && tx.request().toTag().isEmpty()) {
            origins.remove(MergeKey.of(tx.request()), tx);
        }
    }

    /** How many transactions are live on this lane. */
    int live() {
        return clients.size() + servers.size() + completed.size();
    }

    /** Schedules {@code alarm} {@code delayMillis} from the lane's now. */
    void schedule(Alarm alarm, long delayMillis) {
        TimerWheel wheel = lane.timers();
        wheel.schedule(alarm, wheel.now() + delayMillis);
    }
}
