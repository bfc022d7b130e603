package org.parley.ua;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.parley.message.HeaderName;
import org.parley.message.Method;
import org.parley.message.SipRequest;
import org.parley.sdp.Direction;
import org.parley.sdp.SessionDescription;
import org.parley.sdp.offeranswer.Codec;
import org.parley.sdp.offeranswer.LocalCapabilities;
import org.parley.sdp.offeranswer.MediaCapability;
import org.parley.sdp.offeranswer.OfferAnswer;

/** Calls between two user agents over the memory network in virtual time (RFC 3261 §13-15, RFC 3264). */
class CallTest {
    private final CallNetwork net = new CallNetwork();

    @AfterEach
    void close() {
        net.close();
    }

    @Test
    void aliceCallsBobWhoRingsAnswersAndHangsUp() {
        List<ProvisionalResponse> provisional = new ArrayList<>();
        Call call = net.alice.call("sip:bob@127.0.0.2", CallOptions.defaults().onProvisional(provisional::add));
        net.settle();
        assertThat(call.state()).isEqualTo(CallState.CALLING);
        IncomingCall in = net.incoming.get(0);
        assertThat(in.from().uri().toString()).isEqualTo("sip:alice@127.0.0.1");
        assertThat(in.offer()).isPresent();

        in.ring();
        net.settle();
        assertThat(call.state()).isEqualTo(CallState.EARLY);
        assertThat(provisional).extracting(ProvisionalResponse::status).contains(180);
        assertThat(call.earlyDialogs()).hasSize(1);

        in.answer();
        net.settle();
        Call bobs = in.call();
        assertThat(call.state()).isEqualTo(CallState.ESTABLISHED);
        assertThat(bobs.state()).isEqualTo(CallState.ESTABLISHED);
        assertThat(call.answered()).isCompletedWithValueMatching(r -> r.statusCode() == 200);
        assertThat(call.established()).isCompleted();
        assertThat(bobs.established()).isCompleted();
        assertThat(call.remoteSdp()).isEqualTo(bobs.localSdp());
        assertThat(bobs.remoteSdp()).isEqualTo(call.localSdp());
        assertThat(call.remoteSdp().orElseThrow().media().get(0).formats()).containsExactly("0", "8", "101");
        assertThat(net.requests(CallNetwork.BOB, "ACK")).isEqualTo(1);

        bobs.hangup();
        net.settle();
        assertThat(bobs.ended()).isCompletedWithValueMatching(e -> e.reason() == CallEnd.Reason.LOCAL_BYE);
        assertThat(call.ended()).isCompletedWithValueMatching(e -> e.reason() == CallEnd.Reason.REMOTE_BYE);
        assertThat(call.state()).isEqualTo(CallState.ENDED);
        assertThat(net.responses(CallNetwork.BOB, 200, "BYE")).isEqualTo(1);
    }

    @Test
    void bobCallsAliceWhoAnswersAndTheCallerHangsUp() {
        Call call = net.bob.call("sip:alice@127.0.0.1");
        net.settle();
        IncomingCall in = net.incomingAtAlice.get(0);
        in.answer();
        net.settle();
        assertThat(call.state()).isEqualTo(CallState.ESTABLISHED);
        assertThat(in.call().state()).isEqualTo(CallState.ESTABLISHED);

        call.hangup();
        net.settle();
        assertThat(call.ended()).isCompletedWithValueMatching(e -> e.reason() == CallEnd.Reason.LOCAL_BYE);
        assertThat(in.call().ended()).isCompletedWithValueMatching(e -> e.reason() == CallEnd.Reason.REMOTE_BYE);
        // A BYE once the dialog is gone is refused 481 by the core (RFC 3261 §12.2.2).
        assertThat(call.options()).isCompletedExceptionally();
    }

    @Test
    void offerInThe2xxIsAnsweredInTheAck() {
        Call call = net.alice.call("sip:bob@127.0.0.2", CallOptions.defaults().withoutOffer());
        net.settle();
        SipRequest invite = (SipRequest) net.delivered(CallNetwork.BOB, "INVITE").get(0);
        assertThat(invite.hasBody()).isFalse();
        IncomingCall in = net.incoming.get(0);
        assertThat(in.offer()).isEmpty();
        in.answer();
        net.settle();
        SipRequest ack = (SipRequest) net.delivered(CallNetwork.BOB, "ACK").get(0);
        assertThat(ack.contentType().orElseThrow().subtype()).isEqualTo("sdp");
        assertThat(call.state()).isEqualTo(CallState.ESTABLISHED);
        assertThat(in.call().state()).isEqualTo(CallState.ESTABLISHED);
        assertThat(in.call().remoteSdp()).isPresent().isEqualTo(call.localSdp());
        assertThat(call.remoteSdp()).isPresent().isEqualTo(in.call().localSdp());
    }

