package org.parley.server.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** {@link LogLevels} on the test's Logback. */
class LogLevelsTest {
    private static final String NAME = "org.parley.server.log.test.levels";
    private final LogLevels levels = LogLevels.ofLogback();

    @AfterEach
    void reset() {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(NAME)).setLevel(null);
    }

    @Test
    void setsALevelAtRunTimeThatTheLoggerThenHonours() {
        assertThat(LoggerFactory.getLogger(NAME).isDebugEnabled()).isFalse();
        assertThat(levels.set(NAME, "debug")).isEqualTo("DEBUG");
        assertThat(LoggerFactory.getLogger(NAME).isDebugEnabled()).isTrue();
        assertThat(levels.level(NAME)).isEqualTo("DEBUG");
        assertThat(levels.level(NAME + ".child")).as("inherited").isEqualTo("DEBUG");
        levels.set(NAME, "OFF");
        assertThat(LoggerFactory.getLogger(NAME).isErrorEnabled()).isFalse();
    }

    @Test
    void refusesAnUnknownLevelAndABadLoggerNameQuotingThem() {
        assertThatThrownBy(() -> levels.set(NAME, "LOUD")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"LOUD\"");
        assertThatThrownBy(() -> levels.set("org..parley", "INFO")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"org..parley\"");
        assertThatThrownBy(() -> levels.set("a b", "INFO")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> levels.set("", "INFO")).isInstanceOf(IllegalArgumentException.class);
    }
}
