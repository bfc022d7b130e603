package org.parley.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Parsing real-world shaped descriptions and reading their typed views (RFC 8866 §5, §6). */
class SdpParserTest {

    @Test
    void readsASoftphoneAudioOfferWithTelephoneEvent() {
        SessionDescription sdp = SessionDescription.parse(Samples.SOFTPHONE);
        assertThat(sdp.origin()).isEqualTo(new Origin("alice", "2890844526", BigInteger.valueOf(2890844526L), "IN",
            "IP4", "192.0.2.10"));
        assertThat(sdp.sessionName()).isEqualTo("Talk");
        assertThat(sdp.connection()).hasValue(Connection.of("192.0.2.10"));
        assertThat(sdp.bandwidths()).containsExactly(new Bandwidth("AS", 80));
        assertThat(sdp.timings()).containsExactly(Timing.UNBOUNDED);
        assertThat(sdp.attributes()).extracting(Attribute::name).containsExactly("rtcp-xr");
        assertThat(sdp.media()).hasSize(1);

        MediaDescription audio = sdp.media().get(0);
        assertThat(audio.media()).isEqualTo("audio");
        assertThat(audio.port()).isEqualTo(7078);
        assertThat(audio.protocol()).isEqualTo(MediaDescription.RTP_AVP);
        assertThat(audio.formats()).containsExactly("96", "0", "8", "101");
        assertThat(audio.rtpMaps()).containsExactly(
            new RtpMap(96, "opus", 48000, OptionalInt.of(2)),
            new RtpMap(0, "PCMU", 8000, OptionalInt.empty()),
            new RtpMap(8, "PCMA", 8000, OptionalInt.empty()),
            new RtpMap(101, "telephone-event", 8000, OptionalInt.empty()));
        assertThat(audio.fmtp("101")).hasValue(new Fmtp("101", "0-16"));
        assertThat(audio.fmtp("96")).hasValue(new Fmtp("96", "useinbandfec=1"));
        assertThat(audio.ptime()).hasValue(20);
        assertThat(audio.rtcp()).hasValueSatisfying(r -> assertThat(r.port()).isEqualTo(7079));
        assertThat(audio.direction()).hasValue(Direction.SENDRECV);
        assertThat(sdp.connection(audio)).hasValue(Connection.of("192.0.2.10"));
        assertThat(sdp.toString()).isEqualTo(Samples.SOFTPHONE);
    }

    @Test
    void readsAWebRtcOfferWithCandidatesFingerprintSetupMidAndGroup() {
        SessionDescription sdp = SessionDescription.parse(Samples.WEBRTC);
        assertThat(sdp.origin().sessionVersion()).isEqualTo(BigInteger.TWO);
        assertThat(sdp.groups()).containsExactly(new Group("BUNDLE", List.of("0", "1")));
        assertThat(sdp.attribute("msid-semantic")).hasValue(" WMS stream1");

        MediaDescription audio = sdp.media().get(0);
        assertThat(audio.protocol()).isEqualTo(MediaDescription.UDP_TLS_RTP_SAVPF);
        assertThat(audio.mid()).hasValue("0");
        assertThat(audio.isRtcpMux()).isTrue();
        assertThat(audio.setup()).hasValue(Setup.ACTPASS);
        assertThat(audio.rtcp()).hasValue(new Rtcp(9, java.util.Optional.of(Connection.of("0.0.0.0"))));
        assertThat(audio.fingerprints()).singleElement().satisfies(f -> {
            assertThat(f.hashFunction()).isEqualTo("sha-256");
            assertThat(f.bytes()).hasSize(32).startsWith((byte) 0x49, (byte) 0x66);
        });
        assertThat(audio.candidates()).hasSize(2);
        Candidate srflx = audio.candidates().get(1);
        assertThat(srflx.component()).isEqualTo(1);
        assertThat(srflx.transport()).isEqualTo("udp");
        assertThat(srflx.priority()).isEqualTo(1845501695L);
        assertThat(srflx.address()).isEqualTo("203.0.113.7");
        assertThat(srflx.port()).isEqualTo(46243);
        assertThat(srflx.type()).isEqualTo("srflx");
        assertThat(srflx.relatedAddress()).hasValue("192.168.0.196");
        assertThat(audio.rtpMap(126)).hasValue(new RtpMap(126, "telephone-event", 8000, OptionalInt.empty()));

        MediaDescription video = sdp.media().get(1);
        assertThat(video.mid()).hasValue("1");
        assertThat(sdp.direction(video)).isEqualTo(Direction.RECVONLY);
        assertThat(video.fmtp("97")).hasValue(new Fmtp("97", "apt=96"));
        assertThat(sdp.toString()).isEqualTo(Samples.WEBRTC);
    }

    @Test
    void readsAnIpv6OfferWithSdesKeys() {
        SessionDescription sdp = SessionDescription.parse(Samples.IPV6);
        assertThat(sdp.origin().addressType()).isEqualTo(Connection.IP6);
        assertThat(sdp.connection()).hasValueSatisfying(c -> {
            assertThat(c.addressType()).isEqualTo("IP6");
            assertThat(c.address()).isEqualTo("2001:db8::2");
        });
        MediaDescription audio = sdp.media().get(0);
        assertThat(audio.cryptos()).hasSize(2);
        assertThat(audio.cryptos().get(0)).satisfies(c -> {
            assertThat(c.tag()).isEqualTo(1);
            assertThat(c.suite()).isEqualTo("AES_CM_128_HMAC_SHA1_80");
            assertThat(c.keyParams()).startsWith("inline:WVNf").endsWith("|2^20|1:4");
            assertThat(c.sessionParams()).isEmpty();
        });
        assertThat(audio.cryptos().get(1).sessionParams()).isEqualTo("UNENCRYPTED_SRTCP");
        assertThat(sdp.direction(audio)).isEqualTo(Direction.SENDONLY);
        assertThat(sdp.toString()).isEqualTo(Samples.IPV6);
    }

