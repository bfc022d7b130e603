package org.parley.transport.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.parley.message.SipParseException;
import org.parley.message.SipParser;

class BadRequestAnswerTest {
    private static final String HEADERS = "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK1\r\n"
            + "From: <sip:a@127.0.0.1>;tag=1\r\nTo: <sip:b@127.0.0.1>\r\nCall-ID: c1\r\nCSeq: 1 OPTIONS\r\n";

    private static SipParseException failure(byte[] bytes) {
        try {
            SipParser.parse(bytes);
        } catch (SipParseException e) {
            return e;
        }
        throw new AssertionError("parsed");
    }

    @Test
    void answersARequestWithABrokenContentLengthWith400CopyingItsHeaders() {
        byte[] bytes = ("OPTIONS sip:b@127.0.0.1 SIP/2.0\r\n" + HEADERS + "Content-Length: 50\r\n\r\nshort")
                .getBytes(StandardCharsets.UTF_8);
        String answer = new String(BadRequestAnswer.of(bytes, failure(bytes)).orElseThrow(), StandardCharsets.UTF_8);
        assertThat(answer).startsWith("SIP/2.0 400 Bad Request - Content-Length 50").contains("Call-ID: c1")
                .contains("Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK1");
    }

    @Test
    void cannotAnswerResponsesOrRequestsMissingWhatAResponseCopies() {
        byte[] response = ("SIP/2.0 200 OK\r\n" + HEADERS + "Content-Length: 9\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(BadRequestAnswer.of(response, failure(response))).isEmpty();
        byte[] noVia = ("OPTIONS sip:b@127.0.0.1 SIP/2.0\r\n" + HEADERS.substring(HEADERS.indexOf("From"))
                + "Content-Length: 9\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        assertThat(BadRequestAnswer.of(noVia, failure(noVia))).isEmpty();
        byte[] garbage = "hello".getBytes(StandardCharsets.UTF_8);
        assertThat(BadRequestAnswer.of(garbage, failure(garbage))).isEmpty();
    }

    @Test
    void answersAnUnknownSipVersionWith505() {
        // RFC 4475 §3.1.2.16 (badvers): the Request-Line failed, the headers still say where to answer.
        byte[] bytes = ("OPTIONS sip:b@127.0.0.1 SIP/7.0\r\n" + HEADERS + "Content-Length: 0\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8);
        String answer = new String(BadRequestAnswer.of(bytes, failure(bytes)).orElseThrow(), StandardCharsets.UTF_8);
        assertThat(answer).startsWith("SIP/2.0 505 Version Not Supported\r\n").contains("CSeq: 1 OPTIONS")
                .doesNotContain("sip:invalid");
    }
}
