package org.parley.ua.dialog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.parley.ua.dialog.Flows.bobInvite;
import static org.parley.ua.dialog.Flows.fromBob;
import static org.parley.ua.dialog.Flows.inDialogToBob;

import org.junit.jupiter.api.Test;
import org.parley.message.HeaderName;
import org.parley.message.Method;
import org.parley.message.SipRequest;
import org.parley.message.header.CSeq;

/** The UAS side of a dialog: RFC 3261 §12.1.1, §12.2.1.1 for a UAS, §12.2.2, §15.1.2. */
class DialogUasTest {

    private static Dialog confirmed() {
        return Dialog.asUas(bobInvite(), fromBob(200));
    }

    @Test
    void okCreatesConfirmedDialogWithRecordRouteInOrder() {
        Dialog d = confirmed();

        assertThat(d.state()).isEqualTo(DialogState.CONFIRMED);
        assertThat(d.isUac()).isFalse();
        assertThat(d.id()).isEqualTo(new DialogId(Flows.CALL_ID, "314159", "9fxced76sl"));
        assertThat(d.routeSet()).extracting(Object::toString)
                .containsExactly("<sip:ss2.biloxi.example.com;lr>", "<sip:ss1.atlanta.example.com;lr>");
        assertThat(d.remoteTarget()).hasToString("sip:alice@client.atlanta.example.com;transport=tcp");
        assertThat(d.localTarget()).hasToString("sip:bob@client.biloxi.example.com;transport=tcp");
        assertThat(d.localUri()).hasToString("Bob <sip:bob@biloxi.example.com>");
        assertThat(d.remoteUri()).hasToString("Alice <sip:alice@atlanta.example.com>");
        assertThat(d.remoteSequence()).hasValue(1);
        assertThat(d.localSequence()).isEmpty();
    }

    @Test
    void ringingCreatesEarlyDialogThatTheOkConfirms() {
        Dialog d = Dialog.asUas(bobInvite(), fromBob(180));
        assertThat(d.state()).isEqualTo(DialogState.EARLY);

        d.confirm(fromBob(200));

        assertThat(d.state()).isEqualTo(DialogState.CONFIRMED);
        assertThat(d.routeSet()).hasSize(2);
    }