    @Test
    void readsAMulticastSessionWithTtlCountsRepeatsAndTimeZones() {
        SessionDescription sdp = SessionDescription.parse(Samples.MULTICAST);
        assertThat(sdp.info()).hasValue("SDP Offer #1");
        assertThat(sdp.uri()).hasValue("http://www.jdoe.example.com/home.html");
        assertThat(sdp.emails()).containsExactly("Jane Doe <jane@jdoe.example.com>");
        assertThat(sdp.phones()).containsExactly("+1 617 555-6011");
        assertThat(sdp.connection()).hasValueSatisfying(c -> {
            assertThat(c.address()).isEqualTo("233.252.0.1");
            assertThat(c.ttl()).hasValue(127);
            assertThat(c.numberOfAddresses()).hasValue(3);
        });
        assertThat(sdp.timings()).containsExactly(new Timing(3034423619L, 3042462419L, List.of("7d 1h 0 25h")));
        assertThat(sdp.timeZones()).hasValue("2882844526 -1h 2898848070 0");
        MediaDescription audio = sdp.media().get(0);
        assertThat(audio.portCount()).hasValue(2);
        assertThat(sdp.direction(audio)).isEqualTo(Direction.RECVONLY);
        MediaDescription video = sdp.media().get(1);
        assertThat(video.connections()).singleElement().satisfies(c -> {
            assertThat(c.ttl()).hasValue(127);
            assertThat(c.numberOfAddresses()).isEmpty();
        });
        assertThat(video.bandwidths()).containsExactly(new Bandwidth("AS", 256));
        assertThat(sdp.toString()).isEqualTo(Samples.MULTICAST);
    }

    @ParameterizedTest
    @ValueSource(strings = {"SOFTPHONE", "WEBRTC", "IPV6", "MULTICAST"})
    void roundTripsEachSampleByteForByteAndStablyOnTheSecondRound(String name) {
        String text = switch (name) {
            case "SOFTPHONE" -> Samples.SOFTPHONE;
            case "WEBRTC" -> Samples.WEBRTC;
            case "IPV6" -> Samples.IPV6;
            default -> Samples.MULTICAST;
        };
        byte[] wire = text.getBytes(StandardCharsets.UTF_8);
        SessionDescription first = SessionDescription.parse(wire);
        assertThat(first.toBytes()).isEqualTo(wire);
        SessionDescription second = SessionDescription.parse(first.toBytes());
        assertThat(second).isEqualTo(first);
        assertThat(second.toBytes()).isEqualTo(wire);
    }

    @Test
    void acceptsLfOnlyLineEndsTrailingWhitespaceAndAMissingFinalLineEnd() {
        String lax = Samples.SOFTPHONE.replace("\r\n", " \t\n");
        lax = lax.substring(0, lax.length() - 1);
        assertThat(SessionDescription.parse(lax).toString()).isEqualTo(Samples.SOFTPHONE);
    }

    @Test
    void ignoresBlankLinesAtTheEnd() {
        assertThat(SessionDescription.parse(Samples.SOFTPHONE + "\r\n\r\n").toString()).isEqualTo(Samples.SOFTPHONE);
    }

    @Test
    void keepsUnknownAttributesInOrderByteForByte() {
        String text = Samples.crlf("""
            v=0
            o=- 1 1 IN IP4 192.0.2.1
            s=-
            c=IN IP4 192.0.2.1
            t=0 0
            m=audio 4000 RTP/AVP 0
            a=x-weird:  two  spaces ; and ünïcödé
            a=rtpmap:0 PCMU/8000
            a=x-flag
            a=empty:
            """);
        SessionDescription sdp = SessionDescription.parse(text);
        assertThat(sdp.media().get(0).attributes()).extracting(Attribute::toString).containsExactly(
            "x-weird:  two  spaces ; and ünïcödé", "rtpmap:0 PCMU/8000", "x-flag", "empty:");
        assertThat(sdp.media().get(0).attributes().get(3).value()).hasValue("");
        assertThat(sdp.toBytes()).isEqualTo(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void acceptsARejectedStreamWithoutConnection() {
        String text = Samples.crlf("""
            v=0
            o=- 1 1 IN IP4 192.0.2.1
            s=-
            t=0 0
            m=video 0 RTP/AVP 31
            """);
        assertThat(SessionDescription.parse(text).media().get(0).isRejected()).isTrue();
    }

    @Test
    void acceptsSeveralTimeDescriptionsEachWithItsRepeats() {
        String text = Samples.crlf("""
            v=0
            o=- 1 1 IN IP4 192.0.2.1
            s=-
            t=1 2
            r=1d 1h 0
            r=2d 1h 0
            t=3 4
            """);
        SessionDescription sdp = SessionDescription.parse(text);
        assertThat(sdp.timings()).containsExactly(new Timing(1, 2, List.of("1d 1h 0", "2d 1h 0")),
            new Timing(3, 4, List.of()));
        assertThat(sdp.toString()).isEqualTo(text);
    }
}
