package org.parley.message.header;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.parley.message.header.ParseErrors.assertBad;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.parley.message.SipParseException;

class MaxForwardsTest {

    @Test
    void parsesLeadingZeros() {
        // RFC 4475 §3.1.1.1 wsinv
        assertThat(MaxForwards.parse("0068")).isEqualTo(new MaxForwards(68));
        assertThat(MaxForwards.parse(" 70 ").hops()).isEqualTo(70);
    }

    @Test
    void acceptsZeroAndTheMaximum() {
        // RFC 4475 §3.3.11 zeromf
        assertThat(MaxForwards.parse("0").isZero()).isTrue();
        assertThat(MaxForwards.parse("255").hops()).isEqualTo(255);
    }

    @Test
    void rejectsAValueAbove255() {
        // RFC 4475 §3.1.2.4 scalar02
        assertBad(() -> MaxForwards.parse("300"), "Max-Forwards", "hop count must be at most 255");
        assertBad(() -> MaxForwards.parse("99999999999999999999999"), "Max-Forwards", "at most 255");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-1", "7a", "7 8", "seventy", "7;x"})
    void rejectsAnythingButDigits(String element) {
        assertThatThrownBy(() -> MaxForwards.parse(element)).isInstanceOf(SipParseException.class);
    }

    @Test
    void refusesAHopCountOutsideItsRange() {
        assertThatThrownBy(() -> new MaxForwards(300)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Max-Forwards must be 0..255, was 300");
        assertThatThrownBy(() -> new MaxForwards(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Max-Forwards must be 0..255, was -1");
    }

    @Test
    void decrementsUntilZero() {
        assertThat(MaxForwards.DEFAULT.decremented()).isEqualTo(new MaxForwards(69));
        assertThatThrownBy(() -> new MaxForwards(0).decremented()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void parsesItsOwnOutputBackToAnEqualValue() {
        assertThat(MaxForwards.parse(MaxForwards.DEFAULT.toString())).isEqualTo(MaxForwards.DEFAULT);
    }
}
