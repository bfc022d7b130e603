package org.parley.transport.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SrvOrderTest {
    private static final SrvRecord LOW = new SrvRecord(10, 10, 5060, "low.example.com");
    private static final SrvRecord HIGH = new SrvRecord(10, 90, 5060, "high.example.com");
    private static final SrvRecord ZERO = new SrvRecord(10, 0, 5060, "zero.example.com");
    private static final SrvRecord BACKUP = new SrvRecord(20, 100, 5060, "backup.example.com");

    @Test
    void lowerPriorityAlwaysComesFirst() {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 100; i++) {
            assertThat(SrvOrder.order(List.of(BACKUP, LOW, HIGH), random)).last().isEqualTo(BACKUP);
        }
    }

    @Test
    void heavierWeightIsChosenFirstInProportionToItsWeight() {
        SplittableRandom random = new SplittableRandom(7);
        int highFirst = 0;
        for (int i = 0; i < 1000; i++) {
            if (SrvOrder.order(List.of(LOW, HIGH), random).get(0).equals(HIGH)) {
                highFirst++;
            }
        }
        // RFC 2782: HIGH is chosen first with probability 90/101 (a draw of 0..100, 0..10 goes to LOW).
        assertThat(highFirst).isBetween(850, 930);
    }

    @Test
    void zeroWeightIsKeptButRarelyFirst() {
        SplittableRandom random = new SplittableRandom(3);
        int zeroFirst = 0;
        for (int i = 0; i < 1000; i++) {
            List<SrvRecord> ordered = SrvOrder.order(List.of(HIGH, ZERO), random);
            assertThat(ordered).containsExactlyInAnyOrder(HIGH, ZERO);
            zeroFirst += ordered.get(0).equals(ZERO) ? 1 : 0;
        }
        // Only a draw of exactly 0 out of 0..90 picks the weight-0 record, which RFC 2782 puts first.
        assertThat(zeroFirst).isBetween(1, 40);
    }

    @Test
    void dropsTargetsThatSayTheServiceIsNotAvailable() {
        SrvRecord none = new SrvRecord(0, 0, 0, "");

        assertThat(SrvOrder.order(List.of(none, LOW), new SplittableRandom(1))).containsExactly(LOW);
    }
}
