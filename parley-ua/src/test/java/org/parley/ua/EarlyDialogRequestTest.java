package org.parley.ua;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.parley.message.HeaderName;
import org.parley.message.Method;
import org.parley.message.SipRequest;
import org.parley.message.SipResponse;
import org.parley.testkit.MemoryEndpoint;
import org.parley.transport.Inbound;
import org.parley.transport.Transport;
import org.parley.transport.resolve.Target;

/**
 * Requests a callee sends within an early dialog of Alice's INVITE (RFC 3261 §12.1.2, §12.2.2) reach
 * that early dialog instead of a 481: a BYE is answered 200 and ends the early dialog, and the call
 * with it (the INVITE CANCELled, §9.1) when it was the last one. The callee at {@link #PEER} (one
 * endpoint playing one or two forks) is driven by hand.
 */
class EarlyDialogRequestTest {
    static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.9", 5060);

    private final CallNetwork net = new CallNetwork();
    private final List<Inbound> atPeer = new ArrayList<>();
    private final MemoryEndpoint peer = net.network.endpoint(PEER, atPeer::add);
    private int branches;

    @AfterEach
    void close() {
        peer.close();
        net.close();
    }

    private SipRequest invite() {
        return (SipRequest) requests("INVITE").get(0).message();
    }

    private void answer(int status, String tag) {
        SipRequest invite = invite();
        var b = SipResponse.responseTo(invite, status).set(HeaderName.TO, invite.to().withTag(tag).toString())
                .add(HeaderName.CONTACT, "<sip:" + tag + "@127.0.0.9:5060>");
        if (status == 200) {
            b.body("application/sdp", "v=0\r\no=- 1 1 IN IP4 127.0.0.9\r\ns=-\r\nc=IN IP4 127.0.0.9\r\nt=0 0\r\n"
                    + "m=audio 30000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n");
        }
        peer.respond(b.build(), requests("INVITE").get(0).source());
    }

    /** A request from the callee's fork {@code tag} within its early dialog, to Alice's Contact. */
    private void sendInEarlyDialog(Method method, String tag, long cseq) {
        SipRequest invite = invite();
        SipRequest request = SipRequest.builder(method, invite.header(HeaderName.CONTACT).orElseThrow()
                        .replaceAll("[<>]", ""))
                .add(HeaderName.VIA, "SIP/2.0/UDP 127.0.0.9:5060;branch=z9hG4bK-early-" + (++branches))
                .add(HeaderName.MAX_FORWARDS, "70")
                .add(HeaderName.FROM, invite.to().withTag(tag).toString())
                .add(HeaderName.TO, invite.header(HeaderName.FROM).orElseThrow())
                .add(HeaderName.CALL_ID, invite.callId())
                .add(HeaderName.CSEQ, cseq + " " + method.name())
                .build();
        peer.send(request, new Target(Transport.UDP, CallNetwork.ALICE, "127.0.0.1"));
    }

    private List<Inbound> requests(String method) {
        return atPeer.stream().filter(in -> in.message() instanceof SipRequest r
                && r.method().name().equals(method)).toList();
    }

    private List<SipResponse> responses(String method) {
        return atPeer.stream().filter(in -> in.message() instanceof SipResponse r
                && r.cseq().method().name().equals(method)).map(in -> (SipResponse) in.message()).toList();
    }

    @Test
    void aByeInTheOnlyEarlyDialogIsAnswered200AndEndsTheCallWithACancel() {
        Call call = net.alice.call("sip:bob@127.0.0.9");
        net.settle();
        answer(180, "ringer");
        net.settle();
        assertThat(call.state()).isEqualTo(CallState.EARLY);

        sendInEarlyDialog(Method.BYE, "ringer", 1);
        net.settle();

        assertThat(responses("BYE")).singleElement().satisfies(ok -> {
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.toTag()).isEqualTo(invite().fromTag());
        });
        assertThat(call.ended()).isCompleted();
        assertThat(call.ended().join().reason()).isEqualTo(CallEnd.Reason.REMOTE_BYE);
        // RFC 3261 §9.1: the INVITE still pending is CANCELled, so that nothing rings on.
        assertThat(requests("CANCEL")).hasSize(1);

        // A 2xx that crossed the CANCEL is ACKed and its dialog ended with BYE (§13.2.2.4, §15).
        answer(200, "ringer");
        net.settle();
        assertThat(requests("ACK")).singleElement().satisfies(ack -> assertThat(((SipRequest) ack.message())
                .toTag()).hasValue("ringer"));
        assertThat(requests("BYE")).singleElement().satisfies(bye -> assertThat(((SipRequest) bye.message())
                .requestUriText()).isEqualTo("sip:ringer@127.0.0.9:5060"));
    }

    @Test
    void aByeInOneOfTwoEarlyDialogsEndsOnlyThatOneAndTheOtherForkStillAnswers() {
        Call call = net.alice.call("sip:bob@127.0.0.9");
        net.settle();
        answer(180, "forkone");
        answer(180, "forktwo");
        net.settle();

        sendInEarlyDialog(Method.BYE, "forkone", 1);
        net.settle();

        assertThat(responses("BYE")).singleElement().satisfies(ok -> assertThat(ok.statusCode()).isEqualTo(200));
        assertThat(call.ended()).isNotDone();
        assertThat(requests("CANCEL")).isEmpty();
        // The ended early dialog takes no more requests (RFC 3261 §12.2.2: 481).
        sendInEarlyDialog(Method.BYE, "forkone", 2);
        net.settle();
        assertThat(responses("BYE")).extracting(SipResponse::statusCode).containsExactly(200, 481);

        answer(200, "forktwo");
        net.settle();
        assertThat(call.state()).isEqualTo(CallState.ESTABLISHED);
        assertThat(call.answered().join().toTag()).hasValue("forktwo");
    }

    @Test
    void infoAndOptionsInAnEarlyDialogAreAnsweredAndOtherMethodsRefused405() {
        List<SipRequest> infos = new ArrayList<>();
        Call call = net.alice.call("sip:bob@127.0.0.9", CallOptions.defaults().onInfo(infos::add));
        net.settle();
        answer(183, "early");
        net.settle();

        sendInEarlyDialog(Method.INFO, "early", 1);
        sendInEarlyDialog(Method.OPTIONS, "early", 2);
        sendInEarlyDialog(Method.UPDATE, "early", 3);
        sendInEarlyDialog(Method.INFO, "early", 1);
        net.settle();

        assertThat(responses("INFO")).extracting(SipResponse::statusCode).containsExactly(200, 500);
        assertThat(responses("OPTIONS")).extracting(SipResponse::statusCode).containsExactly(200);
        assertThat(responses("UPDATE")).extracting(SipResponse::statusCode).containsExactly(405);
        assertThat(infos).hasSize(1);
        assertThat(call.state()).isEqualTo(CallState.EARLY);
    }
}
