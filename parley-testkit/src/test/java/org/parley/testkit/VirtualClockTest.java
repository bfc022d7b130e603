package org.parley.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class VirtualClockTest {
    @Test
    void movesOnlyWhenAdvancedAndNeverBackwards() {
        VirtualClock clock = new VirtualClock();
        assertThat(clock.instant()).isEqualTo(VirtualClock.START);

        clock.advance(Duration.ofMillis(500));
        assertThat(clock.millis()).isEqualTo(VirtualClock.START.toEpochMilli() + 500);
        clock.advanceTo(VirtualClock.START.plusSeconds(1));
        assertThat(clock.instant()).isEqualTo(VirtualClock.START.plusSeconds(1));

        assertThatThrownBy(() -> clock.advance(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("only moves forward");
        assertThatThrownBy(() -> clock.advanceTo(VirtualClock.START)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("only moves forward");
        assertThat(clock.instant()).isEqualTo(VirtualClock.START.plusSeconds(1));
    }
}
