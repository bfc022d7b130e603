package org.parley.transport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.parley.message.header.Via;

/** RFC 3263 §5: the URI a response's sent-by name is located as. */
class ResponseLocationTest {
    private static String uri(String via) {
        return ResponseLocation.sentByName(Via.parse(via)).map(Object::toString).orElse("none");
    }

    @Test
    void locatesANameOverTheViaTransport() {
        assertThat(uri("SIP/2.0/UDP client.example.com;branch=z9hG4bK-1"))
                .isEqualTo("sip:client.example.com;transport=udp");
        assertThat(uri("SIP/2.0/TCP client.example.com:5070;branch=z9hG4bK-1"))
                .isEqualTo("sip:client.example.com:5070;transport=tcp");
    }

    @Test
    void makesTlsAndWssSecure() {
        // RFC 3263 §4.1: sips with transport=tcp is TLS; RFC 7118: sips with transport=ws is WSS.
        assertThat(uri("SIP/2.0/TLS client.example.com;branch=z9hG4bK-1"))
                .isEqualTo("sips:client.example.com;transport=tcp");
        assertThat(uri("SIP/2.0/WSS client.example.com;branch=z9hG4bK-1"))
                .isEqualTo("sips:client.example.com;transport=ws");
    }

    @Test
    void needsNoLookupForANumericSentBy() {
        assertThat(uri("SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK-1")).isEqualTo("none");
        assertThat(uri("SIP/2.0/UDP [2001:db8::1];branch=z9hG4bK-1")).isEqualTo("none");
    }
}
