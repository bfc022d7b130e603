package org.parley.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TransactionConfigTest {
    @Test
    void defaultsAreThoseOfRfc3261Table4() {
        TransactionConfig c = TransactionConfig.defaults();
        assertThat(c.t1Millis()).isEqualTo(500);
        assertThat(c.t2Millis()).isEqualTo(4_000);
        assertThat(c.t4Millis()).isEqualTo(5_000);
        assertThat(c.timeoutMillis()).as("64*T1").isEqualTo(32_000);
        assertThat(c.timerD()).isEqualTo(Duration.ofSeconds(32));
        assertThat(c.tryingDelay()).isEqualTo(Duration.ofMillis(200));
        assertThat(c.lanes()).isPositive();
    }

    @Test
    void refusesBadValuesNamingTheField() {
        Duration s = Duration.ofSeconds(1);
        assertThatThrownBy(() -> new TransactionConfig(Duration.ZERO, s, s, s, s, 1))
                .hasMessage("t1 must be positive, was PT0S");
        assertThatThrownBy(() -> new TransactionConfig(Duration.ofSeconds(5), s, s, s, s, 1))
                .hasMessageContaining("t2 must be at least t1");
        assertThatThrownBy(() -> TransactionConfig.defaults().withLanes(0)).hasMessage("lanes must be 1..1024, was 0");
    }

    @Test
    void mergedRequestDetectionIsOnByDefaultAndSurvivesOtherWithers() {
        Duration s = Duration.ofSeconds(1);
        assertThat(TransactionConfig.defaults().rejectMergedRequests()).isTrue();
        assertThat(new TransactionConfig(s, s, s, s, s, 1).rejectMergedRequests()).isTrue();
        TransactionConfig proxy = TransactionConfig.defaults().withMergedRequestDetection(false).withLanes(3);
        assertThat(proxy.rejectMergedRequests()).isFalse();
        assertThat(proxy.lanes()).isEqualTo(3);
    }
}
