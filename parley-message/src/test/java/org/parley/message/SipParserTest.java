package org.parley.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SipParserTest {
    private static SipParseException failure(String text) {
        try {
            SipParser.parse(Messages.crlf(text));
        } catch (SipParseException e) {
            return e;
        }
        throw new AssertionError("parsed: " + text);
    }

    @Test
    void parsesRequestLineHeadersAndBody() {
        SipRequest r = (SipRequest) SipParser.parse(Messages.crlf(Messages.INVITE));
        assertThat(r.method()).isSameAs(Method.INVITE);
        assertThat(r.requestUriText()).isEqualTo("sip:bob@biloxi.example.com");
        assertThat(r.header(HeaderName.CALL_ID)).contains("a84b4c76e66710@pc33.atlanta.example.com");
        assertThat(r.header("call-id")).contains("a84b4c76e66710@pc33.atlanta.example.com");
        assertThat(r.headerLineCount()).isEqualTo(9);
        assertThat(r.bodyText()).isEqualTo("v=0\r\n");
        assertThat(r.bodyLength()).isEqualTo(5);
    }

    @Test
    void keepsHeaderOrderAndOriginalNames() {
        SipMessage m = SipParser.parse(Messages.crlf("""
                OPTIONS sip:a@b SIP/2.0
                v: SIP/2.0/UDP h;branch=z9hG4bK1
                X-Custom:  odd ,, value\t
                i: abc
                l: 0

                """));
        assertThat(m.headerFields()).extracting(HeaderField::name).containsExactly("v", "X-Custom", "i", "l");
        assertThat(m.header(HeaderName.VIA)).contains("SIP/2.0/UDP h;branch=z9hG4bK1");
        assertThat(m.header("x-custom")).contains("odd ,, value");
        assertThat(m.header(HeaderName.CALL_ID)).contains("abc");
    }

    @Test
    void unfoldsContinuationLinesIntoOneSpace() {
        SipMessage m = SipParser.parse(Messages.crlf("""
                OPTIONS sip:a@b SIP/2.0
                Subject:
                  first
                \t second
                Call-ID: x
                Content-Length: 0

                """));
        assertThat(m.header(HeaderName.SUBJECT)).contains("first second");
    }

    @Test
    void splitsListHeadersAcrossLinesAndCommas() {
        SipMessage m = SipParser.parse(Messages.crlf("""
                OPTIONS sip:a@b SIP/2.0
                Route: <sip:p1;lr>, "a,b" <sip:p2;lr>
                Route: <sip:p3;lr>
                Subject: a, b
                Content-Length: 0

                """));
        assertThat(m.headerValues(HeaderName.ROUTE))
                .containsExactly("<sip:p1;lr>", "\"a,b\" <sip:p2;lr>", "<sip:p3;lr>");
        assertThat(m.headerValues(HeaderName.SUBJECT)).containsExactly("a, b");
        assertThat(m.headerLineCount(HeaderName.ROUTE)).isEqualTo(2);
    }

    @Test
    void parsesResponsesWithEmptyOrUtf8ReasonPhrases() {
        SipResponse r = (SipResponse) SipParser.parse(Messages.crlf("SIP/2.0 100 \nContent-Length: 0\n\n"));
        assertThat(r.statusCode()).isEqualTo(100);
        assertThat(r.reasonPhrase()).isEmpty();
        SipResponse u = (SipResponse) SipParser.parse(
                "SIP/2.0 200 Привет\r\n\r\n".getBytes(StandardCharsets.UTF_8));
        assertThat(u.reasonPhrase()).isEqualTo("Привет");
        assertThat(u.isProvisional()).isFalse();
    }

    @Test
    void ignoresBytesAfterContentLengthInADatagram() {
        byte[] d = Messages.crlf("OPTIONS sip:a@b SIP/2.0\nContent-Length: 2\n\nokINVITE sip:x SIP/2.0\n");
        SipMessage m = SipParser.parse(d);
        assertThat(m.bodyText()).isEqualTo("ok");
        assertThat(new String(m.toBytes(), StandardCharsets.UTF_8)).endsWith("\r\n\r\nok");
    }

    @Test
    void takesTheRestOfADatagramAsBodyWithoutContentLength() {
        SipMessage m = SipParser.parse(Messages.crlf("OPTIONS sip:a@b SIP/2.0\nCall-ID: x\n\nhello"));
        assertThat(m.bodyText()).isEqualTo("hello");
    }

    @Test
    void skipsCrlfBeforeTheStartLine() {
        SipMessage m = SipParser.parse(Messages.crlf("\n\nOPTIONS sip:a@b SIP/2.0\nContent-Length: 0\n\n"));
        assertThat(m.startLine()).isEqualTo("OPTIONS sip:a@b SIP/2.0");
    }

    @Test
    void refusesContentLengthLargerThanTheDatagram() {
        SipParseException e = failure("OPTIONS sip:a@b SIP/2.0\nContent-Length: 9999\n\nshort");
        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.reason()).contains("Content-Length 9999");
    }

    @Test
    void refusesNegativeAndConflictingContentLengths() {
        assertThat(failure("OPTIONS sip:a@b SIP/2.0\nContent-Length: -999\n\n").reasonPhrase())
                .contains("Content-Length");
        assertThat(failure("OPTIONS sip:a@b SIP/2.0\nl: 1\nContent-Length: 2\n\nab").reason())
                .contains("conflicting");
    }

    @Test
    void answersUnknownVersionWith505AndGarbageWith400() {
        assertThat(failure("OPTIONS sip:a@b SIP/7.0\n\n").statusCode()).isEqualTo(505);
        assertThat(failure("OPTIONS sip:a@b HTTP/1.1\n\n").statusCode()).isEqualTo(400);
    }

    @Test
    void refusesMalformedRequestLines() {
        assertThat(failure("OPTIONS  sip:a@b SIP/2.0\n\n").reason()).contains("more than one SP");
        assertThat(failure("OPTIONS sip:a@b SIP/2.0 \n\n").reason()).contains("after the SIP version");
        assertThat(failure("OPTIONS sip:a@b; lr SIP/2.0\n\n").reason()).contains("inside the Request-URI");
        assertThat(failure("OPTIONS <sip:a@b> SIP/2.0\n\n").reason()).contains("<>");
        assertThat(failure("OPT(IONS sip:a@b SIP/2.0\n\n").reason()).contains("not a token");
    }

    @Test
    void refusesStatusCodesThatAreNotThreeDigits() {
        assertThat(failure("SIP/2.0 4294967301 better not break\n\n").reason()).contains("three digits");
        assertThat(failure("SIP/2.0 099 Low\n\n").reason()).contains("100..699");
    }

    @Test
    void refusesHeaderLinesWithoutColonOrName() {
        assertThat(failure("OPTIONS sip:a@b SIP/2.0\nNoColonHere\n\n").reason()).contains("NoColonHere");
        assertThat(failure("OPTIONS sip:a@b SIP/2.0\n: value\n\n").reason()).contains("header name");
        assertThat(failure("OPTIONS sip:a@b SIP/2.0\nCall-ID: x\n").reason()).contains("empty line");
        assertThat(failure("").reason()).contains("empty");
    }

    @Test
    void refusesMoreHeaderLinesThanTheBound() {
        StringBuilder text = new StringBuilder("OPTIONS sip:a@b SIP/2.0\n");
        text.append("X-A: 1\n".repeat(9)).append('\n');
        SipParser small = new SipParser(new ParserConfig(1024, 8));
        assertThatThrownBy(() -> small.parseDatagram(Messages.crlf(text.toString())))
                .isInstanceOf(SipParseException.class).hasMessageContaining("more than 8 header lines");
    }

    @Test
    void refusesDatagramsOverTheSizeBoundWith513() {
        SipParser small = new SipParser(new ParserConfig(256, 8));
        assertThatThrownBy(() -> small.parseDatagram(new byte[300]))
                .isInstanceOfSatisfying(SipParseException.class, e -> assertThat(e.statusCode()).isEqualTo(513));
    }

    @Test
    void serializesAParsedMessageToTheSameBytes() {
        byte[] wire = Messages.crlf(Messages.INVITE);
        assertThat(new String(SipParser.parse(wire).toBytes(), StandardCharsets.UTF_8))
                .isEqualTo(new String(wire, StandardCharsets.UTF_8));
    }

    @Test
    void canonicalFormIsStableUnderASecondRound() {
        SipMessage m = SipParser.parse(Messages.crlf("""
                OPTIONS sip:a@b sip/2.0
                v:   SIP/2.0/UDP h;branch=z9hG4bK1
                Subject:  folded
                  line
                l: 99

                """.replace("l: 99", "l: 0")));
        byte[] once = m.toCanonicalBytes();
        byte[] twice = SipParser.parse(once).toCanonicalBytes();
        assertThat(twice).isEqualTo(once);
        assertThat(new String(once, StandardCharsets.UTF_8)).startsWith("OPTIONS sip:a@b SIP/2.0\r\nVia: SIP/2.0")
                .contains("Subject: folded line\r\n").contains("Content-Length: 0\r\n");
    }

    @Test
    void refusesABareCrInsideAHeaderLine() {
        // Found by SipParserFuzzTest: "255\r\b" was read back as a value, which HeaderField refuses.
        assertThat(failure("OPTIONS sip:a@b SIP/2.0\nMax-Forwards: 255\r\b\nl: 0\n\n").reason()).contains("bare CR");
        assertThat(failure("OPTIONS sip:a@b SIP/2.0\nSubject: a\n b\rc\nl: 0\n\n").reason()).contains("bare CR");
        assertThat(SipParser.parse(Messages.crlf("OPTIONS sip:a@b SIP/2.0\nSubject: a \t\nl: 0\n\n"))
                .header(HeaderName.SUBJECT)).contains("a");
    }

    @Test
    void suggestsAReasonPhraseWithoutControlCharacters() {
        // Found by SipParserFuzzTest: the phrase quoted "SIP/2.0\rF", and no Status-Line can carry a CR.
        SipParseException e = failure("INVITE sip:a@b SIP/2.0\rF\n\n");
        assertThat(e.reason()).contains("\"SIP/2.0\rF\"");
        assertThat(e.reasonPhrase()).contains("'SIP/2.0 F'").doesNotContain("\r");
        assertThat(SipResponse.builder(e.statusCode(), e.reasonPhrase()).build().reasonPhrase())
                .isEqualTo(e.reasonPhrase());
    }

    @Test
    void refusesControlCharactersInTheRequestUri() {
        SipParseException e = failure("OPTIONS sip:a\rb@c SIP/2.0\n\n");
        assertThat(e.reason()).contains("control character");
        assertThat(failure("OPTIONS sip:a\u007Fb@c SIP/2.0\n\n").statusCode()).isEqualTo(400);
    }

    @Test
    void trimsOnlySpaceAndTabAroundListElements() {
        assertThat(HeaderValues.split("X", " a\t,\u2003b\u2003 ")).containsExactly("a", "\u2003b\u2003");
    }

    @Test
    void findsTheFirstLineFeedAtEveryOffsetAndAlignment() {
        // Neighbours of LF (0x0B, 0x09, 0x8A, 0x0A ^ 0x80) must not be taken for it, whatever the
        // word alignment of the search.
        byte[] noise = {'a', 0x0B, 0x09, (byte) 0x8A, (byte) 0x80, 0x01, 0, (byte) 0xFF, '\r'};
        for (int length = 0; length <= 40; length++) {
            for (int from = 0; from <= length; from++) {
                for (int lf = -1; lf < length; lf++) {
                    byte[] b = new byte[length];
                    for (int i = 0; i < length; i++) {
                        b[i] = noise[(i * 7 + length) % noise.length];
                    }
                    if (lf >= 0) {
                        b[lf] = '\n';
                        if (lf + 1 < length) {
                            b[lf + 1] = '\n';
                        }
                    }
                    int expected = lf >= from ? lf : lf >= 0 && lf + 1 >= from && lf + 1 < length ? lf + 1 : -1;
                    assertThat(SipParser.indexOfLf(b, from, length)).as("length %d from %d lf %d", length, from, lf)
                            .isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void readsTheHeaderSectionOfARequestWhoseContentLengthIsBroken() {
        byte[] bytes = Messages.crlf("OPTIONS sip:a@b SIP/2.0\nCall-ID: c\nContent-Length: -5\n\nbody");
        SipMessage head = SipParser.standard().parseHeaderSection(bytes);
        assertThat(head.header(HeaderName.CALL_ID)).contains("c");
        assertThat(head.hasBody()).isFalse();
        assertThat(failure("OPTIONS sip:a@b SIP/2.0\nCall-ID: c\nContent-Length: -5\n\nbody").statusCode())
                .isEqualTo(400);
    }
}
