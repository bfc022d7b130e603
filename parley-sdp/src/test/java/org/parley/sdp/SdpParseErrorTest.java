package org.parley.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each structural and field rule of RFC 8866 §5 refused with a reason naming the line and field. */
class SdpParseErrorTest {
    private static final String HEAD = "v=0\no=- 1 1 IN IP4 192.0.2.1\ns=-\n";
    private static final String GOOD = HEAD + "c=IN IP4 192.0.2.1\nt=0 0\n";

    private static SdpParseException refuse(String text) {
        return catchThrowableOfType(SdpParseException.class, () -> SessionDescription.parse(text));
    }

    static Stream<Arguments> errors() {
        return Stream.of(
            Arguments.of("", -1, '\0', "empty session description"),
            Arguments.of("o=- 1 1 IN IP4 a\n", 1, 'o', "starts with v=0"),
            Arguments.of("v=1\n", 1, 'v', "version must be 0"),
            Arguments.of("v=0\ns=-\n", 2, 's', "o= is required"),
            Arguments.of("v=0\no=- 1 1 IN IP4 a\nt=0 0\n", 3, 't', "s= is required"),
            Arguments.of(HEAD, -1, 't', "t= is missing"),
            Arguments.of(HEAD + "m=audio 1 RTP/AVP 0\n", 4, 'm', "at least one t= line"),
            Arguments.of(HEAD + "a=x\nt=0 0\n", 4, 'a', "at least one t= line"),
            Arguments.of(GOOD + "c=IN IP4 192.0.2.2\n", 6, 'c', "out of order or repeated"),
            Arguments.of(GOOD + "s=again\n", 6, 's', "out of order"),
            Arguments.of(GOOD + "x=1\n", 6, 'x', "unknown type letter"),
            Arguments.of(GOOD + "m=audio 1 RTP/AVP 0\nt=0 0\n", 7, 't', "not allowed in a media description"),
            Arguments.of(GOOD + "m=audio 1 RTP/AVP 0\na=x\nc=IN IP4 192.0.2.3\n", 8, 'c', "out of order"),
            Arguments.of(GOOD + "a=x\nr=1d 1h 0\n", 7, 'r', "out of order"),
            Arguments.of(HEAD + "b=AS:1\nr=1d 1h 0\n", 5, 'r', "r= must follow a t= line"),
            Arguments.of(GOOD + "A=x\n", 6, 'A', "expected \"<letter>=<value>\""),
            Arguments.of(GOOD + "a x\n", 6, 'a', "expected \"<letter>=<value>\""),
            Arguments.of(GOOD + "\na=x\n", 6, '?', "expected \"<letter>=<value>\""),
            Arguments.of("v=0\no=- x 1 IN IP4 a\n", 2, 'o', "<sess-id>"),
            Arguments.of("v=0\no=- 1 1 IN IP4\n", 2, 'o', "<username>"),
            Arguments.of(HEAD + "c=IN IP4\n", 4, 'c', "expected \"IN IP4|IP6 address\""),
            Arguments.of(HEAD + "c=IN IP4 233.0.0.1/300\n", 4, 'c', "TTL must be 0..255"),
            Arguments.of(HEAD + "c=IN IP6 ff15::1/2/3\n", 4, 'c', "too many '/' parts"),
            Arguments.of(HEAD + "b=AS\n", 4, 'b', "expected \"type:value\""),
            Arguments.of(HEAD + "b=AS:fast\n", 4, 'b', "value must be a number"),
            Arguments.of(HEAD + "t=0\n", 4, 't', "expected \"<start> <stop>\""),
            Arguments.of(GOOD + "m=audio 70000 RTP/AVP 0\n", 6, 'm', "port must be 0..65535"),
            Arguments.of(GOOD + "m=audio 1/0 RTP/AVP 0\n", 6, 'm', "port must be 0..65535"),
            Arguments.of(GOOD + "m=audio 1 RTP/AVP\n", 6, 'm', "expected \"<media> <port>"),
            Arguments.of(GOOD + "m=audio 1 RTP//AVP 0\n", 6, 'm', "media protocol part"),
            Arguments.of(GOOD + "a=bad name:1\n", 6, 'a', "is not a token"),
            Arguments.of(GOOD + "e=\n", 6, 'e', "out of order"),
            Arguments.of(HEAD + "e=\n", 4, 'e', "must not be empty"),
            Arguments.of(HEAD + "t=0 0\nm=audio 1 RTP/AVP 0\nm=video 2 RTP/AVP 31\nc=IN IP4 192.0.2.1\n", 5, 'm',
                "has no c= line"),
            Arguments.of(GOOD + "a=x\u0000y\n", 6, 'a', "NUL"));
    }

