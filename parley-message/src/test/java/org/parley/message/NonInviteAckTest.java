package org.parley.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@link SipRequest#ackFor}: the ACK of a non-2xx final response, RFC 3261 §17.1.1.3. */
class NonInviteAckTest {
    private static SipMessage parse(String text) {
        return SipParser.parse(text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    private static SipResponse busy(String via) {
        return (SipResponse) parse("SIP/2.0 486 Busy Here\n" + via
                + "From: <sip:alice@a.example>;tag=f1\nTo: \"Bob\" <sip:bob@b.example>;tag=t486\n"
                + "Call-ID: c1@a.example\nCSeq: 4711 INVITE\nContent-Length: 0\n\n");
    }

    @Test
    void copiesTheTopViaRoutesFromCallIdAndTheResponsesToAndWritesCSeqAck() {
        SipRequest invite = (SipRequest) parse("INVITE sip:bob@b.example;transport=tcp SIP/2.0\n"
                + "Via: SIP/2.0/TCP p1.example;branch=z9hG4bKp1\n"
                + "Via: SIP/2.0/UDP a.example:5070;branch=z9hG4bKa1;rport\n"
                + "Max-Forwards: 69\nRoute: <sip:r1.example;lr>\nRoute: <sip:r2.example;lr>, <sip:r3.example;lr>\n"
                + "From: <sip:alice@a.example>;tag=f1\nTo: <sip:bob@b.example>\nCall-ID: c1@a.example\n"
                + "CSeq: 4711 INVITE\nContact: <sip:alice@a.example>\nContent-Type: application/sdp\n"
                + "Content-Length: 4\n\nv=0\n");

        SipRequest ack = SipRequest.ackFor(invite, busy("Via: SIP/2.0/TCP p1.example;branch=z9hG4bKp1\n"));

        assertThat(new String(ack.toBytes(), StandardCharsets.UTF_8)).isEqualTo(
                "ACK sip:bob@b.example;transport=tcp SIP/2.0\r\n"
                + "Via: SIP/2.0/TCP p1.example;branch=z9hG4bKp1\r\nMax-Forwards: 70\r\n"
                + "Route: <sip:r1.example;lr>\r\nRoute: <sip:r2.example;lr>, <sip:r3.example;lr>\r\n"
                + "From: <sip:alice@a.example>;tag=f1\r\nTo: \"Bob\" <sip:bob@b.example>;tag=t486\r\n"
                + "Call-ID: c1@a.example\r\nCSeq: 4711 ACK\r\nContent-Length: 0\r\n\r\n");
        assertIndexMatchesAReparse(ack);
        assertThat(ack.vias()).containsExactly(invite.topVia());
        assertThat(ack.headerValues(HeaderName.ROUTE)).isEqualTo(invite.headerValues(HeaderName.ROUTE));
        assertThat(ack.toTag()).contains("t486");
        assertThat(ack.cseq().method()).isEqualTo(Method.ACK);
        assertThat(ack.maxForwards()).hasValue(70);
        assertThat(ack.hasBody()).isFalse();
    }

    @Test
    void takesOnlyTheFirstElementOfAViaListAndKeepsCompactAndFoldedLines() {
        SipRequest invite = (SipRequest) parse("INVITE sip:bob@b.example SIP/2.0\n"
                + "v: SIP/2.0/UDP p1.example;branch=z9hG4bKp1, SIP/2.0/UDP a.example;branch=z9hG4bKa1\n"
                + "f: <sip:alice@a.example>\n ;tag=f1\ni: c1@a.example\nCSeq: 9 INVITE\nl: 0\n\n");

        SipRequest ack = SipRequest.ackFor(invite, busy("v: SIP/2.0/UDP p1.example;branch=z9hG4bKp1\n"));

        assertThat(ack.vias()).containsExactly(invite.topVia());
        assertThat(ack.headerLineCount(HeaderName.VIA)).isEqualTo(1);
        assertThat(ack.header(HeaderName.FROM)).contains("<sip:alice@a.example> ;tag=f1");
        assertThat(ack.fromTag()).contains("f1");
        assertThat(ack.callId()).isEqualTo("c1@a.example");
        assertThat(ack.cseq().number()).isEqualTo(9);
        assertThat(ack.hasHeader(HeaderName.ROUTE)).isFalse();
        assertIndexMatchesAReparse(ack);
    }

    @Test
    void refusesAResponseWithoutTo() {
        SipRequest invite = (SipRequest) parse("INVITE sip:bob@b.example SIP/2.0\n"
                + "Via: SIP/2.0/UDP a.example;branch=z9hG4bKa1\nFrom: <sip:alice@a.example>;tag=f1\n"
                + "To: <sip:bob@b.example>\nCall-ID: c1@a.example\nCSeq: 1 INVITE\n\n");
        SipResponse noTo = (SipResponse) parse("SIP/2.0 486 Busy Here\nVia: SIP/2.0/UDP a.example;branch=z9hG4bKa1\n"
                + "Call-ID: c1@a.example\nCSeq: 1 INVITE\n\n");

        assertThatThrownBy(() -> SipRequest.ackFor(invite, noTo)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("response's To");
    }

    /** The index written with the bytes says what the parser finds in them. */
    private static void assertIndexMatchesAReparse(SipRequest ack) {
        SipRequest again = (SipRequest) SipParser.parse(ack.toBytes());
        assertThat(ack.headerFields()).isEqualTo(again.headerFields());
        assertThat(ack.startLine()).isEqualTo(again.startLine());
        assertThat(ack.requestUriText()).isEqualTo(again.requestUriText());
        assertThat(ack.method()).isEqualTo(again.method());
        assertThat(ack.bodyLength()).isZero();
        assertThat(ack.toBuilder().build().toBytes()).isEqualTo(ack.toBytes());
    }
}
