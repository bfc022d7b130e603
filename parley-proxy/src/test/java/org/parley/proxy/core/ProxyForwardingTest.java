package org.parley.proxy.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.proxy.core.ProxyHarness.ALICE;
import static org.parley.proxy.core.ProxyHarness.BOB;
import static org.parley.proxy.core.ProxyHarness.CAROL;
import static org.parley.proxy.core.ProxyHarness.FAR;
import static org.parley.proxy.core.ProxyHarness.request;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.parley.message.HeaderName;
import org.parley.message.SipRequest;
import org.parley.message.header.Via;
import org.parley.message.uri.SipUri;
import org.parley.transport.Transport;

/** RFC 3261 §16.5 and §16.6: targets from the location service or the Request-URI, and the copy sent. */
class ProxyForwardingTest {
    private final ProxyHarness h = new ProxyHarness();

    @AfterEach
    void close() {
        h.close();
    }

    private String invite(String ruri, String branch, String callId, String extra) {
        return request("INVITE", ruri, ALICE, Transport.UDP, branch, callId, 1, "alice", ruri, extra);
    }

    @Test
    void forwardsAnInviteToTheRegisteredContactWithOurViaRecordRouteAndOneHopLess() {
        h.register("bob", BOB, Transport.UDP, "", "");
        h.send(ALICE, Transport.UDP, invite("sip:bob@example.test", "z9hG4bK-a1", h.newCallId(), ""));

        assertThat(h.responses(ALICE, 100)).as("§16.2: our 100 Trying at once").hasSize(1);
        SipRequest copy = h.requests(BOB, "INVITE").get(0);
        assertThat(copy.requestUriText()).isEqualTo("sip:bob@127.0.0.3:5080");
        assertThat(copy.maxForwards()).hasValue(69);
        List<Via> vias = copy.vias();
        assertThat(vias).hasSize(2);
        assertThat(vias.get(0).host()).isEqualTo("127.0.0.1");
        assertThat(vias.get(0).port()).hasValue(5060);
        assertThat(vias.get(0).branch()).hasValueSatisfying(b -> assertThat(b).startsWith("z9hG4bKpp"));
        assertThat(vias.get(1).branch()).hasValue("z9hG4bK-a1");
        assertThat(copy.headerValues(HeaderName.RECORD_ROUTE)).containsExactly("<sip:127.0.0.1:5060;lr>");
        assertThat(h.proxy.stats().requestsForwarded()).isEqualTo(1);
    }

    @Test
    void setsMaxForwardsTo70WhenTheRequestHasNone() {
        h.register("bob", BOB, Transport.UDP, "", "");
        String text = invite("sip:bob@example.test", "z9hG4bK-a2", h.newCallId(), "")
                .replace("Max-Forwards: 70\r\n", "");
        h.send(ALICE, Transport.UDP, text);

        assertThat(h.requests(BOB, "INVITE").get(0).maxForwards()).hasValue(70);
    }

    @Test
    void answers404ForAnAddressWithoutBindings() {
        h.send(ALICE, Transport.UDP, invite("sip:nobody@example.test", "z9hG4bK-a3", h.newCallId(), ""));

        assertThat(h.responses(ALICE, 404)).hasSize(1);
        assertThat(h.responses(ALICE, 404).get(0).toTag()).isPresent();
        assertThat(h.proxy.stats().localReplies(404)).isEqualTo(1);
    }

    @Test
    void forwardsARequestForAnotherDomainToItsRequestUri() {
        h.send(ALICE, Transport.UDP, request("MESSAGE", "sip:far@127.0.0.5", ALICE, Transport.UDP, "z9hG4bK-m1",
                h.newCallId(), 1, "alice", "sip:far@127.0.0.5", ""));

        SipRequest copy = h.requests(FAR, "MESSAGE").get(0);
        assertThat(copy.requestUriText()).isEqualTo("sip:far@127.0.0.5");
        assertThat(copy.hasHeader(HeaderName.RECORD_ROUTE)).as("MESSAGE creates no dialog").isFalse();
        h.answer(FAR, "MESSAGE", 202, "f1", "");
        assertThat(h.responses(ALICE, 202)).singleElement()
                .satisfies(r -> assertThat(r.vias()).extracting(Via::branch).containsExactly(
                        java.util.Optional.of("z9hG4bK-m1")));
    }

