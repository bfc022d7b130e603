package org.parley.proxy.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.proxy.core.ProxyHarness.ALICE;
import static org.parley.proxy.core.ProxyHarness.BOB;
import static org.parley.proxy.core.ProxyHarness.CAROL;
import static org.parley.proxy.core.ProxyHarness.FAR;
import static org.parley.proxy.core.ProxyHarness.request;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.parley.message.HeaderName;
import org.parley.message.SipResponse;
import org.parley.transport.Transport;

/** RFC 3261 §16.6 forking and §16.7 response processing: parallel and sequential, best response, 2xx. */
class ProxyForkingTest {
    private final ProxyHarness h = new ProxyHarness();

    @AfterEach
    void close() {
        h.close();
    }

    /** bob registered at BOB and CAROL (q values given), alice calls him. */
    private void callBobAtTwoContacts(String qBob, String qCarol) {
        h.register("bob", BOB, Transport.UDP, qBob, "");
        h.register("bob", CAROL, Transport.UDP, qCarol, "");
        h.send(ALICE, Transport.UDP, request("INVITE", "sip:bob@example.test", ALICE, Transport.UDP, "z9hG4bK-f",
                "fork-call", 1, "alice", "sip:bob@example.test", ""));
    }

    @Test
    void forksInParallelAndCancelsTheOtherBranchWhenOneAnswers() {
        callBobAtTwoContacts("", "");
        assertThat(h.requests(BOB, "INVITE")).hasSize(1);
        assertThat(h.requests(CAROL, "INVITE")).hasSize(1);
        h.answer(BOB, "INVITE", 180, "b", "");
        h.answer(CAROL, "INVITE", 180, "c", "");
        assertThat(h.responses(ALICE, 180)).hasSize(2);

        h.answer(BOB, "INVITE", 200, "b", "");

        assertThat(h.responses(ALICE, 200)).hasSize(1);
        assertThat(h.requests(CAROL, "CANCEL")).as("§16.7 step 10").hasSize(1);
        assertThat(h.requests(CAROL, "CANCEL").get(0).topVia())
                .isEqualTo(h.requests(CAROL, "INVITE").get(0).topVia());
        h.answer(CAROL, "CANCEL", 200, "c", "");
        h.answer(CAROL, "INVITE", 487, "c", "");
        assertThat(h.responses(ALICE, 487)).as("the cancelled branch's 487 stays here").isEmpty();
        assertThat(h.proxy.calls()).singleElement().satisfies(c -> assertThat(c.toTag()).isEqualTo("b"));
        assertThat(h.proxy.stats().liveContexts()).isZero();
    }

    @Test
    void forwardsEvery2xxOfAForkedInvite() {
        callBobAtTwoContacts("", "");
        h.answer(BOB, "INVITE", 200, "b", "");
        h.answer(CAROL, "INVITE", 200, "c", "");

        assertThat(h.responses(ALICE, 200)).extracting(r -> r.toTag().orElseThrow()).containsExactly("b", "c");
        assertThat(h.proxy.calls()).hasSize(2);
    }

    @Test
    void forwardsA2xxRetransmission() {
        callBobAtTwoContacts("", "");
        SipResponse ok = h.answer(BOB, "INVITE", 200, "b", "");
        h.peers.get(BOB).respond(ok, h.lastRequest(BOB, "INVITE").source());
        h.settle();

        assertThat(h.responses(ALICE, 200)).as("RFC 6026: every 2xx goes upstream").hasSize(2);
        assertThat(h.proxy.calls()).hasSize(1);
    }

    @Test
    void triesTheNextQValueGroupWhenTheFirstFails() {
        callBobAtTwoContacts(";q=1.0", ";q=0.5");
        assertThat(h.requests(CAROL, "INVITE")).as("q=0.5 waits").isEmpty();

        h.answer(BOB, "INVITE", 486, "b", "");
        assertThat(h.responses(ALICE, 486)).isEmpty();
        assertThat(h.requests(CAROL, "INVITE")).hasSize(1);
        h.answer(CAROL, "INVITE", 200, "c", "");

        assertThat(h.responses(ALICE, 200)).hasSize(1);
        assertThat(h.responses(ALICE, 486)).isEmpty();
    }

