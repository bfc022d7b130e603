package org.parley.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.parley.message.HeaderName;
import org.parley.message.Method;
import org.parley.message.SipParser;
import org.parley.message.SipRequest;
import org.parley.message.SipResponse;

/** RFC 3261 §17.1.1.3: the ACK of a non-2xx final response, for an INVITE a proxy forwarded. */
class AcksTest {
    private static final String INVITE = "INVITE sip:bob@b.example SIP/2.0\r\n"
            + "Via: SIP/2.0/UDP proxy.example;branch=z9hG4bKproxy, SIP/2.0/TCP mid.example;branch=z9hG4bKmid\r\n"
            + "Via: SIP/2.0/UDP a.example;branch=z9hG4bKa\r\nMax-Forwards: 68\r\n"
            + "Record-Route: <sip:proxy.example;lr>\r\nRoute: <sip:edge.example;lr>\r\n"
            + "Route: <sip:core.example;lr>, <sip:b.example;lr>\r\nFrom: \"Alice\" <sip:alice@a.example>;tag=f1\r\n"
            + "To: <sip:bob@b.example>\r\nCall-ID: call-1@a.example\r\nCSeq: 31 INVITE\r\n"
            + "Contact: <sip:alice@a.example>\r\nContent-Length: 0\r\n\r\n";

    @Test
    void aForwardedInvitesAckHasOnlyItsTopViaEveryRouteAndTheResponsesTo() {
        SipRequest invite = (SipRequest) SipParser.parse(INVITE.getBytes(StandardCharsets.UTF_8));
        SipResponse busy = SipResponse.responseTo(invite, 486).set(HeaderName.TO, "<sip:bob@b.example>;tag=b486")
                .build();

        SipRequest ack = Acks.forNon2xx(invite, busy);

        assertThat(ack.method()).isEqualTo(Method.ACK);
        assertThat(ack.requestUriText()).isEqualTo("sip:bob@b.example");
        assertThat(ack.vias()).containsExactly(invite.topVia());
        assertThat(ack.headerValues(HeaderName.ROUTE)).containsExactly("<sip:edge.example;lr>",
                "<sip:core.example;lr>", "<sip:b.example;lr>");
        assertThat(ack.header(HeaderName.FROM)).isEqualTo(invite.header(HeaderName.FROM));
        assertThat(ack.header(HeaderName.TO)).contains("<sip:bob@b.example>;tag=b486");
        assertThat(ack.callId()).isEqualTo("call-1@a.example");
        assertThat(ack.cseq().number()).isEqualTo(31);
        assertThat(ack.cseq().method()).isEqualTo(Method.ACK);
        assertThat(ack.maxForwards()).hasValue(70);
        assertThat(ack.hasHeader(HeaderName.RECORD_ROUTE)).isFalse();
        assertThat(ack.hasHeader(HeaderName.CONTACT)).isFalse();
        assertThat(ack.hasBody()).isFalse();
        // §17.2.3: the ACK matches the INVITE server transaction at the next hop.
        assertThat(TransactionKey.ofServer(ack)).isEqualTo(TransactionKey.ofServer(invite));
    }
}