    @Test
    void bobWithoutOfferInTheInviteGetsOneInAlicesAnswer() {
        Call call = net.bob.call("sip:alice@127.0.0.1", CallOptions.defaults().withoutOffer());
        net.settle();
        net.incomingAtAlice.get(0).answer();
        net.settle();
        assertThat(call.established()).isCompleted();
        assertThat(net.incomingAtAlice.get(0).call().established()).isCompleted();
    }

    @Test
    void hangingUpWhileRingingSendsCancelAndEndsBothSides() {
        Call call = net.alice.call("sip:bob@127.0.0.2");
        net.settle();
        IncomingCall in = net.incoming.get(0);
        in.ring();
        net.settle();
        call.hangup();
        net.settle();
        assertThat(net.requests(CallNetwork.BOB, "CANCEL")).isEqualTo(1);
        assertThat(call.answered()).isCompletedWithValueMatching(r -> r.statusCode() == 487);
        assertThat(call.ended()).isCompletedWithValueMatching(e -> e.reason() == CallEnd.Reason.CANCELLED);
        assertThat(call.established()).isCompletedExceptionally();
        assertThat(in.call().ended()).isCompletedWithValueMatching(e -> e.reason() == CallEnd.Reason.CANCELLED
                && e.status() == 487);
    }

    @Test
    void cancelBeforeAnyProvisionalWaitsForOne() {
        Call call = net.alice.call("sip:bob@127.0.0.2");
        call.hangup();
        net.settle();
        // RFC 3261 §9.1: no CANCEL before a provisional response; Bob's 100 Trying comes after 200 ms.
        assertThat(net.requests(CallNetwork.BOB, "CANCEL")).isZero();
        net.advance(250);
        assertThat(net.requests(CallNetwork.BOB, "CANCEL")).isEqualTo(1);
        assertThat(call.ended()).isCompletedWithValueMatching(e -> e.reason() == CallEnd.Reason.CANCELLED);
    }

    @Test
    void aTwoHundredCrossingTheCancelIsAckedThenEndedWithBye() {
        Call call = net.alice.call("sip:bob@127.0.0.2");
        net.settle();
        IncomingCall in = net.incoming.get(0);
        in.ring();
        net.settle();
        in.answer();
        call.hangup();
        net.settle();
        assertThat(net.requests(CallNetwork.BOB, "CANCEL")).isEqualTo(1);
        assertThat(net.responses(CallNetwork.ALICE, 487, "INVITE")).isZero();
        assertThat(net.requests(CallNetwork.BOB, "ACK")).isEqualTo(1);
        assertThat(net.requests(CallNetwork.BOB, "BYE")).isEqualTo(1);
        assertThat(call.ended()).isCompletedWithValueMatching(e -> e.reason() == CallEnd.Reason.CANCELLED
                && e.status() == 200);
        assertThat(in.call().ended()).isCompletedWithValueMatching(e -> e.reason() == CallEnd.Reason.REMOTE_BYE);
    }

    @Test
    void aRejectedCallEndsWithTheStatus() {
        Call call = net.alice.call("sip:bob@127.0.0.2");
        net.settle();
        net.incoming.get(0).reject(486);
        net.settle();
        assertThat(call.answered()).isCompletedWithValueMatching(r -> r.statusCode() == 486);
        assertThat(call.ended()).isCompletedWithValueMatching(e -> e.reason() == CallEnd.Reason.REJECTED
                && e.status() == 486);
        assertThat(net.incoming.get(0).call().ended()).isCompletedWithValueMatching(
                e -> e.reason() == CallEnd.Reason.REJECTED);
    }

