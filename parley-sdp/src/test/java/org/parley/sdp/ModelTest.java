package org.parley.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The model's builders and values: checks with clear messages, typed views that write what they read. */
class ModelTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "rtpmap|96 opus/48000/2", "rtpmap|0 PCMU/8000", "fmtp|101 0-16", "rtcp|53020 IN IP6 2001:db8::1",
        "group|BUNDLE a v", "fingerprint|sha-1 4A:AD:B9:B1:3F:82", "crypto|1 AES_CM_128_HMAC_SHA1_80 inline:abc|2^20",
        "candidate|a1 2 tcp 1518280447 192.0.2.7 9 typ host tcptype active", "setup|holdconn"})
    void typedViewsWriteBackTheValueTheyRead(String sample) {
        String name = sample.substring(0, sample.indexOf('|'));
        String value = sample.substring(sample.indexOf('|') + 1);
        Object view = switch (name) {
            case "rtpmap" -> RtpMap.parse(value);
            case "fmtp" -> Fmtp.parse(value);
            case "rtcp" -> Rtcp.parse(value);
            case "group" -> Group.parse(value);
            case "fingerprint" -> Fingerprint.parse(value);
            case "crypto" -> Crypto.parse(value);
            case "candidate" -> Candidate.parse(value);
            default -> Setup.parse(value);
        };
        assertThat(view.toString()).isEqualTo(value);
    }

    @Test
    void builtDescriptionSerializesInRfcOrderWithCrlf() {
        SessionDescription sdp = SessionDescription.builder(Origin.of("-", "1", 2, "2001:db8::5"))
            .connection(Connection.of("2001:db8::5"))
            .addBandwidth(new Bandwidth("CT", 128))
            .addAttribute(Attribute.of("tool", "parley"))
            .addMedia(MediaDescription.builder("audio", 5004, MediaDescription.RTP_AVP).addFormat("0")
                .addAttribute(Attribute.of("rtpmap", "0 PCMU/8000")).direction(Direction.INACTIVE).build())
            .build();
        assertThat(sdp.toString()).isEqualTo("v=0\r\no=- 1 2 IN IP6 2001:db8::5\r\ns=-\r\nc=IN IP6 2001:db8::5\r\n"
            + "b=CT:128\r\nt=0 0\r\na=tool:parley\r\nm=audio 5004 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\na=inactive\r\n");
        assertThat(SessionDescription.parse(sdp.toBytes())).isEqualTo(sdp);
    }

    @Test
    void directionReplacesTheFirstDirectionAttributeInPlaceAndDropsTheRest() {
        MediaDescription m = MediaDescription.builder("audio", 1, "RTP/AVP").addFormat("0")
            .addAttribute(Attribute.of("x")).addAttribute(Attribute.of("sendonly")).addAttribute(Attribute.of("y"))
            .addAttribute(Attribute.of("recvonly")).build();
        MediaDescription changed = m.toBuilder().direction(Direction.SENDRECV).build();
        assertThat(changed.attributes()).extracting(Attribute::toString).containsExactly("x", "sendrecv", "y");
        assertThat(m.direction()).hasValue(Direction.RECVONLY);
    }

    @Test
    void directionsReverseAndCombine() {
        assertThat(Direction.SENDONLY.reversed()).isEqualTo(Direction.RECVONLY);
        assertThat(Direction.INACTIVE.reversed()).isEqualTo(Direction.INACTIVE);
        assertThat(Direction.of(true, true)).isEqualTo(Direction.SENDRECV);
        assertThat(Direction.fromAttributeName("sendRecv")).isEmpty();
    }

    @Test
    void refusesBadValuesNamingFieldAndValue() {
        assertThatThrownBy(() -> Connection.of("IN", "IP6", "ff15::1", 5, -1))
            .hasMessageContaining("IP6 connection addresses have no TTL");
        assertThatThrownBy(() -> Connection.of("IN", "IP4", "233.0.0.1", 256, -1))
            .hasMessage("connection TTL must be 0..255, was 256");
        assertThatThrownBy(() -> MediaDescription.builder("audio", 1, "RTP/AVP").build())
            .hasMessageContaining("at least one format");
        assertThatThrownBy(() -> MediaDescription.builder("audio", 65536, "RTP/AVP").addFormat("0").build())
            .hasMessage("media port must be 0..65535, was 65536");
        assertThatThrownBy(() -> new Origin("-", "12a", BigInteger.ONE, "IN", "IP4", "a"))
            .hasMessage("origin session id must be digits, was \"12a\"");
        assertThatThrownBy(() -> Attribute.of("rtp map", "x")).hasMessageContaining("attribute name must be a token");
        assertThatThrownBy(() -> Attribute.of("x", "a\r\nb=evil"))
            .hasMessageContaining("must not contain NUL, CR or LF");
        assertThatThrownBy(() -> SessionDescription.builder(Origin.of("-", "1", 1, "a")).sessionName("x\ny").build())
            .hasMessageContaining("session name");
        assertThatThrownBy(() -> new RtpMap(128, "x", 8000, java.util.OptionalInt.empty()))
            .hasMessage("payload type must be 0..127, was 128");
        assertThatThrownBy(() -> new Timing(-1, 0, List.of())).hasMessageContaining("times must be >= 0");
        assertThatThrownBy(() -> new Fingerprint("sha-256", "AB:C")).hasMessageContaining("hex pairs");
        assertThatThrownBy(() -> new SdpParser(0, 1)).hasMessageContaining("maxBytes=0");
    }

    @Test
    void fallsBackToTheSessionConnectionAndDirection() {
        SessionDescription sdp = SessionDescription.parse(Samples.MULTICAST);
        assertThat(sdp.connection(sdp.media().get(0))).isEqualTo(sdp.connection());
        assertThat(sdp.connection(sdp.media().get(1))).hasValueSatisfying(c ->
            assertThat(c.address()).isEqualTo("233.252.0.2"));
        SessionDescription plain = SessionDescription.parse(Samples.crlf(
            "v=0\no=- 1 1 IN IP4 a\ns=-\nc=IN IP4 192.0.2.1\nt=0 0\nm=audio 1 RTP/AVP 0\n"));
        assertThat(plain.direction(plain.media().get(0))).isEqualTo(Direction.SENDRECV);
    }

    @Test
    void parsesASixtyKilobyteAttributeWithinTheBound() {
        String value = "v".repeat(60 * 1024);
        String text = Samples.crlf("v=0\no=- 1 1 IN IP4 a\ns=-\nt=0 0\na=x-long:" + value + "\n");
        assertThat(SessionDescription.parse(text).attribute("x-long")).hasValue(value);
    }
}
