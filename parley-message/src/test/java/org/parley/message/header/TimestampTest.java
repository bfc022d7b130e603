package org.parley.message.header;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.parley.message.header.ParseErrors.assertBad;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.parley.message.SipParseException;

class TimestampTest {

    @Test
    void parsesTimeAndDelay() {
        Timestamp t = Timestamp.parse("54.21 0.3");

        assertThat(t.time()).isEqualTo("54.21");
        assertThat(t.delay()).contains("0.3");
        assertThat(t.timeValue()).isEqualByComparingTo("54.21");
        assertThat(t.delayValue()).hasValueSatisfying(d -> assertThat(d).isEqualByComparingTo("0.3"));
        assertThat(t).hasToString("54.21 0.3");
    }

    @Test
    void parsesTheLooserFormsTheGrammarAllows() {
        assertThat(Timestamp.parse("54").delay()).isEmpty();
        assertThat(Timestamp.parse(" 54. ").timeValue()).isEqualByComparingTo(BigDecimal.valueOf(54));
        assertThat(Timestamp.parse("54 .5").delayValue()).hasValueSatisfying(
                d -> assertThat(d).isEqualByComparingTo("0.5"));
        assertThat(Timestamp.parse("54 .").delayValue()).contains(BigDecimal.ZERO);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".5", "5.4.3", "54 1.2.3", "54 x", "54;x", "-1", "54 1 2"})
    void rejectsMalformedTimestamps(String element) {
        assertThatThrownBy(() -> Timestamp.parse(element)).isInstanceOfSatisfying(SipParseException.class,
                e -> assertThat(e.reasonPhrase()).startsWith("Bad Timestamp - "));
    }

    @Test
    void namesTheBadPart() {
        assertBad(() -> Timestamp.parse("1.2.3"), "Timestamp", "time must be digits");
        assertBad(() -> Timestamp.parse("1 2.3.4"), "Timestamp", "delay must be digits");
    }

    @Test
    void addsADelayKeepingTheTimeAsWritten() {
        Timestamp answered = Timestamp.parse("0054.210").withDelay("0.25");

        assertThat(answered).hasToString("0054.210 0.25");
        assertThat(Timestamp.parse(answered.toString())).isEqualTo(answered).hasSameHashCodeAs(answered);
    }

    @Test
    void refusesMalformedTimesAndDelays() {
        assertThatThrownBy(() -> Timestamp.of("1,5")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Timestamp must be digits with an optional fraction, was \"1,5\"");
        assertThatThrownBy(() -> Timestamp.of("1").withDelay("")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("was \"\"");
        assertThat(Timestamp.of("1").withDelay(".5")).hasToString("1 .5");
    }
}