    @ParameterizedTest(name = "[{index}] {3}")
    @MethodSource("errors")
    void refusesWithAReasonNamingLineAndField(String text, int line, char field, String reason) {
        SdpParseException e = refuse(text);
        assertThat(e).as("no exception for %s", text).isNotNull();
        assertThat(e.reason()).contains(reason);
        assertThat(e.lineNumber()).isEqualTo(line);
        assertThat(e.field()).isEqualTo(field);
        if (line > 0) {
            assertThat(e.reason()).startsWith("line " + line + " (" + field + "=): ");
        }
        assertThat(e.reasonPhrase()).startsWith("Not Acceptable Here - ").doesNotContain("\r", "\n");
    }

    @Test
    void refusesBytesThatAreNotUtf8() {
        byte[] bytes = (GOOD + "s=\u00ff\n").getBytes(StandardCharsets.ISO_8859_1);
        SdpParseException e = catchThrowableOfType(SdpParseException.class, () -> SessionDescription.parse(bytes));
        assertThat(e.reason()).contains("not valid UTF-8");
    }

    @Test
    void refusesADescriptionOverTheSizeBoundBeforeLookingAtIt() {
        byte[] big = new byte[SdpParser.DEFAULT_MAX_BYTES + 1];
        SdpParseException e = catchThrowableOfType(SdpParseException.class, () -> SessionDescription.parse(big));
        assertThat(e.reason()).contains("65537 bytes", "limit of 65536");
    }

    @Test
    void refusesMoreLinesThanTheLineBound() {
        String text = GOOD + "a=x\n".repeat(10);
        SdpParseException e = catchThrowableOfType(SdpParseException.class,
            () -> new SdpParser(1024, 8).parse(text.getBytes(StandardCharsets.UTF_8)));
        assertThat(e.reason()).contains("more than 8 lines");
        assertThat(e.lineNumber()).isEqualTo(9);
    }

    @Test
    void typedViewsRefuseBadValuesWithTheAttributeName() {
        String text = GOOD + "m=audio 1 RTP/AVP 0\na=rtpmap:0 PCMU\na=setup:sometimes\na=ptime:abc\n"
            + "a=candidate:1 1 udp 0 h 1 typ host\na=fingerprint:sha-256 zz\na=crypto:x y\na=rtcp:x\n";
        MediaDescription m = SessionDescription.parse(text).media().get(0);
        assertThat(catchThrowableOfType(SdpParseException.class, m::rtpMaps).reason()).startsWith("rtpmap: ");
        assertThat(catchThrowableOfType(SdpParseException.class, m::setup).reason()).startsWith("setup: ");
        assertThat(catchThrowableOfType(SdpParseException.class, m::ptime).reason()).startsWith("ptime: ");
        assertThat(catchThrowableOfType(SdpParseException.class, m::candidates).reason())
            .startsWith("candidate: ").contains("priority");
        assertThat(catchThrowableOfType(SdpParseException.class, m::fingerprints).reason()).startsWith("fingerprint");
        assertThat(catchThrowableOfType(SdpParseException.class, m::cryptos).reason()).startsWith("crypto: ");
        assertThat(catchThrowableOfType(SdpParseException.class, m::rtcp).reason()).startsWith("rtcp: ");
        assertThat(m.attributes()).hasSize(7);
    }

    @Test
    void reasonPhraseIsPrintableAsciiAndBounded() {
        SdpParseException e = new SdpParseException("bad \"é\"\r\n" + "x".repeat(500), 3, 'a');
        assertThat(e.reasonPhrase()).hasSizeLessThanOrEqualTo(160).matches("[\\x20-\\x7e]+");
        assertThat(SdpParseException.STATUS_CODE).isEqualTo(488);
    }
}
