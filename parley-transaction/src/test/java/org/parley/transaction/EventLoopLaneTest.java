package org.parley.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.parley.transaction.timer.WheelTimer;

/** The real-thread lane: tasks in order on its own thread, timers fired by its tick. */
class EventLoopLaneTest {
    @Test
    void runsTasksInOrderOnItsThreadAndFiresTimers() throws Exception {
        try (EventLoopLane lane = new EventLoopLane("lane-test")) {
            List<String> seen = new CopyOnWriteArrayList<>();
            CountDownLatch fired = new CountDownLatch(1);
            for (int i = 0; i < 100; i++) {
                int n = i;
                lane.execute(() -> seen.add(Thread.currentThread().getName() + "#" + n));
            }
            lane.execute(() -> lane.timers().schedule(new WheelTimer() {
                @Override
                protected void expire() {
                    seen.add("timer in lane: " + lane.inLane());
                    fired.countDown();
                }
            }, lane.timers().now() + 20));
            assertThat(fired.await(5, TimeUnit.SECONDS)).as("timer fired within 5 s").isTrue();
            assertThat(seen).hasSize(101);
            assertThat(seen.get(0)).isEqualTo("lane-test#0");
            assertThat(seen.get(99)).isEqualTo("lane-test#99");
            assertThat(seen.get(100)).isEqualTo("timer in lane: true");
            assertThat(lane.inLane()).isFalse();
        }
    }
}
