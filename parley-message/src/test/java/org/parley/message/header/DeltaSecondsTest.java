package org.parley.message.header;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.parley.message.header.ParseErrors.assertBad;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.parley.message.SipParseException;

class DeltaSecondsTest {

    @Test
    void parsesSecondsFromZeroToTwoToTheThirtyTwoMinusOne() {
        assertThat(DeltaSeconds.parse("Expires", "0")).isZero();
        assertThat(DeltaSeconds.parse("Expires", " 3600 ")).isEqualTo(3600);
        assertThat(DeltaSeconds.parse("Min-Expires", "0004294967295")).isEqualTo(4294967295L);
    }

    @Test
    void rejectsAValueAboveTwoToTheThirtyTwoMinusOneNamingTheHeader() {
        // RFC 4475 §3.1.2.4 scalar02, §3.1.2.5 scalarlg
        assertBad(() -> DeltaSeconds.parse("Expires", "1" + "0".repeat(100)), "Expires", "at most 4294967295");
        assertBad(() -> DeltaSeconds.parse("Retry-After", "949302838503028349304023988"), "Retry-After",
                "at most 4294967295");
        assertBad(() -> DeltaSeconds.parse("Expires", "4294967296"), "Expires", "at most 4294967295");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-5", "1.5", "ten", "1 2"})
    void rejectsAnythingButDigits(String value) {
        assertThatThrownBy(() -> DeltaSeconds.parse("Expires", value))
                .isInstanceOf(SipParseException.class);
    }

    @Test
    void checksAValueQuotingIt() {
        assertThat(DeltaSeconds.requireValid("Expires", 600)).isEqualTo(600);
        assertThatThrownBy(() -> DeltaSeconds.requireValid("Expires", -5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Expires must be 0..2^32-1, was -5");
        assertThatThrownBy(() -> DeltaSeconds.requireValid("Expires", 1L << 32))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("Expires must be 0..2^32-1, was 4294967296");
    }
}
