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
import org.parley.message.SipRequest;
import org.parley.transport.Transport;

/** RFC 3261 §16.4: Route pre-processing, loose and strict routing. */
class ProxyRouteTest {
    private final ProxyHarness h = new ProxyHarness();

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    void removesTheRouteNamingUsAndLooseRoutesToTheNext() {
        h.send(ALICE, Transport.UDP, request("MESSAGE", "sip:bob@127.0.0.3:5080", ALICE, Transport.UDP,
                "z9hG4bK-r1", h.newCallId(), 1, "alice", "sip:bob@example.test",
                "Route: <sip:127.0.0.1:5060;lr>, <sip:127.0.0.4:5090;lr>\r\n"));

        assertThat(h.requests(BOB, "MESSAGE")).isEmpty();
        SipRequest copy = h.requests(CAROL, "MESSAGE").get(0);
        assertThat(copy.routes()).hasSize(1);
        assertThat(ProxyHarness.topRoute(copy).host().text()).isEqualTo("127.0.0.4");
        assertThat(copy.requestUriText()).isEqualTo("sip:bob@127.0.0.3:5080");
    }

    @Test
    void removesARouteNamingOurDomain() {
        h.send(ALICE, Transport.UDP, request("MESSAGE", "sip:far@127.0.0.5", ALICE, Transport.UDP,
                "z9hG4bK-r2", h.newCallId(), 1, "alice", "sip:far@127.0.0.5", "Route: <sip:example.test;lr>\r\n"));

        SipRequest copy = h.requests(FAR, "MESSAGE").get(0);
        assertThat(copy.hasHeader(HeaderName.ROUTE)).isFalse();
    }

    @Test
    void restoresTheRequestUriAStrictRouterReplacedWithOurRecordRoute() {
        // §16.4: the Request-URI is our Record-Route value; the last Route holds the real Request-URI.
        h.send(ALICE, Transport.UDP, request("BYE", "sip:127.0.0.1:5060;lr", ALICE, Transport.UDP, "z9hG4bK-r3",
                h.newCallId(), 2, "alice", "sip:bob@example.test", "Route: <sip:bob@127.0.0.3:5080>\r\n")
                .replace("To: <sip:bob@example.test>", "To: <sip:bob@example.test>;tag=b1"));

        SipRequest copy = h.requests(BOB, "BYE").get(0);
        assertThat(copy.requestUriText()).isEqualTo("sip:bob@127.0.0.3:5080");
        assertThat(copy.hasHeader(HeaderName.ROUTE)).isFalse();
    }

    @Test
    void addressesARequestToAStrictRouterNextHopAndMovesTheRequestUriToTheRouteEnd() {
        h.send(ALICE, Transport.UDP, request("MESSAGE", "sip:bob@127.0.0.3:5080", ALICE, Transport.UDP,
                "z9hG4bK-r7", h.newCallId(), 1, "alice", "sip:bob@example.test",
                "Route: <sip:127.0.0.4:5090>, <sip:127.0.0.5;lr>\r\n"));

        SipRequest copy = h.requests(CAROL, "MESSAGE").get(0);
        assertThat(copy.requestUriText()).isEqualTo("sip:127.0.0.4:5090");
        assertThat(copy.routes()).extracting(a -> a.uri().toString())
                .containsExactly("sip:127.0.0.5;lr", "sip:bob@127.0.0.3:5080");
    }

    @Test
    void routesAnInDialogRequestOverTheFlowNamedInOurRoute() {
        // A Route of ours naming BOB's flow; the request comes from ALICE: it goes to the flow, not the URI.
        Flow bob = new Flow(Transport.UDP, BOB);
        h.send(ALICE, Transport.UDP, request("BYE", "sip:bob@10.0.0.7:5060", ALICE, Transport.UDP, "z9hG4bK-r4",
                h.newCallId(), 2, "alice", "sip:bob@example.test", "Route: <sip:" + Flow.userPart(
                        java.util.List.of(bob)).orElseThrow() + "@127.0.0.1:5060;lr>\r\n")
                .replace("To: <sip:bob@example.test>", "To: <sip:bob@example.test>;tag=b1"));

        SipRequest copy = h.requests(BOB, "BYE").get(0);
        assertThat(copy.requestUriText()).isEqualTo("sip:bob@10.0.0.7:5060");
    }

    @Test
    void ignoresTheFlowARequestArrivedOn() {
        Flow alice = new Flow(Transport.UDP, ALICE);
        h.send(ALICE, Transport.UDP, request("BYE", "sip:far@127.0.0.5", ALICE, Transport.UDP, "z9hG4bK-r5",
                h.newCallId(), 2, "alice", "sip:far@127.0.0.5", "Route: <sip:" + Flow.userPart(
                        java.util.List.of(alice)).orElseThrow() + "@127.0.0.1:5060;lr>\r\n")
                .replace("To: <sip:far@127.0.0.5>", "To: <sip:far@127.0.0.5>;tag=f1"));

        assertThat(h.requests(FAR, "BYE")).hasSize(1);
    }

    @Test
    void answersARequestForTheDomainItselfOrForUs404() {
        h.send(ALICE, Transport.UDP, request("MESSAGE", "sip:example.test", ALICE, Transport.UDP, "z9hG4bK-r8",
                h.newCallId(), 1, "alice", "sip:example.test", ""));
        h.send(ALICE, Transport.UDP, request("INVITE", "sip:127.0.0.1:5060", ALICE, Transport.UDP, "z9hG4bK-r9",
                h.newCallId(), 1, "alice", "sip:127.0.0.1:5060", ""));

        assertThat(h.responses(ALICE, 404)).hasSize(2);
        assertThat(h.proxy.stats().requestsForwarded()).isZero();
    }

    @Test
    void passesARegisterAddressedToOurAddressToTheRegistrar() {
        // The registrar serves example.test only: its own answer (404, domain not served) comes back.
        h.send(BOB, Transport.UDP, request("REGISTER", "sip:127.0.0.1:5060", BOB, Transport.UDP, "z9hG4bK-r10",
                h.newCallId(), 1, "bob", "sip:bob@example.test", ""));

        assertThat(h.responses(BOB, 404)).singleElement()
                .satisfies(r -> assertThat(r.reasonPhrase()).contains("domain not served"));
        assertThat(h.proxy.stats().requestsForwarded()).isZero();
    }

    @Test
    void answersAnOptionsForItself200() {
        h.send(ALICE, Transport.UDP, request("OPTIONS", "sip:example.test", ALICE, Transport.UDP, "z9hG4bK-r6",
                h.newCallId(), 1, "alice", "sip:example.test", ""));

        assertThat(h.responses(ALICE, 200)).singleElement()
                .satisfies(r -> assertThat(r.hasHeader(HeaderName.ALLOW)).isTrue());
    }
}
