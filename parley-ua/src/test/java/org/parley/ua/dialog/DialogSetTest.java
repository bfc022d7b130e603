package org.parley.ua.dialog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.parley.ua.dialog.Flows.aliceInvite;
import static org.parley.ua.dialog.Flows.toAlice;

import org.junit.jupiter.api.Test;
import org.parley.message.HeaderName;
import org.parley.message.Method;
import org.parley.message.header.CSeq;

/** A forked INVITE (RFC 3665 §3.x style, RFC 3261 §12.1.2, §13.2.2.4): one UAC, two forks. */
class DialogSetTest {
    private static final String FORK_A = "<sip:bob@phone-a.biloxi.example.com>";
    private static final String FORK_B = "<sip:bob@phone-b.biloxi.example.com>";

    @Test
    void eachForkThatRingsGetsItsOwnEarlyDialog() {
        DialogSet set = DialogSet.forInvite(aliceInvite());

        ForkOutcome a = set.onResponse(toAlice(180, "aaa", FORK_A));
        ForkOutcome b = set.onResponse(toAlice(180, "bbb", FORK_B));
        ForkOutcome again = set.onResponse(toAlice(183, "aaa", FORK_A));

        assertThat(a).isInstanceOfSatisfying(ForkOutcome.Early.class, e -> assertThat(e.isNew()).isTrue());
        assertThat(b).isInstanceOfSatisfying(ForkOutcome.Early.class, e -> assertThat(e.isNew()).isTrue());
        assertThat(again).isEqualTo(new ForkOutcome.Early(set.dialog("aaa").orElseThrow(), false));
        assertThat(set.dialogs()).extracting(d -> d.id().remoteTag()).containsExactly("aaa", "bbb");
        assertThat(set.dialog("bbb").orElseThrow().remoteTarget()).hasToString("sip:bob@phone-b.biloxi.example.com");
        assertThat(set.confirmed()).isEmpty();
    }

    @Test
    void trying100AndRingingWithoutTagCreateNoDialog() {
        DialogSet set = DialogSet.forInvite(aliceInvite());

        assertThat(set.onResponse(toAlice(100, null, null))).isInstanceOf(ForkOutcome.NoDialog.class);
        assertThat(set.onResponse(toAlice(180, null, FORK_A))).isInstanceOf(ForkOutcome.NoDialog.class);
        assertThat(set.dialogs()).isEmpty();
    }

    @Test
    void firstOkConfirmsItsForkAndEndsTheOthers() {
        DialogSet set = DialogSet.forInvite(aliceInvite());
        set.onResponse(toAlice(180, "aaa", FORK_A));
        set.onResponse(toAlice(180, "bbb", FORK_B));

        ForkOutcome outcome = set.onResponse(toAlice(200, "bbb", FORK_B));

        Dialog b = set.dialog("bbb").orElseThrow();
        Dialog a = set.dialog("aaa").orElseThrow();
        assertThat(outcome).isInstanceOfSatisfying(ForkOutcome.Confirmed.class, c -> {
            assertThat(c.dialog()).isSameAs(b);
            assertThat(c.ended()).containsExactly(a);
            assertThat(c.ack().cseq()).isEqualTo(new CSeq(1, Method.ACK));
            assertThat(c.ack().toTag()).hasValue("bbb");
        });
        assertThat(b.state()).isEqualTo(DialogState.CONFIRMED);
        assertThat(a.state()).isEqualTo(DialogState.TERMINATED);
        assertThat(set.confirmed()).containsSame(b);
    }

    @Test
    void okWithoutProvisionalCreatesTheConfirmedDialog() {
        DialogSet set = DialogSet.forInvite(aliceInvite());

        ForkOutcome outcome = set.onResponse(toAlice(200, "ccc", FORK_A));

        assertThat(outcome).isInstanceOfSatisfying(ForkOutcome.Confirmed.class,
                c -> assertThat(c.ended()).isEmpty());
        assertThat(set.confirmed().orElseThrow().state()).isEqualTo(DialogState.CONFIRMED);
    }

    @Test
    void retransmittedOkIsAckedAgainAndNothingElse() {
        DialogSet set = DialogSet.forInvite(aliceInvite());
        ForkOutcome first = set.onResponse(toAlice(200, "bbb", FORK_B));

        ForkOutcome again = set.onResponse(toAlice(200, "bbb", FORK_B));

        assertThat(again).isInstanceOfSatisfying(ForkOutcome.Retransmission.class, r -> {
            assertThat(r.dialog()).isSameAs(((ForkOutcome.Confirmed) first).dialog());
            assertThat(r.ack().cseq()).isEqualTo(new CSeq(1, Method.ACK));
        });
    }

