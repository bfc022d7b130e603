package org.parley.message;

import java.nio.charset.StandardCharsets;

/** Test messages written with readable line ends. */
final class Messages {
    static final String INVITE = """
            INVITE sip:bob@biloxi.example.com SIP/2.0
            Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK776asdhds
            Max-Forwards: 70
            To: Bob <sip:bob@biloxi.example.com>
            From: Alice <sip:alice@atlanta.example.com>;tag=1928301774
            Call-ID: a84b4c76e66710@pc33.atlanta.example.com
            CSeq: 314159 INVITE
            Contact: <sip:alice@pc33.atlanta.example.com>
            Content-Type: application/sdp
            Content-Length: 5

            v=0
            """;

    private Messages() {
    }

    /** The text with LF turned into CRLF, as bytes. */
    static byte[] crlf(String text) {
        return text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    }
}