    @Test
    void holdAndResumeRenegotiateTheDirectionWithAHigherVersion() {
        Call[] calls = net.establish();
        Call call = calls[0];
        Call bobs = calls[1];
        long before = call.localSdp().orElseThrow().origin().sessionVersion().longValueExact();
        var holding = call.hold();
        net.settle();
        assertThat(holding).isCompletedWithValueMatching(r -> r.statusCode() == 200);
        SessionDescription held = call.localSdp().orElseThrow();
        assertThat(held.direction(held.media().get(0))).isEqualTo(Direction.SENDONLY);
        assertThat(held.origin().sessionVersion().longValueExact()).isEqualTo(before + 1);
        SessionDescription answer = call.remoteSdp().orElseThrow();
        assertThat(answer.direction(answer.media().get(0))).isEqualTo(Direction.RECVONLY);
        assertThat(bobs.remoteSdp()).contains(held);

        var resuming = call.resume();
        net.settle();
        assertThat(resuming).isCompletedWithValueMatching(r -> r.statusCode() == 200);
        SessionDescription resumed = call.localSdp().orElseThrow();
        assertThat(resumed.direction(resumed.media().get(0))).isEqualTo(Direction.SENDRECV);
        assertThat(resumed.origin().sessionVersion().longValueExact()).isEqualTo(before + 2);
        assertThat(net.requests(CallNetwork.BOB, "ACK")).isEqualTo(3);
    }

    @Test
    void aReinviteRefused488KeepsTheOldSession() {
        Call[] calls = net.establish();
        Call call = calls[0];
        SessionDescription before = call.localSdp().orElseThrow();
        SessionDescription g722 = OfferAnswer.createOffer(LocalCapabilities.of("127.0.0.1",
                MediaCapability.audio(40002, Codec.G722)), 7);
        var result = call.reinvite(g722);
        net.settle();
        assertThat(result).isCompletedWithValueMatching(r -> r.statusCode() == 488);
        assertThat(call.localSdp()).contains(before);
        assertThat(call.state()).isEqualTo(CallState.ESTABLISHED);
    }

    @Test
    void reinviteGlareGets491AndEachSideRetriesAfterItsBackOff() {
        Call[] calls = net.establish();
        var alices = calls[0].hold();
        var bobs = calls[1].hold();
        net.settle();
        assertThat(net.responses(CallNetwork.ALICE, 491, "INVITE")).isEqualTo(1);
        assertThat(net.responses(CallNetwork.BOB, 491, "INVITE")).isEqualTo(1);
        assertThat(alices).isNotDone();
        assertThat(bobs).isNotDone();
        // RFC 3261 §14.1: Bob (not the Call-ID's owner) retries within 0-2 s, Alice within 2.1-4 s.
        net.advance(2_050);
        assertThat(bobs).isCompletedWithValueMatching(r -> r.statusCode() == 200);
        assertThat(alices).isNotDone();
        net.advance(2_000);
        assertThat(alices).isCompletedWithValueMatching(r -> r.statusCode() == 200);
        assertThat(net.requests(CallNetwork.BOB, "INVITE")).isEqualTo(3);
    }

    @Test
    void theTwoHundredIsRetransmittedUntilTheAckAndALostAckIsResent() {
        net.network.drop(p -> p.message() instanceof SipRequest r && r.method().equals(Method.ACK), 1);
        Call call = net.alice.call("sip:bob@127.0.0.2");
        net.settle();
        IncomingCall in = net.incoming.get(0);
        in.answer();
        net.settle();
        assertThat(call.state()).isEqualTo(CallState.ESTABLISHED);
        assertThat(in.call().state()).isNotEqualTo(CallState.ESTABLISHED);
        net.advance(500);
        // RFC 3261 §13.3.1.4: the 200 again after T1; §13.2.2.4: the same ACK again.
        assertThat(net.responses(CallNetwork.ALICE, 200, "INVITE")).isEqualTo(2);
        assertThat(in.call().state()).isEqualTo(CallState.ESTABLISHED);
        net.advance(10_000);
        assertThat(net.responses(CallNetwork.ALICE, 200, "INVITE")).isEqualTo(2);
    }

