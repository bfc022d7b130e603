package org.parley.sdp.offeranswer;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.parley.sdp.Direction;
import org.parley.sdp.MediaDescription;
import org.parley.sdp.Origin;
import org.parley.sdp.SessionDescription;

/** The RFC 3264 offer/answer rules, one test each, with RFC 3264 §10 examples as material. */
class OfferAnswerTest {
    private static final Codec OPUS = new Codec(96, "opus", 48000, 2, java.util.Optional.empty());
    private static final LocalCapabilities BOB = new LocalCapabilities("bob", "192.0.2.20", "-", List.of(
        MediaCapability.audio(49174, Codec.PCMU, Codec.TELEPHONE_EVENT),
        new MediaCapability("video", "RTP/AVP", 49170, List.of(Codec.of(32, "MPV", 90000)), Direction.SENDRECV,
            java.util.OptionalInt.empty(), false)));

    private static String crlf(String lf) {
        return lf.replace("\n", "\r\n");
    }

    private static SessionDescription sdp(String lf) {
        return SessionDescription.parse(crlf(lf));
    }

    /** RFC 3264 §10.1's first offer from Alice: audio PCMU, PCMA, iLBC and video H261, MPV. */
    private static final SessionDescription ALICE_OFFER = sdp("""
        v=0
        o=alice 2890844526 2890844526 IN IP4 host.atlanta.example.com
        s=
        c=IN IP4 host.atlanta.example.com
        t=0 0
        m=audio 49170 RTP/AVP 0 8 97
        a=rtpmap:0 PCMU/8000
        a=rtpmap:8 PCMA/8000
        a=rtpmap:97 iLBC/8000
        m=video 51372 RTP/AVP 31 32
        a=rtpmap:31 H261/90000
        a=rtpmap:32 MPV/90000
        """);

    private static SessionDescription accepted(AnswerResult result) {
        assertThat(result).isInstanceOf(AnswerResult.Accepted.class);
        return ((AnswerResult.Accepted) result).answer();
    }

    private static AnswerResult.Refused refused(AnswerResult result) {
        assertThat(result).isInstanceOf(AnswerResult.Refused.class);
        return (AnswerResult.Refused) result;
    }

    private static SessionDescription audioOffer(String formatsAndAttributes) {
        return sdp("v=0\no=- 1 1 IN IP4 192.0.2.1\ns=-\nc=IN IP4 192.0.2.1\nt=0 0\nm=audio 5004 RTP/AVP "
            + formatsAndAttributes);
    }

    @Test
    void createsAnOfferFromLocalCapabilities() {
        LocalCapabilities alice = new LocalCapabilities("alice", "192.0.2.10", "call", List.of(
            MediaCapability.audio(4000, OPUS.withFmtp("useinbandfec=1"), Codec.PCMU, Codec.TELEPHONE_EVENT)
                .withPtime(20).withRtcpMux(true)));
        SessionDescription offer = OfferAnswer.createOffer(alice, 42);
        assertThat(offer.toString()).isEqualTo(crlf("""
            v=0
            o=alice 42 42 IN IP4 192.0.2.10
            s=call
            c=IN IP4 192.0.2.10
            t=0 0
            m=audio 4000 RTP/AVP 96 0 101
            a=rtpmap:96 opus/48000/2
            a=fmtp:96 useinbandfec=1
            a=rtpmap:0 PCMU/8000
            a=rtpmap:101 telephone-event/8000
            a=fmtp:101 0-16
            a=ptime:20
            a=rtcp-mux
            a=sendrecv
            """));
        assertThat(SessionDescription.parse(offer.toBytes())).isEqualTo(offer);
    }

    @Test
    void answersRfc3264Section10Point1WithTheCommonCodecOfEachStream() {
        SessionDescription answer = accepted(OfferAnswer.answer(ALICE_OFFER, BOB, 2808844564L));
        assertThat(answer.toString()).isEqualTo(crlf("""
            v=0
            o=bob 2808844564 2808844564 IN IP4 192.0.2.20
            s=-
            c=IN IP4 192.0.2.20
            t=0 0
            m=audio 49174 RTP/AVP 0
            a=rtpmap:0 PCMU/8000
            a=sendrecv
            m=video 49170 RTP/AVP 32
            a=rtpmap:32 MPV/90000
            a=sendrecv
            """));
    }

