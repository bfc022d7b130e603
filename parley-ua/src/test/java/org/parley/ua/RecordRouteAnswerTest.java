package org.parley.ua;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.parley.message.HeaderName;
import org.parley.message.Method;
import org.parley.message.SipRequest;
import org.parley.message.SipResponse;
import org.parley.message.header.Address;

/**
 * RFC 3261 §12.1.1: the callee copies the INVITE's Record-Route values, in order, into the responses
 * that make the dialog (180 and 200), so that the caller's route set sends its in-dialog requests
 * through the record-routing proxies.
 */
class RecordRouteAnswerTest {
    private UaTestbed bed;

    @AfterEach
    void close() {
        if (bed != null) {
            bed.close();
        }
    }

    @Test
    void theRingingAndTheAnswerCarryTheInvitesRecordRouteInOrder() {
        bed = new UaTestbed();
        bed.ua.onIncomingCall(in -> {
            in.ring();
            in.answer();
        });
        SipRequest invite = SipRequest.builder(Method.INVITE, "sip:alice@127.0.0.1:5060")
                .add(HeaderName.MAX_FORWARDS, "70")
                .add(HeaderName.FROM, "<sip:bob@example.com>;tag=b1")
                .add(HeaderName.TO, "<sip:alice@example.com>")
                .add(HeaderName.CALL_ID, "rr-1@127.0.0.2")
                .add(HeaderName.CSEQ, "1 INVITE")
                .add(HeaderName.CONTACT, "<sip:bob@127.0.0.2:5060>")
                .add(HeaderName.RECORD_ROUTE, "<sip:p2.example.net;lr>")
                .add(HeaderName.RECORD_ROUTE, "<sip:p1.example.net;lr>, <sip:p1-in.example.net;lr>")
                .build();

        List<SipResponse> responses = bed.peerSends(invite);

        List<String> expected = List.of("sip:p2.example.net;lr", "sip:p1.example.net;lr", "sip:p1-in.example.net;lr");
        List<SipResponse> dialogMaking = responses.stream().filter(r -> r.statusCode() == 180
                || r.statusCode() == 200).toList();
        assertThat(dialogMaking).extracting(SipResponse::statusCode).containsExactly(180, 200);
        for (SipResponse r : dialogMaking) {
            assertThat(r.recordRoutes()).extracting(Address::uri).extracting(Object::toString)
                    .containsExactlyElementsOf(expected);
        }
    }
}
