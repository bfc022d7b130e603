package org.parley.testkit;

import java.nio.charset.StandardCharsets;
import org.parley.message.SipParser;
import org.parley.message.SipRequest;
import org.parley.message.SipResponse;

/** Small requests and responses for the tests. */
final class Messages {
    private Messages() {
    }

    /** A request of {@code method} with the given top Via and Call-ID. */
    static SipRequest request(String method, String via, String callId) {
        String text = method + " sip:bob@127.0.0.2 SIP/2.0\r\n"
                + "Via: " + via + "\r\n"
                + "Max-Forwards: 70\r\nFrom: <sip:alice@127.0.0.1>;tag=a1\r\nTo: <sip:bob@127.0.0.2>\r\n"
                + "Call-ID: " + callId + "\r\nCSeq: 1 " + method + "\r\nContent-Length: 0\r\n\r\n";
        return (SipRequest) SipParser.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A UDP request whose Via names 127.0.0.1:5060, the usual sender of these tests. */
    static SipRequest request(String method, String callId) {
        return request(method, "SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-" + callId, callId);
    }

    /** A response with {@code status} to {@code request}. */
    static SipResponse response(SipRequest request, int status) {
        return SipResponse.responseTo(request, status).build();
    }
}