    @Test
    void withoutAckTheTwoHundredIsRetransmittedFor64T1ThenTheCallEndsWithBye() {
        net.network.drop(p -> p.message() instanceof SipRequest r && r.method().equals(Method.ACK),
                org.parley.testkit.MemoryNetwork.ALWAYS);
        Call call = net.alice.call("sip:bob@127.0.0.2");
        net.settle();
        IncomingCall in = net.incoming.get(0);
        in.answer();
        net.settle();
        net.advance(31_999);
        assertThat(in.call().ended()).isNotDone();
        // T1 doubling to T2: at 0.5, 1.5, 3.5, 7.5, 11.5 ... 31.5 s: ten retransmissions.
        assertThat(net.responses(CallNetwork.ALICE, 200, "INVITE")).isEqualTo(11);
        net.advance(2);
        assertThat(in.call().ended()).isCompletedWithValueMatching(e -> e.reason() == CallEnd.Reason.NO_ACK);
        assertThat(call.ended()).isCompletedWithValueMatching(e -> e.reason() == CallEnd.Reason.REMOTE_BYE);
    }

    @Test
    void hangingUpBeforeTheAckSendsTheByeWhenTheAckComes() {
        net.network.hold(p -> p.message() instanceof SipRequest r && r.method().equals(Method.ACK), 1);
        Call call = net.alice.call("sip:bob@127.0.0.2");
        net.settle();
        IncomingCall in = net.incoming.get(0);
        in.answer();
        net.settle();
        in.call().hangup();
        net.settle();
        assertThat(net.requests(CallNetwork.ALICE, "BYE")).isZero();
        net.network.release(p -> true);
        net.settle();
        assertThat(net.requests(CallNetwork.ALICE, "BYE")).isEqualTo(1);
        assertThat(call.ended()).isCompletedWithValueMatching(e -> e.reason() == CallEnd.Reason.REMOTE_BYE);
    }

    @Test
    void badSdpInAnInviteIsRefused488WithTheParsersReason() {
        SipRequest invite = net.alice.newRequest(Method.INVITE, "sip:bob@127.0.0.2")
                .body("application/sdp", "v=0\r\nthis is not sdp\r\n").build();
        var response = net.alice.send(invite);
        net.settle();
        assertThat(response).isCompletedWithValueMatching(r -> r.statusCode() == 488
                && r.reasonPhrase().startsWith("Not Acceptable Here - "));
        assertThat(net.incoming).isEmpty();
    }

    @Test
    void anOfferWithNoCommonCodecIsRefused488() {
        SessionDescription g722 = OfferAnswer.createOffer(LocalCapabilities.of("127.0.0.1",
                MediaCapability.audio(40002, Codec.G722)), 7);
        Call call = net.alice.call("sip:bob@127.0.0.2", g722);
        net.settle();
        assertThat(call.ended()).isCompletedWithValueMatching(e -> e.status() == 488);
        assertThat(net.incoming).isEmpty();
    }

    @Test
    void infoAndOptionsInTheDialogAreAnswered200() {
        Call[] calls = net.establish();
        List<SipRequest> infos = new ArrayList<>();
        calls[1].onInfo(infos::add);
        var info = calls[0].info("application/dtmf-relay", "Signal=5\r\nDuration=160\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        var options = calls[0].options();
        net.settle();
        assertThat(info).isCompletedWithValueMatching(r -> r.statusCode() == 200);
        assertThat(options).isCompletedWithValueMatching(r -> r.statusCode() == 200
                && r.header(HeaderName.ALLOW).orElse("").contains("INFO"));
        assertThat(infos).singleElement().satisfies(r -> assertThat(r.bodyText()).contains("Signal=5"));
    }

    @Test
    void aReinviteFromThePeerIsAnsweredAndReported() {
        Call[] calls = net.establish();
        List<SipRequest> reinvites = new ArrayList<>();
        calls[0].onReinvite(reinvites::add);
        var result = calls[1].hold();
        net.settle();
        assertThat(result).isCompletedWithValueMatching(r -> r.statusCode() == 200);
        assertThat(reinvites).hasSize(1);
        SessionDescription remote = calls[0].remoteSdp().orElseThrow();
        assertThat(remote.direction(remote.media().get(0))).isEqualTo(Direction.SENDONLY);
    }

    @Test
    void withoutAHandlerCallsAreRefused480() {
        net.bob.onIncomingCall(null);
        Call call = net.alice.call("sip:bob@127.0.0.2");
        net.settle();
        assertThat(call.ended()).isCompletedWithValueMatching(e -> e.reason() == CallEnd.Reason.REJECTED
                && e.status() == 480);
    }
}
