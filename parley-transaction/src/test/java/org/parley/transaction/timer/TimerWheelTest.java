package org.parley.transaction.timer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TimerWheelTest {
    private final List<String> fired = new ArrayList<>();

    /** Records its name and the wheel's clock when it fires. */
    private final class Recording extends WheelTimer {
        private final String name;
        private final TimerWheel wheel;

        Recording(String name, TimerWheel wheel) {
            this.name = name;
            this.wheel = wheel;
        }

        @Override
        protected void expire() {
            fired.add(name + "@" + wheel.now());
        }
    }

    @Test
    void firesATimerAtItsDeadlineAndNotBefore() {
        TimerWheel wheel = new TimerWheel(1_000);
        wheel.schedule(new Recording("a", wheel), 1_500);
        assertThat(wheel.advanceTo(1_499)).isZero();
        assertThat(fired).isEmpty();
        assertThat(wheel.advanceTo(1_500)).isEqualTo(1);
        assertThat(fired).containsExactly("a@1500");
        assertThat(wheel.size()).isZero();
    }

    @Test
    void firesInDeadlineOrderThenSchedulingOrder() {
        TimerWheel wheel = new TimerWheel(0);
        wheel.schedule(new Recording("late", wheel), 30);
        wheel.schedule(new Recording("first", wheel), 10);
        wheel.schedule(new Recording("second", wheel), 10);
        wheel.schedule(new Recording("middle", wheel), 20);
        wheel.advanceTo(100);
        assertThat(fired).containsExactly("first@10", "second@10", "middle@20", "late@30");
    }

    @Test
    void keepsTimersBeyondOneRevolutionForLaterRevolutions() {
        TimerWheel wheel = new TimerWheel(0, 16);
        wheel.schedule(new Recording("far", wheel), 5 + 16 * 3);
        wheel.schedule(new Recording("near", wheel), 5);
        wheel.advanceTo(5 + 16 * 3 - 1);
        assertThat(fired).containsExactly("near@5");
        wheel.advanceTo(5 + 16 * 3);
        assertThat(fired).containsExactly("near@5", "far@53");
    }

    @Test
    void cancelledTimersDoNotFire() {
        TimerWheel wheel = new TimerWheel(0);
        Recording a = new Recording("a", wheel);
        Recording b = new Recording("b", wheel);
        wheel.schedule(a, 10);
        wheel.schedule(b, 10);
        assertThat(wheel.cancel(a)).isTrue();
        assertThat(wheel.cancel(a)).isFalse();
        assertThat(a.isScheduled()).isFalse();
        wheel.advanceTo(10);
        assertThat(fired).containsExactly("b@10");
        assertThat(wheel.cancel(b)).isFalse();
    }

    @Test
    void reschedulingMovesTheTimer() {
        TimerWheel wheel = new TimerWheel(0);
        Recording a = new Recording("a", wheel);
        wheel.schedule(a, 10);
        wheel.schedule(a, 40);
        assertThat(wheel.size()).isEqualTo(1);
        wheel.advanceTo(39);
        assertThat(fired).isEmpty();
        wheel.advanceTo(40);
        assertThat(fired).containsExactly("a@40");
    }

    @Test
    void aTimerThatReschedulesItselfDoublingItsIntervalFiresLikeRetransmissions() {
        // The shape of RFC 3261 Timer E: T1, 2·T1, 4·T1, capped at T2.
        TimerWheel wheel = new TimerWheel(0);
        WheelTimer e = new WheelTimer() {
            private long interval = 500;

            @Override
            protected void expire() {
                fired.add("E@" + wheel.now());
                interval = Math.min(interval * 2, 4_000);
                wheel.schedule(this, wheel.now() + interval);
            }
        };
        wheel.schedule(e, 500);
        wheel.advanceTo(11_500);
        assertThat(fired).containsExactly("E@500", "E@1500", "E@3500", "E@7500", "E@11500");
        assertThat(e.isScheduled()).isTrue();
    }

    @Test
    void aTimerScheduledInThePastFiresOnTheNextAdvance() {
        TimerWheel wheel = new TimerWheel(100);
        wheel.schedule(new Recording("past", wheel), 50);
        wheel.advanceTo(101);
        assertThat(fired).containsExactly("past@101");
    }

    @Test
    void aTimerScheduledForNowByAnotherTimerFiresInTheSameAdvance() {
        TimerWheel wheel = new TimerWheel(0);
        Recording chained = new Recording("chained", wheel);
        wheel.schedule(new WheelTimer() {
            @Override
            protected void expire() {
                fired.add("first@" + wheel.now());
                wheel.schedule(chained, wheel.now());
            }
        }, 5);
        wheel.advanceTo(6);
        assertThat(fired).containsExactly("first@5", "chained@6");
    }

    @Test
    void aFailingTimerDoesNotStopTheOthers() {
        TimerWheel wheel = new TimerWheel(0);
        wheel.schedule(new WheelTimer() {
            @Override
            protected void expire() {
                throw new IllegalStateException("boom, as a test expects");
            }
        }, 5);
        wheel.schedule(new Recording("after", wheel), 5);
        assertThat(wheel.advanceTo(5)).isEqualTo(2);
        assertThat(fired).containsExactly("after@5");
    }

    @Test
    void aClockGoingBackwardsIsIgnored() {
        TimerWheel wheel = new TimerWheel(1_000);
        wheel.schedule(new Recording("a", wheel), 1_010);
        assertThat(wheel.advanceTo(900)).isZero();
        assertThat(wheel.now()).isEqualTo(1_000);
        wheel.advanceTo(1_010);
        assertThat(fired).containsExactly("a@1010");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 17, 99})
    void firesEveryRandomTimerExactlyOnceAtItsDeadline(int seed) {
        Random random = new Random(seed);
        TimerWheel wheel = new TimerWheel(0, 1 << 10);
        List<long[]> firedAt = new ArrayList<>();
        List<WheelTimer> cancelled = new ArrayList<>();
        int scheduled = 0;
        for (int i = 0; i < 2_000; i++) {
            long deadline = random.nextInt(5_000);
            WheelTimer t = new WheelTimer() {
                @Override
                protected void expire() {
                    firedAt.add(new long[] {deadline(), wheel.now()});
                }
            };
            wheel.schedule(t, deadline);
            if (random.nextInt(10) == 0) {
                wheel.cancel(t);
                cancelled.add(t);
            } else {
                scheduled++;
            }
        }
        long now = 0;
        while (now < 6_000) {
            now += 1 + random.nextInt(300);
            wheel.advanceTo(now);
        }
        assertThat(firedAt).hasSize(scheduled);
        assertThat(firedAt).allSatisfy(f -> assertThat(f[1]).as("fired at its deadline").isEqualTo(f[0]));
        assertThat(firedAt).extracting(f -> f[0]).isSorted();
        assertThat(cancelled).noneMatch(WheelTimer::isScheduled);
        assertThat(wheel.size()).isZero();
    }

    @Test
    void refusesASizeThatIsNotAPowerOfTwo() {
        assertThatThrownBy(() -> new TimerWheel(0, 1000)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("was 1000");
    }
}