    @Test
    void sendsTheBestResponseWhenEveryBranchFailed() {
        callBobAtTwoContacts(";q=1.0", ";q=0.5");
        h.answer(BOB, "INVITE", 486, "b", "");
        h.answer(CAROL, "INVITE", 404, "c", "");

        assertThat(h.responses(ALICE, 0)).extracting(SipResponse::statusCode).containsExactly(100, 486);
        assertThat(h.responses(ALICE, 486).get(0).vias()).hasSize(1);
    }

    @Test
    void a6xxCancelsTheOthersAndIsTheAnswer() {
        callBobAtTwoContacts("", "");
        h.answer(CAROL, "INVITE", 180, "c", "");
        h.answer(BOB, "INVITE", 603, "b", "");

        assertThat(h.requests(CAROL, "CANCEL")).hasSize(1);
        assertThat(h.responses(ALICE, 603)).as("waits for the cancelled branch").isEmpty();
        h.answer(CAROL, "INVITE", 487, "c", "");
        assertThat(h.responses(ALICE, 603)).hasSize(1);
        assertThat(h.responses(ALICE, 487)).isEmpty();
    }

    @Test
    void turnsA503Into500() {
        callBobAtTwoContacts(";q=1.0", ";q=0.5");
        h.answer(BOB, "INVITE", 503, "b", "");
        h.answer(CAROL, "INVITE", 503, "c", "");

        assertThat(h.responses(ALICE, 503)).isEmpty();
        assertThat(h.responses(ALICE, 500)).hasSize(1);
    }

    @Test
    void gathersTheChallengesOfEveryBranchIntoOneResponse() {
        callBobAtTwoContacts("", "");
        h.answer(BOB, "INVITE", 407, "b", "Proxy-Authenticate: Digest realm=\"b.test\", nonce=\"1\"\r\n");
        h.answer(CAROL, "INVITE", 401, "c", "WWW-Authenticate: Digest realm=\"c.test\", nonce=\"2\"\r\n");

        SipResponse challenge = h.responses(ALICE, 0).stream().filter(r -> r.statusCode() >= 400).findFirst()
                .orElseThrow();
        assertThat(challenge.headerValues(HeaderName.PROXY_AUTHENTICATE)).hasSize(1);
        assertThat(challenge.headerValues(HeaderName.WWW_AUTHENTICATE)).hasSize(1);
    }

    @Test
    void countsABranchTimeoutAs408() {
        h.register("bob", BOB, Transport.UDP, "", "");
        h.network.drop(p -> p.destination().equals(BOB), org.parley.testkit.MemoryNetwork.ALWAYS);
        h.send(ALICE, Transport.UDP, request("MESSAGE", "sip:bob@example.test", ALICE, Transport.UDP, "z9hG4bK-t",
                h.newCallId(), 1, "alice", "sip:bob@example.test", ""));
        h.advance(33_000, 100);

        assertThat(h.responses(ALICE, 408)).hasSize(1);
        assertThat(h.responses(ALICE, 408).get(0).toTag()).isPresent();
    }

    @Test
    void forwardsTheFinalResponseOfANonInviteAndEndsItsContext() {
        h.send(ALICE, Transport.UDP, request("MESSAGE", "sip:far@127.0.0.5", ALICE, Transport.UDP, "z9hG4bK-n",
                h.newCallId(), 1, "alice", "sip:far@127.0.0.5", ""));
        h.answer(FAR, "MESSAGE", 200, "f", "");

        assertThat(h.responses(ALICE, 200)).hasSize(1);
        assertThat(h.proxy.stats().liveContexts()).isZero();
    }
}
