package org.parley.proxy.nat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@link KeepAliveConfig}: the defaults and the checks that name the bad value. */
class KeepAliveConfigTest {
    @Test
    void hasTheDocumentedDefaults() {
        KeepAliveConfig c = KeepAliveConfig.defaults();
        assertThat(c.interval()).isEqualTo(Duration.ofSeconds(25));
        assertThat(c.maxFailures()).isEqualTo(3);
        assertThat(c.removeUnreachable()).isTrue();
        assertThat(c.maxBindings()).isEqualTo(200_000);
        assertThat(c.withInterval(Duration.ofSeconds(10)).interval()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void refusesBadValuesNamingThem() {
        KeepAliveConfig c = KeepAliveConfig.defaults();
        assertThatThrownBy(() -> c.withInterval(Duration.ofMillis(999))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("interval").hasMessageContaining("PT0.999S");
        assertThatThrownBy(() -> c.withInterval(Duration.ofHours(2))).hasMessageContaining("interval");
        assertThatThrownBy(() -> c.withMaxFailures(0)).hasMessageContaining("maxFailures").hasMessageContaining("0");
        assertThatThrownBy(() -> c.withMaxBindings(0)).hasMessageContaining("maxBindings");
        assertThatThrownBy(() -> c.withPageSize(10_001)).hasMessageContaining("pageSize");
        assertThatThrownBy(() -> c.withFromUser("a b")).hasMessageContaining("fromUser").hasMessageContaining("a b");
        assertThatThrownBy(() -> c.withFromUser("x@y")).isInstanceOf(IllegalArgumentException.class);
    }
}
