package org.parley.ua.dialog;

import java.nio.charset.StandardCharsets;
import org.parley.message.SipParser;
import org.parley.message.SipRequest;
import org.parley.message.SipResponse;

/**
 * Message texts for the dialog tests, after the call flows of RFC 3665 §3 (Alice calls Bob through
 * two proxies that Record-Route: ss1.atlanta.example.com, then ss2.biloxi.example.com).
 */
final class Flows {
    static final String CALL_ID = "3848276298220188511@atlanta.example.com";

    private Flows() {
    }

    /** Parses a text block, turning its line ends into CRLF. */
    static SipRequest request(String text) {
        return (SipRequest) SipParser.parse(text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    static SipResponse response(String text) {
        return (SipResponse) SipParser.parse(text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    /** The INVITE as Alice sends it. */
    static SipRequest aliceInvite() {
        return request("""
                INVITE sip:bob@biloxi.example.com SIP/2.0
                Via: SIP/2.0/TCP client.atlanta.example.com:5060;branch=z9hG4bK74bf9
                Max-Forwards: 70
                From: Alice <sip:alice@atlanta.example.com>;tag=9fxced76sl
                To: Bob <sip:bob@biloxi.example.com>
                Call-ID: 3848276298220188511@atlanta.example.com
                CSeq: 1 INVITE
                Contact: <sip:alice@client.atlanta.example.com;transport=tcp>
                Content-Length: 0

                """);
    }

    /** The INVITE as Bob receives it, both proxies having added Record-Route. */
    static SipRequest bobInvite() {
        return request("""
                INVITE sip:bob@client.biloxi.example.com SIP/2.0
                Via: SIP/2.0/TCP ss2.biloxi.example.com:5060;branch=z9hG4bK721e4.1
                Via: SIP/2.0/TCP ss1.atlanta.example.com:5060;branch=z9hG4bK2d4790.1;received=192.0.2.111
                Via: SIP/2.0/TCP client.atlanta.example.com:5060;branch=z9hG4bK74bf9;received=192.0.2.101
                Max-Forwards: 68
                Record-Route: <sip:ss2.biloxi.example.com;lr>
                Record-Route: <sip:ss1.atlanta.example.com;lr>
                From: Alice <sip:alice@atlanta.example.com>;tag=9fxced76sl
                To: Bob <sip:bob@biloxi.example.com>
                Call-ID: 3848276298220188511@atlanta.example.com
                CSeq: 1 INVITE
                Contact: <sip:alice@client.atlanta.example.com;transport=tcp>
                Content-Length: 0

                """);
    }

    /**
     * A response to Alice's INVITE as Alice receives it, from the fork that tags {@code toTag}
     * (none when null) and names {@code contact}, with the two proxies' Record-Route.
     */
    static SipResponse toAlice(int status, String toTag, String contact) {
        return response(toAliceText(status, toTag, contact,
                "Record-Route: <sip:ss2.biloxi.example.com;lr>, <sip:ss1.atlanta.example.com;lr>\n"));
    }

    static String toAliceText(int status, String toTag, String contact, String recordRoute) {
        return "SIP/2.0 " + status + " Whatever\n"
                + "Via: SIP/2.0/TCP client.atlanta.example.com:5060;branch=z9hG4bK74bf9;received=192.0.2.101\n"
                + recordRoute
                + "From: Alice <sip:alice@atlanta.example.com>;tag=9fxced76sl\n"
                + "To: Bob <sip:bob@biloxi.example.com>" + (toTag == null ? "" : ";tag=" + toTag) + "\n"
                + "Call-ID: " + CALL_ID + "\n"
                + "CSeq: 1 INVITE\n"
                + (contact == null ? "" : "Contact: " + contact + "\n")
                + "Content-Length: 0\n\n";
    }

    /** Bob's response to the INVITE he received, with To tag 314159 and his Contact. */
    static SipResponse fromBob(int status) {
        return response("SIP/2.0 " + status + " Whatever\n"
                + "Via: SIP/2.0/TCP ss2.biloxi.example.com:5060;branch=z9hG4bK721e4.1\n"
                + "Via: SIP/2.0/TCP ss1.atlanta.example.com:5060;branch=z9hG4bK2d4790.1;received=192.0.2.111\n"
                + "Via: SIP/2.0/TCP client.atlanta.example.com:5060;branch=z9hG4bK74bf9;received=192.0.2.101\n"
                + "Record-Route: <sip:ss2.biloxi.example.com;lr>\n"
                + "Record-Route: <sip:ss1.atlanta.example.com;lr>\n"
                + "From: Alice <sip:alice@atlanta.example.com>;tag=9fxced76sl\n"
                + "To: Bob <sip:bob@biloxi.example.com>;tag=314159\n"
                + "Call-ID: " + CALL_ID + "\n"
                + "CSeq: 1 INVITE\n"
                + "Contact: <sip:bob@client.biloxi.example.com;transport=tcp>\n"
                + "Content-Length: 0\n\n");
    }

    /** A request from Alice to Bob within the dialog, as Bob receives it. */
    static SipRequest inDialogToBob(String method, long cseq, String extra) {
        return request(method + " sip:bob@client.biloxi.example.com;transport=tcp SIP/2.0\n"
                + "Via: SIP/2.0/TCP ss2.biloxi.example.com:5060;branch=z9hG4bKnashds7\n"
                + "Via: SIP/2.0/TCP client.atlanta.example.com:5060;branch=z9hG4bKnashds8\n"
                + "Max-Forwards: 69\n"
                + "From: Alice <sip:alice@atlanta.example.com>;tag=9fxced76sl\n"
                + "To: Bob <sip:bob@biloxi.example.com>;tag=314159\n"
                + "Call-ID: " + CALL_ID + "\n"
                + "CSeq: " + cseq + " " + method + "\n"
                + extra
                + "Content-Length: 0\n\n");
    }
}
