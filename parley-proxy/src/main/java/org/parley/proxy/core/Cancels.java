package org.parley.proxy.core;

import org.parley.message.HeaderName;
import org.parley.message.Method;
import org.parley.message.RequestBuilder;
import org.parley.message.SipRequest;

/**
 * The CANCEL of one branch, RFC 3261 §9.1 (as §16.10 and §16.7 step 10 use it): the Request-URI,
 * Call-ID, From, To and CSeq number of the copy sent, method CANCEL, one Via equal to the copy's top
 * Via (so that it matches the downstream server transaction), the copy's Route values, Max-Forwards 70.
 * Stateless.
 */
final class Cancels {
    private Cancels() {
    }

    static SipRequest of(SipRequest sent) {
        RequestBuilder b = SipRequest.builder(Method.CANCEL, sent.requestUriText())
                .add(HeaderName.VIA, sent.topVia().toString())
                .add(HeaderName.MAX_FORWARDS, "70");
        for (String route : sent.headerValues(HeaderName.ROUTE)) {
            b.add(HeaderName.ROUTE, route);
        }
        return b.add(HeaderName.FROM, sent.header(HeaderName.FROM).orElseThrow())
                .add(HeaderName.TO, sent.header(HeaderName.TO).orElseThrow())
                .add(HeaderName.CALL_ID, sent.callId())
                .add(HeaderName.CSEQ, sent.cseq().number() + " CANCEL")
                .add(HeaderName.CONTENT_LENGTH, "0")
                .build();
    }
}