    @Test
    void secondOkFromAnotherForkIsAckedThenSentBye() {
        DialogSet set = DialogSet.forInvite(aliceInvite());
        set.onResponse(toAlice(180, "aaa", FORK_A));
        set.onResponse(toAlice(200, "bbb", FORK_B));

        ForkOutcome outcome = set.onResponse(toAlice(200, "aaa", FORK_A));

        assertThat(outcome).isInstanceOfSatisfying(ForkOutcome.ExtraFork.class, x -> {
            assertThat(x.dialog().id().remoteTag()).isEqualTo("aaa");
            assertThat(x.dialog().state()).isEqualTo(DialogState.CONFIRMED);
            assertThat(x.ack().cseq()).isEqualTo(new CSeq(1, Method.ACK));
            assertThat(x.ack().requestUriText()).isEqualTo("sip:bob@phone-a.biloxi.example.com");
            assertThat(x.bye().cseq()).isEqualTo(new CSeq(2, Method.BYE));
            assertThat(x.bye().toTag()).hasValue("aaa");
            assertThat(x.bye().requestUriText()).isEqualTo("sip:bob@phone-a.biloxi.example.com");
            assertThat(x.bye().headerValues(HeaderName.ROUTE)).hasSize(2);
        });
        assertThat(set.confirmed().orElseThrow().id().remoteTag()).isEqualTo("bbb");
    }

    @Test
    void retransmissionOfTheExtraForksOkIsAckedEvenAfterItsDialogEnded() {
        DialogSet set = DialogSet.forInvite(aliceInvite());
        set.onResponse(toAlice(200, "bbb", FORK_B));
        ForkOutcome.ExtraFork extra = (ForkOutcome.ExtraFork) set.onResponse(toAlice(200, "aaa", FORK_A));
        extra.dialog().terminate();

        ForkOutcome again = set.onResponse(toAlice(200, "aaa", FORK_A));

        assertThat(again).isInstanceOfSatisfying(ForkOutcome.Retransmission.class,
                r -> assertThat(r.ack().cseq()).isEqualTo(new CSeq(1, Method.ACK)));
    }

    @Test
    void provisionalFromANewForkAfterTheOkMakesNoDialog() {
        DialogSet set = DialogSet.forInvite(aliceInvite());
        set.onResponse(toAlice(200, "bbb", FORK_B));

        assertThat(set.onResponse(toAlice(180, "aaa", FORK_A))).isInstanceOf(ForkOutcome.NoDialog.class);
        assertThat(set.onResponse(toAlice(180, "bbb", FORK_B))).isInstanceOf(ForkOutcome.NoDialog.class);
    }

    @Test
    void failureBeforeAnyOkEndsEveryEarlyDialog() {
        DialogSet set = DialogSet.forInvite(aliceInvite());
        set.onResponse(toAlice(180, "aaa", FORK_A));
        set.onResponse(toAlice(180, "bbb", FORK_B));

        ForkOutcome outcome = set.onResponse(toAlice(486, "bbb", null));

        assertThat(outcome).isInstanceOfSatisfying(ForkOutcome.Failed.class, f -> {
            assertThat(f.status()).isEqualTo(486);
            assertThat(f.ended()).hasSize(2);
        });
        assertThat(set.dialogs()).allSatisfy(d -> assertThat(d.state()).isEqualTo(DialogState.TERMINATED));
        assertThat(set.onResponse(toAlice(180, "ccc", FORK_A))).isInstanceOf(ForkOutcome.NoDialog.class);
        assertThat(set.onResponse(toAlice(487, "ccc", null))).isInstanceOf(ForkOutcome.NoDialog.class);
    }

    @Test
    void refusesResponsesToAnotherInviteAndNonInvites() {
        DialogSet set = DialogSet.forInvite(aliceInvite());

        assertThatThrownBy(() -> set.onResponse(toAlice(200, "aaa", FORK_A).toBuilder()
                .set(HeaderName.CALL_ID, "other@x").build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not answer");
        assertThatThrownBy(() -> set.onResponse(toAlice(200, null, FORK_A)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("To tag");
        assertThatThrownBy(() -> DialogSet.forInvite(Flows.inDialogToBob("INFO", 1, "")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("INFO");
    }
}