    @Test
    void keepsTheCountOrderAndMediaTypesOfTheOfferedStreams() {
        SessionDescription offer = ALICE_OFFER.toBuilder().media(List.of(ALICE_OFFER.media().get(1),
            ALICE_OFFER.media().get(0), ALICE_OFFER.media().get(0))).build();
        SessionDescription answer = accepted(OfferAnswer.answer(offer, BOB, 1));
        assertThat(answer.media()).extracting(MediaDescription::media).containsExactly("video", "audio", "audio");
        // One audio capability: the second audio stream has none left and is rejected.
        assertThat(answer.media()).extracting(MediaDescription::port).containsExactly(49170, 49174, 0);
    }

    @Test
    void mirrorsAStreamOfferedWithPortZeroAsRejected() {
        SessionDescription offer = ALICE_OFFER.toBuilder().media(List.of(ALICE_OFFER.media().get(0),
            ALICE_OFFER.media().get(1).toBuilder().port(0).build())).build();
        SessionDescription answer = accepted(OfferAnswer.answer(offer, BOB, 1));
        MediaDescription video = answer.media().get(1);
        assertThat(video.port()).isZero();
        assertThat(video.media()).isEqualTo("video");
        assertThat(video.formats()).containsExactly("31", "32");
        assertThat(video.attributes()).isEmpty();
        assertThat(answer.media().get(0).port()).isEqualTo(49174);
    }

    @Test
    void rejectsOnlyTheStreamWithoutACommonCodec() {
        LocalCapabilities audioOnly = new LocalCapabilities("bob", "192.0.2.20", "-", List.of(BOB.media().get(0),
            new MediaCapability("video", "RTP/AVP", 49170, List.of(Codec.of(96, "VP8", 90000)), Direction.SENDRECV,
                java.util.OptionalInt.empty(), false)));
        SessionDescription answer = accepted(OfferAnswer.answer(ALICE_OFFER, audioOnly, 1));
        assertThat(answer.media()).extracting(MediaDescription::port).containsExactly(49174, 0);
    }

    @Test
    void refusesAnOfferWithNoAcceptableStreamGivingAReasonFor488() {
        AnswerResult.Refused refusal = refused(OfferAnswer.answer(audioOffer("18 4\n"), BOB, 1));
        assertThat(refusal.reason()).isEqualTo(
            "no acceptable stream: stream 1 (audio RTP/AVP): no common codec (offered G729/8000 G723/8000)");
        assertThat(refusal.statusCode()).isEqualTo(488);
        assertThat(refusal.reasonPhrase()).startsWith("Not Acceptable Here - no acceptable stream");
    }

    @Test
    void refusesAnOfferOfAnUnsupportedProtocol() {
        SessionDescription offer = sdp("v=0\no=- 1 1 IN IP4 a\ns=-\nc=IN IP4 192.0.2.1\nt=0 0\n"
            + "m=audio 5004 RTP/SAVP 0\nm=image 5006 udptl t38\n");
        assertThat(refused(OfferAnswer.answer(offer, BOB, 1)).reason()).contains(
            "stream 1 (audio RTP/SAVP): no local capability", "stream 2 (image udptl): no local capability");
    }

    @Test
    void refusesAMalformedOfferWithTheParseReason() {
        AnswerResult.Refused refusal = refused(OfferAnswer.answer(audioOffer("0\na=rtpmap:0 PCMU\n"), BOB, 1));
        assertThat(refusal.reason()).startsWith("malformed offer: rtpmap: ");
    }

