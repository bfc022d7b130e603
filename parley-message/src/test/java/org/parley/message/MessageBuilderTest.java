package org.parley.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MessageBuilderTest {
    private static String text(SipMessage m) {
        return new String(m.toBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void buildsARequestThatParsesBackWithACorrectContentLength() {
        SipRequest r = SipRequest.builder(Method.MESSAGE, "sip:bob@example.com")
                .add(HeaderName.VIA, "SIP/2.0/UDP h;branch=z9hG4bK1")
                .add(HeaderName.CALL_ID, "c1")
                .add("X-Note", "  spaced  ")
                .body("text/plain", "héllo")
                .build();
        assertThat(text(r)).startsWith("MESSAGE sip:bob@example.com SIP/2.0\r\n").endsWith("\r\n\r\nhéllo")
                .contains("Content-Length: 6\r\n").contains("X-Note: spaced\r\n");
        SipRequest again = (SipRequest) SipParser.parse(r.toBytes());
        assertThat(again.bodyText()).isEqualTo("héllo");
        assertThat(again.headerFields()).isEqualTo(r.headerFields());
        assertThat(r.requestUriText()).isEqualTo("sip:bob@example.com");
    }

    @Test
    void reusesUntouchedHeaderBytesWhenChangingAMessage() {
        byte[] wire = Messages.crlf("""
                OPTIONS sip:a@b SIP/2.0
                v :  SIP/2.0/UDP h;branch=z9hG4bK1
                Subject: one
                  two
                Max-Forwards: 70
                l: 0

                """);
        SipMessage m = SipParser.parse(wire);
        SipMessage changed = m.toBuilder().set(HeaderName.MAX_FORWARDS, "69").build();
        assertThat(text(changed)).isEqualTo(new String(wire, StandardCharsets.UTF_8).replace("70", "69"));
        assertThat(changed.header(HeaderName.SUBJECT)).contains("one two");
    }

    @Test
    void putsANewViaAboveTheOthersAndRemovesOnlyTheTopElement() {
        SipMessage m = SipParser.parse(Messages.crlf("""
                SIP/2.0 200 OK
                Via: SIP/2.0/UDP a;branch=z9hG4bK1, SIP/2.0/UDP b;branch=z9hG4bK2
                Call-ID: c
                Content-Length: 0

                """));
        SipMessage popped = m.toBuilder().removeFirst(HeaderName.VIA).build();
        assertThat(popped.headerValues(HeaderName.VIA)).containsExactly("SIP/2.0/UDP b;branch=z9hG4bK2");
        SipMessage pushed = m.toBuilder().addFirst(HeaderName.VIA, "SIP/2.0/TCP p;branch=z9hG4bK0").build();
        assertThat(pushed.headerValues(HeaderName.VIA)).hasSize(3).first().asString().contains("TCP p");
    }

    @Test
    void correctsAWrongContentLengthAndDropsDuplicates() {
        SipMessage m = SipParser.parse(Messages.crlf("OPTIONS sip:a@b SIP/2.0\nl: 2\nContent-Length: 2\n\nab"));
        SipMessage changed = m.toBuilder().body("abc".getBytes(StandardCharsets.US_ASCII)).build();
        assertThat(changed.headerValues(HeaderName.CONTENT_LENGTH)).containsExactly("3");
        assertThat(changed.bodyText()).isEqualTo("abc");
    }

    @Test
    void copiesTheTransactionHeadersIntoAResponse() {
        SipRequest r = (SipRequest) SipParser.parse(Messages.crlf(Messages.INVITE));
        SipResponse resp = SipResponse.responseTo(r, 180).build();
        assertThat(resp.startLine()).isEqualTo("SIP/2.0 180 Ringing");
        assertThat(resp.reasonPhrase()).isEqualTo("Ringing");
        assertThat(resp.headerFields()).extracting(HeaderField::name)
                .containsExactly("Via", "From", "To", "Call-ID", "CSeq", "Content-Length");
        assertThat(resp.header(HeaderName.CSEQ)).contains("314159 INVITE");
    }

    @Test
    void refusesHeaderInjectionAndBadStartLines() {
        RequestBuilder b = SipRequest.builder(Method.OPTIONS, "sip:a@b");
        assertThatThrownBy(() -> b.add(HeaderName.SUBJECT, "x\r\nVia: evil"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CR, LF");
        assertThatThrownBy(() -> b.requestUri("sip:a b")).hasMessageContaining("sip:a b");
        assertThatThrownBy(() -> SipResponse.builder(700)).hasMessageContaining("700");
    }

    @Test
    void replacesTheFirstValueWhereItStands() {
        SipMessage one = SipParser.parse(Messages.crlf("OPTIONS sip:a@b SIP/2.0\nVia: SIP/2.0/UDP a;branch=z9hG4bK1\n"
                + "Call-ID: c\nContent-Length: 0\n\n"));
        SipMessage replaced = one.toBuilder().replaceFirst(HeaderName.VIA, "SIP/2.0/TCP a;branch=z9hG4bK1").build();
        assertThat(replaced.headerFields()).extracting(HeaderField::name).containsExactly("Via", "Call-ID",
                "Content-Length");
        assertThat(replaced.topVia().transport()).isEqualTo("TCP");

        SipMessage two = SipParser.parse(Messages.crlf("SIP/2.0 200 OK\nVia: SIP/2.0/UDP a;branch=z9hG4bK1, "
                + "SIP/2.0/UDP b;branch=z9hG4bK2\nContent-Length: 0\n\n"));
        assertThat(two.toBuilder().replaceFirst(HeaderName.VIA, "SIP/2.0/UDP a;branch=z9hG4bK1;received=1.2.3.4")
                .build().headerValues(HeaderName.VIA)).containsExactly(
                        "SIP/2.0/UDP a;branch=z9hG4bK1;received=1.2.3.4", "SIP/2.0/UDP b;branch=z9hG4bK2");
    }
}
