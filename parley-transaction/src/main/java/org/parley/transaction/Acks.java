package org.parley.transaction;

import org.parley.message.HeaderName;
import org.parley.message.Method;
import org.parley.message.SipRequest;
import org.parley.message.SipResponse;
import org.parley.message.header.CSeq;

/** The ACK an INVITE client transaction sends for a non-2xx final response (RFC 3261 §17.1.1.3). */
final class Acks {
    private Acks() {
    }

    /**
     * §17.1.1.3: the ACK has the INVITE's Request-URI, Call-ID, From, CSeq number and single top Via
     * (so it matches the server transaction), the To of the response (with its tag), and the
     * INVITE's Route headers.
     */
    static SipRequest forNon2xx(SipRequest invite, SipResponse response) {
        var b = SipRequest.builder(Method.ACK, invite.requestUriText())
                .add(HeaderName.VIA, invite.topVia().toString())
                .add(HeaderName.MAX_FORWARDS, "70");
        for (String route : invite.headerValues(HeaderName.ROUTE)) {
            b.add(HeaderName.ROUTE, route);
        }
        return b.add(HeaderName.FROM, invite.header(HeaderName.FROM).orElseThrow())
                .add(HeaderName.TO, response.header(HeaderName.TO).orElseThrow())
                .add(HeaderName.CALL_ID, invite.callId())
                .add(HeaderName.CSEQ, new CSeq(invite.cseq().number(), Method.ACK).toString())
                .build();
    }
}