    @Test
    void intersectsInTheOfferersOrderKeepingItsDynamicPayloadTypes() {
        LocalCapabilities local = LocalCapabilities.of("192.0.2.20",
            MediaCapability.audio(6000, Codec.PCMA, Codec.PCMU, OPUS, Codec.TELEPHONE_EVENT));
        SessionDescription offer = audioOffer("0 111 8 9 126\na=rtpmap:111 OPUS/48000/2\n"
            + "a=rtpmap:126 telephone-event/8000\n");
        MediaDescription audio = accepted(OfferAnswer.answer(offer, local, 1)).media().get(0);
        assertThat(audio.formats()).containsExactly("0", "111", "8", "126");
        assertThat(audio.rtpMap(111)).hasValueSatisfying(r -> assertThat(r.encoding()).isEqualTo("opus"));
        assertThat(audio.fmtp("126")).hasValueSatisfying(f -> assertThat(f.parameters()).isEqualTo("0-16"));
    }

    @Test
    void dropsTelephoneEventWhenOnlyTheOffererSupportsIt() {
        LocalCapabilities local = LocalCapabilities.of("192.0.2.20", MediaCapability.audio(6000, Codec.PCMU));
        SessionDescription offer = audioOffer("0 101\na=rtpmap:101 telephone-event/8000\n");
        assertThat(accepted(OfferAnswer.answer(offer, local, 1)).media().get(0).formats()).containsExactly("0");
    }

    @Test
    void rejectsAStreamWhoseOnlyCommonFormatIsTelephoneEvent() {
        SessionDescription offer = audioOffer("18 101\na=rtpmap:101 telephone-event/8000\n");
        assertThat(refused(OfferAnswer.answer(offer, BOB, 1)).reason()).contains("no common codec");
    }

    @ParameterizedTest(name = "offer {0}, local {1} -> answer {2}")
    @CsvSource({
        "sendrecv, sendrecv, sendrecv",
        "sendonly, sendrecv, recvonly",
        "recvonly, sendrecv, sendonly",
        "inactive, sendrecv, inactive",
        "sendrecv, sendonly, sendonly",
        "sendonly, sendonly, inactive",
        "sendrecv, inactive, inactive",
        "recvonly, recvonly, inactive"})
    void mirrorsTheOfferedDirectionWithinTheLocalOne(String offered, String localDirection, String expected) {
        LocalCapabilities local = LocalCapabilities.of("192.0.2.20", MediaCapability.audio(6000, Codec.PCMU)
            .withDirection(Direction.fromAttributeName(localDirection).orElseThrow()));
        SessionDescription answer = accepted(OfferAnswer.answer(audioOffer("0\na=" + offered + "\n"), local, 1));
        assertThat(answer.direction(answer.media().get(0)).attributeName()).isEqualTo(expected);
    }

    @Test
    void appliesASessionLevelDirectionOfTheOffer() {
        SessionDescription offer = sdp("v=0\no=- 1 1 IN IP4 a\ns=-\nc=IN IP4 192.0.2.1\nt=0 0\na=sendonly\n"
            + "m=audio 5004 RTP/AVP 0\n");
        SessionDescription answer = accepted(OfferAnswer.answer(offer, BOB, 1));
        assertThat(answer.media().get(0).direction()).hasValue(Direction.RECVONLY);
    }

    @Test
    void echoesTheMidAndAcceptsRtcpMuxOnlyWhenBothSupportIt() {
        SessionDescription offer = audioOffer("0\na=mid:audio0\na=rtcp-mux\n");
        LocalCapabilities muxing = LocalCapabilities.of("192.0.2.20",
            MediaCapability.audio(6000, Codec.PCMU).withRtcpMux(true));
        MediaDescription withMux = accepted(OfferAnswer.answer(offer, muxing, 1)).media().get(0);
        assertThat(withMux.mid()).hasValue("audio0");
        assertThat(withMux.isRtcpMux()).isTrue();
        MediaDescription withoutMux = accepted(OfferAnswer.answer(offer, BOB, 1)).media().get(0);
        assertThat(withoutMux.isRtcpMux()).isFalse();
    }

    @Test
    void answersAnIpv6OfferFromAnIpv6Address() {
        SessionDescription offer = sdp("v=0\no=- 1 1 IN IP6 2001:db8::1\ns=-\nc=IN IP6 2001:db8::1\nt=0 0\n"
            + "m=audio 5004 RTP/AVP 0\n");
        LocalCapabilities local = LocalCapabilities.of("2001:db8::2", MediaCapability.audio(6000, Codec.PCMU));
        SessionDescription answer = accepted(OfferAnswer.answer(offer, local, 7));
        assertThat(answer.connection()).hasValueSatisfying(c -> assertThat(c.addressType()).isEqualTo("IP6"));
        assertThat(answer.origin().addressType()).isEqualTo("IP6");
    }

