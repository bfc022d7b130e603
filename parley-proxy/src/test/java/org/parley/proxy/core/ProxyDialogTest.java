package org.parley.proxy.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.proxy.core.ProxyHarness.ALICE;
import static org.parley.proxy.core.ProxyHarness.BOB;
import static org.parley.proxy.core.ProxyHarness.request;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.parley.message.HeaderName;
import org.parley.message.SipRequest;
import org.parley.message.SipResponse;
import org.parley.transport.Transport;

/** A whole call through the proxy: INVITE, 2xx, ACK for the 2xx (stateless) and BYE routed by Record-Route. */
class ProxyDialogTest {
    private final ProxyHarness h = new ProxyHarness();

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    void routesTheAckAndByeOfACallByOurRecordRouteAndTracksTheCall() {
        h.register("bob", BOB, Transport.UDP, "", "");
        String callId = h.newCallId();
        h.send(ALICE, Transport.UDP, request("INVITE", "sip:bob@example.test", ALICE, Transport.UDP, "z9hG4bK-d1",
                callId, 1, "alice", "sip:bob@example.test", ""));
        h.answer(BOB, "INVITE", 200, "b", "");
        SipResponse ok = h.responses(ALICE, 200).get(0);
        assertThat(ok.headerValues(HeaderName.RECORD_ROUTE)).containsExactly("<sip:127.0.0.1:5060;lr>");
        assertThat(h.proxy.calls()).singleElement().satisfies(c -> {
            assertThat(c.callId()).isEqualTo(callId);
            assertThat(c.fromTag()).isEqualTo("from-alice");
            assertThat(c.toTag()).isEqualTo("b");
        });

        String inDialog = "Route: <sip:127.0.0.1:5060;lr>\r\n";
        h.send(ALICE, Transport.UDP, request("ACK", "sip:x@127.0.0.3:5080", ALICE, Transport.UDP, "z9hG4bK-d2",
                callId, 1, "alice", "sip:bob@example.test", inDialog)
                .replace("To: <sip:bob@example.test>", "To: <sip:bob@example.test>;tag=b"));
        SipRequest ack = h.requests(BOB, "ACK").get(0);
        assertThat(ack.hasHeader(HeaderName.ROUTE)).isFalse();
        assertThat(ack.vias()).hasSize(2);
        assertThat(h.proxy.stats().acksRelayed()).isEqualTo(1);

        h.send(ALICE, Transport.UDP, request("BYE", "sip:x@127.0.0.3:5080", ALICE, Transport.UDP, "z9hG4bK-d3",
                callId, 2, "alice", "sip:bob@example.test", inDialog)
                .replace("To: <sip:bob@example.test>", "To: <sip:bob@example.test>;tag=b"));
        assertThat(h.requests(BOB, "BYE")).hasSize(1);
        h.answer(BOB, "BYE", 200, "b", "");

        assertThat(h.responses(ALICE, 0).stream().filter(r -> r.cseq().method().name().equals("BYE"))).hasSize(1);
        assertThat(h.proxy.calls()).isEmpty();
    }

    @Test
    void relaysA2xxRetransmissionByViaAfterTheBranchTransactionEnded() {
        h.register("bob", BOB, Transport.UDP, "", "");
        h.send(ALICE, Transport.UDP, request("INVITE", "sip:bob@example.test", ALICE, Transport.UDP, "z9hG4bK-d5",
                h.newCallId(), 1, "alice", "sip:bob@example.test", ""));
        SipResponse ok = h.answer(BOB, "INVITE", 200, "b", "");
        h.advance(40_000, 1_000);
        long strays = h.layer.stats().strays();

        h.peers.get(BOB).respond(ok, h.lastRequest(BOB, "INVITE").source());
        h.settle();

        assertThat(h.layer.stats().strays()).as("no transaction matched it any more").isEqualTo(strays + 1);
        assertThat(h.responses(ALICE, 200)).as("§16.7: a 2xx always goes upstream").hasSize(2);
    }

    @Test
    void relaysTheCalleesByeOverTheCallersFlow() {
        // alice calls from behind a NAT: her Contact is private; the proxy names her flow in its Record-Route.
        h.register("bob", BOB, Transport.UDP, "", "");
        String callId = h.newCallId();
        h.send(ALICE, Transport.UDP, request("INVITE", "sip:bob@example.test", ALICE, Transport.UDP, "z9hG4bK-d4",
                callId, 1, "alice", "sip:bob@example.test", "")
                .replace("Contact: <sip:alice@127.0.0.2:5070>", "Contact: <sip:alice@192.168.1.9:5060>"));
        SipRequest invite = h.requests(BOB, "INVITE").get(0);
        String rr = invite.headerValues(HeaderName.RECORD_ROUTE).get(0);
        assertThat(rr).startsWith("<sip:pf.udp-7f000002-5070@");
        h.answer(BOB, "INVITE", 200, "b", "");

        // bob's BYE: Request-URI alice's private Contact, Route our Record-Route.
        String bye = "BYE sip:alice@192.168.1.9:5060 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.3:5080;branch=z9hG4bK-b1\r\n"
                + "Max-Forwards: 70\r\nRoute: " + rr + "\r\nFrom: <sip:bob@example.test>;tag=b\r\n"
                + "To: <sip:alice@example.test>;tag=from-alice\r\nCall-ID: " + callId + "\r\nCSeq: 1 BYE\r\n"
                + "Content-Length: 0\r\n\r\n";
        h.send(BOB, Transport.UDP, bye);

        SipRequest atAlice = h.requests(ALICE, "BYE").get(0);
        assertThat(atAlice.requestUriText()).isEqualTo("sip:alice@192.168.1.9:5060");
    }
}
