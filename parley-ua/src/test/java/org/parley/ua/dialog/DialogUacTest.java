package org.parley.ua.dialog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.parley.ua.dialog.Flows.aliceInvite;
import static org.parley.ua.dialog.Flows.toAlice;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.parley.message.HeaderName;
import org.parley.message.Method;
import org.parley.message.SipRequest;
import org.parley.message.SipResponse;
import org.parley.message.header.CSeq;
import org.parley.message.uri.Uri;

/** The UAC side of a dialog: RFC 3261 §12.1.2, §12.2.1, §13.2.2.4. */
class DialogUacTest {
    private static final String BOB = "<sip:bob@client.biloxi.example.com;transport=tcp>";

    @Test
    void ringingWithToTagCreatesEarlyDialogWithReversedRecordRoute() {
        Dialog d = Dialog.asUac(aliceInvite(), toAlice(180, "314159", BOB));

        assertThat(d.state()).isEqualTo(DialogState.EARLY);
        assertThat(d.isUac()).isTrue();
        assertThat(d.id()).isEqualTo(new DialogId(Flows.CALL_ID, "9fxced76sl", "314159"));
        assertThat(d.routeSet()).extracting(Object::toString)
                .containsExactly("<sip:ss1.atlanta.example.com;lr>", "<sip:ss2.biloxi.example.com;lr>");
        assertThat(d.remoteTarget()).hasToString("sip:bob@client.biloxi.example.com;transport=tcp");
        assertThat(d.localTarget()).hasToString("sip:alice@client.atlanta.example.com;transport=tcp");
        assertThat(d.localUri()).hasToString("Alice <sip:alice@atlanta.example.com>");
        assertThat(d.remoteUri()).hasToString("Bob <sip:bob@biloxi.example.com>");
        assertThat(d.localSequence()).hasValue(1);
        assertThat(d.remoteSequence()).isEmpty();
        assertThat(d.isSecure()).isFalse();
    }

    @Test
    void okCreatesConfirmedDialog() {
        Dialog d = Dialog.asUac(aliceInvite(), toAlice(200, "314159", BOB));

        assertThat(d.state()).isEqualTo(DialogState.CONFIRMED);
    }

    @Test
    void confirmRecomputesRouteSetAndRemoteTargetFromTheOk() {
        Dialog d = Dialog.asUac(aliceInvite(), toAlice(183, "314159", BOB));
        SipResponse ok = Flows.response(Flows.toAliceText(200, "314159", "<sip:bob@192.0.2.4>",
                "Record-Route: <sip:ss9.biloxi.example.com;lr>\n"));

        d.confirm(ok);

        assertThat(d.state()).isEqualTo(DialogState.CONFIRMED);
        assertThat(d.routeSet()).extracting(Object::toString).containsExactly("<sip:ss9.biloxi.example.com;lr>");
        assertThat(d.remoteTarget()).hasToString("sip:bob@192.0.2.4");
    }