    @Test
    void refusesRequestWithoutContact() {
        SipRequest invite = bobInvite().toBuilder().remove(HeaderName.CONTACT).build();

        assertThatThrownBy(() -> Dialog.asUas(invite, fromBob(200)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("the request");
    }

    @Test
    void firstUasRequestStartsAtOneAndRoutesBackwards() {
        Dialog d = confirmed();

        SipRequest bye = d.newRequest(Method.BYE).build();

        assertThat(bye.startLine()).isEqualTo("BYE sip:alice@client.atlanta.example.com;transport=tcp SIP/2.0");
        assertThat(bye.headerValues(HeaderName.ROUTE))
                .containsExactly("<sip:ss2.biloxi.example.com;lr>", "<sip:ss1.atlanta.example.com;lr>");
        assertThat(bye.cseq()).isEqualTo(new CSeq(1, Method.BYE));
        assertThat(bye.from().uri()).hasToString("sip:bob@biloxi.example.com");
        assertThat(bye.fromTag()).hasValue("314159");
        assertThat(bye.to().uri()).hasToString("sip:alice@atlanta.example.com");
        assertThat(bye.toTag()).hasValue("9fxced76sl");
        assertThat(d.localSequence()).hasValue(1);
        assertThat(d.newRequest(Method.INFO).build().cseq().number()).isEqualTo(2);
    }

    @Test
    void acceptsHigherCSeqAndRemembersIt() {
        Dialog d = confirmed();

        assertThat(d.onRequest(inDialogToBob("INFO", 5, ""))).isEqualTo(new InDialogVerdict.Accept());

        assertThat(d.remoteSequence()).hasValue(5);
    }

    @Test
    void refusesLowerCSeqWith500AndKeepsState() {
        Dialog d = confirmed();
        d.onRequest(inDialogToBob("INFO", 5, ""));

        InDialogVerdict v = d.onRequest(inDialogToBob("INVITE", 4, "Contact: <sip:alice@192.0.2.50>\n"));

        assertThat(v).isInstanceOfSatisfying(InDialogVerdict.Refuse.class, r -> assertThat(r.status()).isEqualTo(500));
        assertThat(v.isAccepted()).isFalse();
        assertThat(d.remoteSequence()).hasValue(5);
        assertThat(d.remoteTarget()).hasToString("sip:alice@client.atlanta.example.com;transport=tcp");
    }

    @Test
    void acceptsEqualCSeqAsRfc3261OnlyRefusesLowerOnes() {
        Dialog d = confirmed();

        assertThat(d.onRequest(inDialogToBob("INFO", 1, "")).isAccepted()).isTrue();
    }

    @Test
    void reinviteAndUpdateReplaceTheRemoteTarget() {
        Dialog d = confirmed();

        assertThat(d.onRequest(inDialogToBob("INVITE", 2, "Contact: <sip:alice@192.0.2.50>\n")).isAccepted())
                .isTrue();
        assertThat(d.remoteTarget()).hasToString("sip:alice@192.0.2.50");
        assertThat(d.onRequest(inDialogToBob("UPDATE", 3, "Contact: <sip:alice@192.0.2.51:5070>\n")).isAccepted())
                .isTrue();
        assertThat(d.remoteTarget()).hasToString("sip:alice@192.0.2.51:5070");
        assertThat(d.newRequest(Method.BYE).build().requestUriText()).isEqualTo("sip:alice@192.0.2.51:5070");
    }

    @Test
    void nonRefreshRequestsLeaveTheRemoteTarget() {
        Dialog d = confirmed();

        d.onRequest(inDialogToBob("INFO", 2, "Contact: <sip:alice@192.0.2.50>\n"));

        assertThat(d.remoteTarget()).hasToString("sip:alice@client.atlanta.example.com;transport=tcp");
    }

    @Test
    void refreshWithoutContactKeepsTheTarget() {
        Dialog d = confirmed();

        assertThat(d.onRequest(inDialogToBob("INVITE", 2, "")).isAccepted()).isTrue();

        assertThat(d.remoteTarget()).hasToString("sip:alice@client.atlanta.example.com;transport=tcp");
    }

    @Test
    void refusesRefreshWithSeveralContactsWith400() {
        Dialog d = confirmed();

        InDialogVerdict v = d.onRequest(inDialogToBob("INVITE", 2, "Contact: <sip:a@x>, <sip:b@y>\n"));

        assertThat(v).isInstanceOfSatisfying(InDialogVerdict.Refuse.class, r -> assertThat(r.status()).isEqualTo(400));
        assertThat(d.remoteSequence()).hasValue(1);
    }

    @Test
    void ackIsAcceptedWithoutSequencing() {
        Dialog d = confirmed();
        d.onRequest(inDialogToBob("INFO", 3, ""));

        assertThat(d.onRequest(inDialogToBob("ACK", 1, "")).isAccepted()).isTrue();

        assertThat(d.remoteSequence()).hasValue(3);
    }

    @Test
    void refusesRequestOfAnotherDialogWith481() {
        Dialog d = confirmed();
        SipRequest other = inDialogToBob("INFO", 2, "").toBuilder()
                .set(HeaderName.TO, "Bob <sip:bob@biloxi.example.com>;tag=999").build();

        InDialogVerdict v = d.onRequest(other);

        assertThat(v).isEqualTo(new InDialogVerdict.Refuse(481, "Call/Transaction Does Not Exist"));
    }

    @Test
    void byeTerminatesAndLaterRequestsGet481() {
        Dialog d = confirmed();

        assertThat(d.onRequest(inDialogToBob("BYE", 2, "")).isAccepted()).isTrue();

        assertThat(d.state()).isEqualTo(DialogState.TERMINATED);
        InDialogVerdict v = d.onRequest(inDialogToBob("INFO", 3, ""));
        assertThat(v).isInstanceOfSatisfying(InDialogVerdict.Refuse.class, r -> assertThat(r.status()).isEqualTo(481));
    }

    @Test
    void refusalNeedsAnErrorStatus() {
        assertThatThrownBy(() -> new InDialogVerdict.Refuse(200, "OK")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("200");
    }
}