    @Test
    void holdOffersSendonlyAndBumpsTheVersionByOne() {
        SessionDescription offer = OfferAnswer.createOffer(LocalCapabilities.of("192.0.2.10",
            MediaCapability.audio(4000, Codec.PCMU)), 10);
        SessionDescription held = OfferAnswer.hold(offer);
        assertThat(held.direction(held.media().get(0))).isEqualTo(Direction.SENDONLY);
        assertThat(held.origin().sessionVersion()).isEqualTo(BigInteger.valueOf(11));
        assertThat(held.origin().sessionId()).isEqualTo("10");
        // Holding again changes nothing, so the version stays (RFC 3264 §8).
        assertThat(OfferAnswer.hold(held)).isEqualTo(held);

        SessionDescription resumed = OfferAnswer.resume(held);
        assertThat(resumed.direction(resumed.media().get(0))).isEqualTo(Direction.SENDRECV);
        assertThat(resumed.origin().sessionVersion()).isEqualTo(BigInteger.valueOf(12));
        assertThat(resumed.media().get(0).attributes()).filteredOn(a -> a.name().equals("sendrecv")).hasSize(1);
    }

    @Test
    void holdOfAReceiveOnlyStreamOffersInactiveAndLeavesRejectedStreamsAlone() {
        SessionDescription previous = sdp("v=0\no=- 5 5 IN IP4 a\ns=-\nc=IN IP4 192.0.2.1\nt=0 0\na=recvonly\n"
            + "m=audio 5004 RTP/AVP 0\nm=video 0 RTP/AVP 31\n");
        SessionDescription held = OfferAnswer.hold(previous);
        assertThat(held.media().get(0).direction()).hasValue(Direction.INACTIVE);
        assertThat(held.direction()).isEmpty();
        assertThat(held.media().get(1)).isEqualTo(previous.media().get(1));
        assertThat(held.origin().sessionVersion()).isEqualTo(BigInteger.valueOf(6));
    }

    @Test
    void reofferKeepsTheVersionWhenNothingChangedAndBumpsItByOneOtherwise() {
        SessionDescription previous = OfferAnswer.createOffer(LocalCapabilities.of("192.0.2.10",
            MediaCapability.audio(4000, Codec.PCMU)), 3);
        SessionDescription sameContent = previous.toBuilder()
            .origin(Origin.of("-", "3", 99, "192.0.2.10")).build();
        assertThat(OfferAnswer.reoffer(previous, sameContent)).isEqualTo(previous);
        SessionDescription moved = previous.toBuilder().media(List.of(previous.media().get(0).toBuilder()
            .port(4002).build())).build();
        SessionDescription next = OfferAnswer.reoffer(previous, moved);
        assertThat(next.origin()).isEqualTo(previous.origin().withVersionBumped());
        assertThat(next.media().get(0).port()).isEqualTo(4002);
    }

    @Test
    void answerInAnExistingSessionBumpsItsVersionOnlyWhenTheAnswerChanges() {
        SessionDescription first = accepted(OfferAnswer.answer(ALICE_OFFER, BOB, 100));
        SessionDescription same = accepted(OfferAnswer.answer(ALICE_OFFER, BOB, first));
        assertThat(same).isEqualTo(first);
        SessionDescription held = accepted(OfferAnswer.answer(OfferAnswer.hold(ALICE_OFFER), BOB, first));
        assertThat(held.origin().sessionVersion()).isEqualTo(BigInteger.valueOf(101));
        assertThat(held.media().get(0).direction()).hasValue(Direction.RECVONLY);
    }

    @Test
    void originVersionBumpGoesBeyondSignedLongs() {
        Origin origin = new Origin("-", "1", new BigInteger("18446744073709551615"), "IN", "IP4", "a");
        assertThat(origin.withVersionBumped().sessionVersion()).isEqualTo(new BigInteger("18446744073709551616"));
    }
}