    @Test
    void pushesTheBindingsPathAsRouteAndSendsToItsFirstHop() {
        h.register("bob", BOB, Transport.UDP, "", "Path: <sip:127.0.0.4:5090;lr>\r\nSupported: path\r\n");
        h.send(ALICE, Transport.UDP, invite("sip:bob@example.test", "z9hG4bK-a4", h.newCallId(), ""));

        assertThat(h.requests(BOB, "INVITE")).isEmpty();
        SipRequest copy = h.requests(CAROL, "INVITE").get(0);
        assertThat(copy.requestUriText()).isEqualTo("sip:bob@127.0.0.3:5080");
        assertThat(ProxyHarness.topRoute(copy).host().text()).isEqualTo("127.0.0.4");
        assertThat(copy.headerValues(HeaderName.RECORD_ROUTE)).as("the edge proxy keeps the flow, not us")
                .containsExactly("<sip:127.0.0.1:5060;lr>");
    }

    @Test
    void sendsToTheFlowOfABindingBehindANat() {
        // The Contact names a private address; the REGISTER came from BOB: the flow is BOB.
        String text = "REGISTER sip:example.test SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.7:5060;rport;branch=z9hG4bK-r\r\n"
                + "Max-Forwards: 70\r\nFrom: <sip:bob@example.test>;tag=r1\r\nTo: <sip:bob@example.test>\r\n"
                + "Call-ID: reg-nat\r\nCSeq: 1 REGISTER\r\nContact: <sip:bob@10.0.0.7:5060>\r\nExpires: 600\r\n"
                + "Content-Length: 0\r\n\r\n";
        h.send(BOB, Transport.UDP, text);
        assertThat(h.responses(BOB, 200)).hasSize(1);

        h.send(ALICE, Transport.UDP, invite("sip:bob@example.test", "z9hG4bK-a5", h.newCallId(), ""));

        SipRequest copy = h.requests(BOB, "INVITE").get(0);
        assertThat(copy.requestUriText()).isEqualTo("sip:bob@10.0.0.7:5060");
        SipUri rr = (SipUri) copy.recordRoutes().get(0).uri();
        assertThat(rr.user()).as("the callee's flow is named in our Record-Route")
                .hasValueSatisfying(u -> assertThat(u).startsWith("pf.").contains("7f000003-5080"));
    }

    @Test
    void recordRoutesTwiceWhenTheRequestChangesTransport() {
        h.register("bob", BOB, Transport.TCP, "", "");
        h.send(ALICE, Transport.UDP, invite("sip:bob@example.test", "z9hG4bK-a6", h.newCallId(), ""));

        SipRequest copy = h.requests(BOB, "INVITE").get(0);
        assertThat(copy.topVia().transport()).isEqualTo("TCP");
        List<String> rr = copy.headerValues(HeaderName.RECORD_ROUTE);
        assertThat(rr).hasSize(2);
        assertThat(rr.get(0)).as("RFC 5658: the outgoing side on top").contains("transport=tcp");
        assertThat(rr.get(1)).doesNotContain("transport=");
    }

    @Test
    void recordRoutesWithASipsUriWhenTheRequestUriIsSips() {
        h.send(ALICE, Transport.UDP, invite("sips:far@127.0.0.5", "z9hG4bK-a7", h.newCallId(), ""));

        assertThat(h.requests(FAR, "INVITE").get(0).headerValues(HeaderName.RECORD_ROUTE))
                .containsExactly("<sips:127.0.0.1:5060;lr>");
    }

    @Test
    void addsNoRecordRouteWhenConfiguredNotTo() {
        try (ProxyHarness quiet = new ProxyHarness(c -> c.withRecordRoute(false), b -> b)) {
            quiet.send(ALICE, Transport.UDP, invite("sip:far@127.0.0.5", "z9hG4bK-a8", quiet.newCallId(), ""));

            assertThat(quiet.requests(FAR, "INVITE").get(0).hasHeader(HeaderName.RECORD_ROUTE)).isFalse();
        }
    }

    @Test
    void passesRegisterForOurDomainToTheRegistrar() {
        h.register("carol", CAROL, Transport.UDP, "", "");

        assertThat(h.locations.lookup(new org.parley.proxy.location.AddressOfRecord("carol", "example.test"))
                .join()).hasSize(1);
        assertThat(h.proxy.stats().requestsForwarded()).isZero();
    }
}
