package org.parley.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.parley.message.header.Address;
import org.parley.message.header.CSeq;
import org.parley.message.header.Contact;
import org.parley.message.header.MaxForwards;

class SipMessageTest {
    private static SipMessage withHeaders(String headers) {
        return SipParser.parse(Messages.crlf("OPTIONS sip:a@example.com SIP/2.0\n"
                + "Via: SIP/2.0/UDP h.example.com;branch=z9hG4bK1\n" + headers + "Content-Length: 0\n\n"));
    }

    /** Asserts that both calls give equal values, or fail with the same exception type and message. */
    private static void assertSameOutcome(Object expected, Throwable expectedFailure, Object actual,
            Throwable actualFailure) {
        if (expectedFailure == null) {
            assertThat(actualFailure).isNull();
            assertThat(actual).isEqualTo(expected);
        } else {
            assertThat(actualFailure).isNotNull().hasSameClassAs(expectedFailure)
                    .hasMessage(expectedFailure.getMessage());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2 INVITE", "0002 INVITE", "2147483647 ACK", "0 BYE", "9999999999 INVITE",
        "2147483648 INVITE", "4294967296 INVITE", "12345678901 INVITE", "99999999999999999999999 INVITE",
        "2  INVITE", "2\tINVITE", "2 FOO", "2 invite", "2 INVITE x", "2 INV@TE", "2 INVITE,", "2", "2 ", "INVITE",
        "-1 INVITE", "2x INVITE", "2 \u00e9T\u00e9"})
    void readsCSeqAsCSeqParseDoes(String value) {
        Throwable expectedFailure = catchThrowable(() -> CSeq.parse(value));
        CSeq expected = expectedFailure == null ? CSeq.parse(value) : null;
        SipMessage m = withHeaders("CSeq: " + value + "\n");
        Throwable actualFailure = catchThrowable(m::cseq);
        assertSameOutcome(expected, expectedFailure, actualFailure == null ? m.cseq() : null, actualFailure);
    }

    @Test
    void readsAFoldedCSeq() {
        assertThat(withHeaders("CSeq: 7\n INVITE\n").cseq()).isEqualTo(new CSeq(7, Method.INVITE));
    }

    @Test
    void refusesCSeqAndMaxForwardsTwice() {
        assertThatThrownBy(() -> withHeaders("CSeq: 1 INVITE\nCSeq: 1 INVITE\n").cseq())
                .isInstanceOf(SipParseException.class).hasMessageContaining("appears more than once");
        assertThatThrownBy(() -> withHeaders("Max-Forwards: 70\nMax-Forwards: 70\n").maxForwards())
                .isInstanceOf(SipParseException.class).hasMessageContaining("appears more than once");
    }

    @ParameterizedTest
    @ValueSource(strings = {"70", "0", "255", "256", "070", "0070", "00255", "999", "1000", "", "abc", "7 0", "-1",
        "7a", "1\u00e9"})
    void readsMaxForwardsAsMaxForwardsParseDoes(String value) {
        Throwable expectedFailure = catchThrowable(() -> MaxForwards.parse(value));
        OptionalInt expected = expectedFailure == null ? OptionalInt.of(MaxForwards.parse(value).hops()) : null;
        SipMessage m = withHeaders("Max-Forwards: " + value + "\n");
        Throwable actualFailure = catchThrowable(m::maxForwards);
        assertSameOutcome(expected, expectedFailure, actualFailure == null ? m.maxForwards() : null, actualFailure);
    }

    @Test
    void hasNoMaxForwardsWhenTheHeaderIsAbsent() {
        assertThat(withHeaders("").maxForwards()).isEmpty();
    }

    @Test
    void readsAFoldedMaxForwardsAsOneSpace() {
        assertThatThrownBy(() -> withHeaders("Max-Forwards: 1\n 2\n").maxForwards())
                .isInstanceOf(SipParseException.class).hasMessageContaining("unexpected '2'");
    }

