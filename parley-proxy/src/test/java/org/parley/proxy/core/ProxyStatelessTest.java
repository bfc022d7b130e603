package org.parley.proxy.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.proxy.core.ProxyHarness.ALICE;
import static org.parley.proxy.core.ProxyHarness.BOB;
import static org.parley.proxy.core.ProxyHarness.FAR;
import static org.parley.proxy.core.ProxyHarness.request;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.parley.message.SipRequest;
import org.parley.message.SipResponse;
import org.parley.transport.Transport;

/** RFC 3261 §16.11: requests to a stateless route are relayed without transactions, responses by Via. */
class ProxyStatelessTest {
    private final ProxyHarness h = new ProxyHarness(c -> c.withStatelessRoutes(List.of("127.0.0.5")), b -> b);

    @AfterEach
    void close() {
        h.close();
    }

    private int liveTransactions() {
        CompletableFuture<Integer> live = h.layer.liveTransactions();
        h.settle();
        return live.join();
    }

    @Test
    void relaysARequestAndItsRetransmissionWithTheSameDerivedBranchAndKeepsNoTransaction() {
        String text = request("MESSAGE", "sip:far@127.0.0.5", ALICE, Transport.UDP, "z9hG4bK-s1", h.newCallId(), 1,
                "alice", "sip:far@127.0.0.5", "");
        h.send(ALICE, Transport.UDP, text);
        h.send(ALICE, Transport.UDP, text);

        List<SipRequest> got = h.requests(FAR, "MESSAGE");
        assertThat(got).hasSize(2);
        assertThat(got.get(0).topVia().branch()).isEqualTo(got.get(1).topVia().branch())
                .hasValueSatisfying(b -> assertThat(b).startsWith("z9hG4bKpp"));
        assertThat(got.get(0).maxForwards()).hasValue(69);
        assertThat(liveTransactions()).isZero();
        assertThat(h.layer.stats().statelessRequests()).isEqualTo(2);

        h.answer(FAR, "MESSAGE", 200, "f", "");
        assertThat(h.responses(ALICE, 200)).singleElement()
                .satisfies(r -> assertThat(r.vias()).hasSize(1));
        assertThat(h.proxy.stats().requestsRelayedStatelessly()).isEqualTo(2);
        assertThat(h.proxy.stats().requestsForwarded()).isZero();
    }

    @Test
    void relaysAnInviteItsCancelAndTheFinalResponsesStatelessly() {
        String callId = h.newCallId();
        h.send(ALICE, Transport.UDP, request("INVITE", "sip:far@127.0.0.5", ALICE, Transport.UDP, "z9hG4bK-s2",
                callId, 1, "alice", "sip:far@127.0.0.5", ""));
        assertThat(h.responses(ALICE, 100)).as("no 100 of our own: no transaction").isEmpty();
        h.answer(FAR, "INVITE", 180, "f", "");
        h.send(ALICE, Transport.UDP, request("CANCEL", "sip:far@127.0.0.5", ALICE, Transport.UDP, "z9hG4bK-s2",
                callId, 1, "alice", "sip:far@127.0.0.5", ""));

        SipRequest invite = h.requests(FAR, "INVITE").get(0);
        SipRequest cancel = h.requests(FAR, "CANCEL").get(0);
        assertThat(cancel.topVia().branch()).as("the CANCEL matches the INVITE downstream")
                .isEqualTo(invite.topVia().branch());
        h.answer(FAR, "CANCEL", 200, "f", "");
        h.answer(FAR, "INVITE", 487, "f", "");
        assertThat(h.responses(ALICE, 0)).extracting(SipResponse::statusCode).containsExactly(180, 200, 487);
        assertThat(liveTransactions()).isZero();
    }

    @Test
    void validatesAStatelessRequestToo() {
        h.send(ALICE, Transport.UDP, request("MESSAGE", "sip:far@127.0.0.5", ALICE, Transport.UDP, "z9hG4bK-s3",
                h.newCallId(), 1, "alice", "sip:far@127.0.0.5", "").replace("Max-Forwards: 70", "Max-Forwards: 0"));

        assertThat(h.responses(ALICE, 483)).hasSize(1);
        assertThat(h.requests(FAR, "MESSAGE")).isEmpty();
    }

    @Test
    void requestsToOtherNextHopsStayStateful() {
        h.register("bob", BOB, Transport.UDP, "", "");
        h.send(ALICE, Transport.UDP, request("MESSAGE", "sip:bob@example.test", ALICE, Transport.UDP, "z9hG4bK-s4",
                h.newCallId(), 1, "alice", "sip:bob@example.test", ""));

        assertThat(h.requests(BOB, "MESSAGE")).hasSize(1);
        assertThat(h.proxy.stats().requestsForwarded()).isEqualTo(1);
        assertThat(h.proxy.stats().requestsRelayedStatelessly()).isZero();
    }
}
