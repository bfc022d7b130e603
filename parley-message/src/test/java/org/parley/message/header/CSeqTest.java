package org.parley.message.header;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.parley.message.header.ParseErrors.assertBad;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.parley.message.Method;
import org.parley.message.SipParseException;

class CSeqTest {

    @Test
    void parsesNumberAndMethod() {
        CSeq cseq = CSeq.parse("4711 INVITE");

        assertThat(cseq.number()).isEqualTo(4711);
        assertThat(cseq.method()).isSameAs(Method.INVITE);
        assertThat(cseq).hasToString("4711 INVITE");
    }

    @Test
    void acceptsLeadingZerosAndFoldedWhitespace() {
        // RFC 4475 §3.1.1.1 wsinv: "cseq: 0009\r\n  INVITE"
        assertThat(CSeq.parse("0009\r\n  INVITE")).isEqualTo(new CSeq(9, Method.INVITE));
        assertThat(CSeq.parse("  0009   INVITE  ")).isEqualTo(new CSeq(9, Method.INVITE));
    }

    @Test
    void keepsAnExtensionMethod() {
        CSeq cseq = CSeq.parse("139122385 !interesting-Method0123456789_*+`.%indeed'~");

        assertThat(cseq.method().name()).isEqualTo("!interesting-Method0123456789_*+`.%indeed'~");
        assertThat(cseq.method().isKnown()).isFalse();
    }

    @Test
    void rejectsANumberAboveTwoToTheThirtyTwoMinusOne() {
        // RFC 4475 §3.1.2.4 scalar02
        assertBad(() -> CSeq.parse("36893488147419103232 REGISTER"), "CSeq",
                "sequence number must be at most 4294967295");
        assertBad(() -> CSeq.parse("4294967296 REGISTER"), "CSeq", "sequence number must be at most 4294967295");
    }

    @ParameterizedTest
    @ValueSource(longs = {2147483648L, 4294967295L})
    void rejectsANumberAtOrAboveTwoToTheThirtyOne(long number) {
        assertBad(() -> CSeq.parse(number + " INVITE"), "CSeq", "must be below 2^31 (RFC 3261 §8.1.1.5)");
    }

    @Test
    void acceptsTheLargestNumber() {
        assertThat(CSeq.parse("2147483647 ACK").number()).isEqualTo(CSeq.MAX_NUMBER);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "INVITE", "-1 INVITE", "1a INVITE", "1.5 INVITE"})
    void rejectsAMissingOrNonNumericNumber(String element) {
        assertThatThrownBy(() -> CSeq.parse(element)).isInstanceOf(SipParseException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "1 ", "1\r\n "})
    void rejectsAMissingMethod(String element) {
        assertBad(() -> CSeq.parse(element), "CSeq", "missing method");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1INVITE", "1 INVITE ACK", "1 INV/ITE", "1 INVITE;x"})
    void rejectsAnythingAroundTheMethod(String element) {
        assertThatThrownBy(() -> CSeq.parse(element)).isInstanceOf(SipParseException.class);
    }

    @Test
    void refusesANumberAtOrAboveTwoToTheThirtyOneAndANullMethod() {
        assertThatThrownBy(() -> new CSeq(1L << 31, Method.INVITE)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("CSeq number must be 0..2^31-1 (RFC 3261 §8.1.1.5), was 2147483648");
        assertThatThrownBy(() -> new CSeq(-1, Method.INVITE)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("was -1");
        assertThatThrownBy(() -> new CSeq(1, null)).isInstanceOf(NullPointerException.class)
                .hasMessage("method");
    }

    @Test
    void countsUpForTheNextRequest() {
        assertThat(new CSeq(1, Method.INVITE).next(Method.BYE)).isEqualTo(new CSeq(2, Method.BYE));
        assertThatThrownBy(() -> new CSeq(CSeq.MAX_NUMBER, Method.INVITE).next(Method.BYE))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void parsesItsOwnOutputBackToAnEqualValue() {
        CSeq cseq = new CSeq(2147483647, Method.of("FOO"));

        assertThat(CSeq.parse(cseq.toString())).isEqualTo(cseq);
    }
}