    @Test
    void refusesToConfirmTwiceOrWithAnotherForksOk() {
        Dialog d = Dialog.asUac(aliceInvite(), toAlice(180, "314159", BOB));

        assertThatThrownBy(() -> d.confirm(toAlice(200, "other", BOB)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("other");
        assertThatThrownBy(() -> d.confirm(toAlice(486, "314159", BOB)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("486");
        d.confirm(toAlice(200, "314159", BOB));
        assertThatThrownBy(() -> d.confirm(toAlice(200, "314159", BOB)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("CONFIRMED");
    }

    @Test
    void refusesResponsesThatCreateNoDialog() {
        assertThatThrownBy(() -> Dialog.asUac(aliceInvite(), toAlice(100, "314159", BOB)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("100");
        assertThatThrownBy(() -> Dialog.asUac(aliceInvite(), toAlice(486, "314159", BOB)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("486");
        assertThatThrownBy(() -> Dialog.asUac(aliceInvite(), toAlice(180, null, BOB)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("To has no tag");
    }

    @Test
    void refusesResponseWithoutOrWithSeveralContacts() {
        assertThatThrownBy(() -> Dialog.asUac(aliceInvite(), toAlice(200, "314159", null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exactly one Contact");
        assertThatThrownBy(() -> Dialog.asUac(aliceInvite(), toAlice(200, "314159", "<sip:a@x>, <sip:b@y>")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exactly one Contact");
        assertThatThrownBy(() -> Dialog.asUac(aliceInvite(), toAlice(200, "314159", "<sip:a@x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("malformed");
    }

    @Test
    void refusesResponseToAnotherRequest() {
        SipResponse other = toAlice(200, "314159", BOB).toBuilder().set(HeaderName.CSEQ, "2 INVITE").build();

        assertThatThrownBy(() -> Dialog.asUac(aliceInvite(), other))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not answer");
    }

    @Test
    void sipsRequestUriMakesTheDialogSecure() {
        SipRequest invite = aliceInvite().toBuilder().requestUri("sips:bob@biloxi.example.com").build();

        assertThat(Dialog.asUac(invite, toAlice(200, "314159", BOB)).isSecure()).isTrue();
    }

    @Test
    void byeFollowsTheLooseRouteSetToTheRemoteTarget() {
        Dialog d = Dialog.asUac(aliceInvite(), toAlice(200, "314159", BOB));

        SipRequest bye = d.newRequest(Method.BYE).build();

        assertThat(bye.startLine()).isEqualTo("BYE sip:bob@client.biloxi.example.com;transport=tcp SIP/2.0");
        assertThat(bye.headerValues(HeaderName.ROUTE))
                .containsExactly("<sip:ss1.atlanta.example.com;lr>", "<sip:ss2.biloxi.example.com;lr>");
        assertThat(bye.cseq()).isEqualTo(new CSeq(2, Method.BYE));
        assertThat(bye.fromTag()).hasValue("9fxced76sl");
        assertThat(bye.toTag()).hasValue("314159");
        assertThat(bye.from().uri()).hasToString("sip:alice@atlanta.example.com");
        assertThat(bye.to().uri()).hasToString("sip:bob@biloxi.example.com");
        assertThat(bye.callId()).isEqualTo(Flows.CALL_ID);
        assertThat(bye.maxForwards()).hasValue(70);
        assertThat(bye.hasHeader(HeaderName.CONTACT)).isFalse();
        assertThat(bye.hasHeader(HeaderName.VIA)).isFalse();
        assertThat(d.localSequence()).hasValue(2);
    }

    @Test
    void eachRequestTakesTheNextCSeqAndTargetRefreshesCarryContact() {
        Dialog d = Dialog.asUac(aliceInvite(), toAlice(200, "314159", BOB));

        SipRequest reinvite = d.newRequest(Method.INVITE).build();
        SipRequest update = d.newRequest(Method.UPDATE).build();
        SipRequest info = d.newRequest(Method.INFO).build();

        assertThat(reinvite.cseq()).isEqualTo(new CSeq(2, Method.INVITE));
        assertThat(update.cseq()).isEqualTo(new CSeq(3, Method.UPDATE));
        assertThat(info.cseq()).isEqualTo(new CSeq(4, Method.INFO));
        assertThat(reinvite.contacts()).singleElement().hasToString(
                "<sip:alice@client.atlanta.example.com;transport=tcp>");
        assertThat(update.hasHeader(HeaderName.CONTACT)).isTrue();
        assertThat(info.hasHeader(HeaderName.CONTACT)).isFalse();
    }

    @Test
    void strictRouterFirstTakesTheRequestUriAndTheRemoteTargetGoesLast() {
        SipResponse ok = Flows.response(Flows.toAliceText(200, "314159", BOB,
                "Record-Route: <sip:p2.example.com;lr>, <sip:p1.example.com;method=INVITE?Subject=x>\n"));
        Dialog d = Dialog.asUac(aliceInvite(), ok);

        SipRequest bye = d.newRequest(Method.BYE).build();

        // RFC 3261 §12.2.1.1: p1 is first and strict; its method parameter and headers are dropped.
        assertThat(bye.requestUriText()).isEqualTo("sip:p1.example.com");
        assertThat(bye.headerValues(HeaderName.ROUTE)).containsExactly("<sip:p2.example.com;lr>",
                "<sip:bob@client.biloxi.example.com;transport=tcp>");
    }

    @Test
    void withoutRouteSetTheRequestGoesStraightToTheRemoteTarget() {
        Dialog d = Dialog.asUac(aliceInvite(), Flows.response(Flows.toAliceText(200, "314159", BOB, "")));

        SipRequest bye = d.newRequest(Method.BYE).build();

        assertThat(d.routeSet()).isEmpty();
        assertThat(bye.requestUriText()).isEqualTo("sip:bob@client.biloxi.example.com;transport=tcp");
        assertThat(bye.hasHeader(HeaderName.ROUTE)).isFalse();
    }

    @Test
    void ackKeepsTheInviteSequenceNumberAndCarriesNoBody() {
        Dialog d = Dialog.asUac(aliceInvite(), toAlice(200, "314159", BOB));

        SipRequest ack = d.ack(toAlice(200, "314159", BOB));

        assertThat(ack.startLine()).isEqualTo("ACK sip:bob@client.biloxi.example.com;transport=tcp SIP/2.0");
        assertThat(ack.cseq()).isEqualTo(new CSeq(1, Method.ACK));
        assertThat(ack.headerValues(HeaderName.ROUTE)).hasSize(2);
        assertThat(ack.hasBody()).isFalse();
        assertThat(ack.hasHeader(HeaderName.CONTACT)).isFalse();
        assertThat(d.localSequence()).hasValue(1);
        assertThat(d.newRequest(Method.BYE).build().cseq().number()).isEqualTo(2);
    }

    @Test
    void ackCarriesTheAnswerWhenGiven() {
        Dialog d = Dialog.asUac(aliceInvite(), toAlice(200, "314159", BOB));
        byte[] sdp = "v=0\r\n".getBytes(StandardCharsets.US_ASCII);

        SipRequest ack = d.ack(toAlice(200, "314159", BOB), "application/sdp", sdp);

        assertThat(ack.body()).isEqualTo(sdp);
        assertThat(ack.contentType()).isPresent();
    }

    @Test
    void refusesToAckWhatIsNotAnOkToThisDialogsInvite() {
        Dialog early = Dialog.asUac(aliceInvite(), toAlice(180, "314159", BOB));
        Dialog d = Dialog.asUac(aliceInvite(), toAlice(200, "314159", BOB));

        assertThatThrownBy(() -> early.ack(toAlice(200, "314159", BOB))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> d.ack(toAlice(180, "314159", BOB))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.ack(toAlice(200, "271828", BOB))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesAckAndCancelFromNewRequestAndAnythingOnceTerminated() {
        Dialog d = Dialog.asUac(aliceInvite(), toAlice(200, "314159", BOB));

        assertThatThrownBy(() -> d.newRequest(Method.ACK)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.newRequest(Method.CANCEL)).isInstanceOf(IllegalArgumentException.class);
        d.terminate();
        assertThatThrownBy(() -> d.newRequest(Method.BYE)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("terminated");
    }

    @Test
    void okToReinviteReplacesTheRemoteTarget() {
        Dialog d = Dialog.asUac(aliceInvite(), toAlice(200, "314159", BOB));
        SipRequest reinvite = d.newRequest(Method.INVITE).build();
        SipResponse ok = SipResponse.responseTo(reinvite, 200).add(HeaderName.CONTACT, "<sip:bob@192.0.2.9>")
                .build();

        d.onResponse(ok);

        assertThat(d.remoteTarget()).isEqualTo(Uri.parse("sip:bob@192.0.2.9"));
        assertThat(d.state()).isEqualTo(DialogState.CONFIRMED);
    }

    @Test
    void okToNonRefreshLeavesTheRemoteTarget() {
        Dialog d = Dialog.asUac(aliceInvite(), toAlice(200, "314159", BOB));
        SipRequest info = d.newRequest(Method.INFO).build();

        d.onResponse(SipResponse.responseTo(info, 200).add(HeaderName.CONTACT, "<sip:bob@192.0.2.9>").build());

        assertThat(d.remoteTarget()).hasToString("sip:bob@client.biloxi.example.com;transport=tcp");
    }

    @Test
    void responses481And408TerminateTheDialog() {
        for (int status : new int[] {481, 408}) {
            Dialog d = Dialog.asUac(aliceInvite(), toAlice(200, "314159", BOB));
            SipRequest info = d.newRequest(Method.INFO).build();

            d.onResponse(SipResponse.responseTo(info, status).build());

            assertThat(d.state()).as("after %d", status).isEqualTo(DialogState.TERMINATED);
        }
    }

    @Test
    void otherFailuresLeaveTheDialog() {
        Dialog d = Dialog.asUac(aliceInvite(), toAlice(200, "314159", BOB));
        SipRequest info = d.newRequest(Method.INFO).build();

        d.onResponse(SipResponse.responseTo(info, 415).build());

        assertThat(d.state()).isEqualTo(DialogState.CONFIRMED);
    }

    @Test
    void refusesResponseOfAnotherDialog() {
        Dialog d = Dialog.asUac(aliceInvite(), toAlice(200, "314159", BOB));

        assertThatThrownBy(() -> d.onResponse(toAlice(200, "271828", BOB)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("271828");
    }
}