    @Test
    void readsListHeadersAcrossLinesAndCommas() {
        SipMessage m = withHeaders("Route: <sip:p1.example.com;lr>, <sip:p2.example.com;lr>\n"
                + "Contact: <sip:a@192.0.2.1>;expires=60\n"
                + "Route: <sip:p3.example.com;lr>\n"
                + "m: <sip:b@192.0.2.2>, \"C, D\" <sip:c@192.0.2.3>\n");

        assertThat(m.routes()).extracting(r -> r.uri().toString())
                .containsExactly("sip:p1.example.com;lr", "sip:p2.example.com;lr", "sip:p3.example.com;lr");
        assertThat(m.headerValues(HeaderName.ROUTE))
                .containsExactly("<sip:p1.example.com;lr>", "<sip:p2.example.com;lr>", "<sip:p3.example.com;lr>");
        assertThat(m.contacts()).extracting(c -> c.address().orElseThrow().uri().toString())
                .containsExactly("sip:a@192.0.2.1", "sip:b@192.0.2.2", "sip:c@192.0.2.3");
        assertThat(m.contacts().get(0).expires()).hasValue(60);
        assertThat(m.recordRoutes()).isEmpty();
        assertThat(m.headerValues(HeaderName.RECORD_ROUTE)).isEmpty();
        assertThat(m.vias()).hasSize(1);
    }

    @Test
    void returnsImmutableLists() {
        SipMessage m = withHeaders("Route: <sip:p1.example.com;lr>\nContact: <sip:a@192.0.2.1>\n");
        List<Address> routes = m.routes();
        List<Contact> contacts = m.contacts();
        List<String> values = m.headerValues(HeaderName.ROUTE);

        assertThatThrownBy(() -> routes.add(routes.get(0))).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> contacts.clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> values.add("x")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(m.routes()).isSameAs(routes);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "Route: <sip:a.example.com;lr>\n",
        "Route:   \n",
        "Route: \"a, b\" <sip:x.example.com;lr>\n",
        "Route: <sip:a.example.com>,\n",
        "Route: <sip:a.example.com;lr>, <sip:b.example.com>\nRoute: <sip:c.example.com>\n",
        "Route: <sip:a.example.com>,,<sip:b.example.com>,\nRoute:   \nRoute: <sip:c.example.com>\n",
        "Route: ,\nRoute: \"x, y\" <sip:d.example.com;a=\",\">, <sip:e.example.com>\n",
        "Route: <sip:1.example.com>\nRoute: <sip:2.example.com>\nRoute: <sip:3.example.com>, <sip:4.example.com>\n",
    })
    void givesTheElementsThatSplittingEachLineGives(String routes) {
        SipMessage m = withHeaders(routes);
        List<String> expected = new ArrayList<>();
        for (HeaderField field : m.headerFields()) {
            if (field.name().equals("Route")) {
                expected.addAll(HeaderValues.split("Route", field.value()));
            }
        }
        assertThat(m.headerValues(HeaderName.ROUTE)).containsExactlyElementsOf(expected);
    }

    @Test
    void packsNameLengthIdAndFoldFlagIntoOneIndexWord() {
        for (int id : new int[] {HeaderName.UNKNOWN_ID, 0, 1, 62, 63}) {
            for (int length : new int[] {0, 1, 255, 256, (1 << 24) - 1}) {
                int word = SipMessage.word(length, id);
                assertThat(SipMessage.idOf(word)).isEqualTo(id);
                assertThat(SipMessage.idOf(word | SipMessage.FOLDED)).isEqualTo(id);
                assertThat(SipMessage.nameLengthOf(word | SipMessage.FOLDED)).isEqualTo(length);
                assertThat(word & SipMessage.FOLDED).isZero();
            }
        }
    }

    @Test
    void readsNamesAndValuesOfLongUnknownAndFoldedLines() {
        String longName = "X-" + "n".repeat(300);
        SipMessage m = withHeaders(longName + " :  long\nSubject: one\n  two\nX-Empty:\n");
        assertThat(m.header(longName)).hasValue("long");
        assertThat(m.header("Subject")).hasValue("one two");
        assertThat(m.header("X-Empty")).hasValue("");
        assertThat(m.headerFields()).extracting(HeaderField::name)
                .containsExactly("Via", longName, "Subject", "X-Empty", "Content-Length");
        assertThat(m.toBuilder().build().headerFields()).isEqualTo(m.headerFields());
    }

    @Test
    void reportsAnUnclosedListElementBeforeParsingAnyElement() {
        SipMessage m = withHeaders("Route: <sip:ok.example.com;lr>\nRoute: <sip:p2.example.com;lr\n");
        assertThatThrownBy(m::routes).isInstanceOf(SipParseException.class).hasMessageContaining("unclosed '<'");
    }
}
