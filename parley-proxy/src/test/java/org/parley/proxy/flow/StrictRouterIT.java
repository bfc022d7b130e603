package org.parley.proxy.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.parley.message.HeaderName;
import org.parley.message.SipRequest;
import org.parley.message.SipResponse;
import org.parley.transport.Transport;

/**
 * The proxy next to a strict router (RFC 2543 routing), played by a raw UDP socket: a request whose
 * Request-URI is the proxy's own Record-Route value gets its last Route as Request-URI (RFC 3261
 * §16.4, example in §16.12.1.2 and after), and a request whose next Route has no {@code lr} goes to
 * that strict router with the Route in the Request-URI and the Request-URI appended to the Route
 * (§16.6 step 6, §16.12.1.2). Responses come back along the Vias.
 */
class StrictRouterIT {
    private static final String BODY_HEADERS = "Content-Type: text/plain\nContent-Length: 2\n\nhi";

    @Test
    void aRequestUriOfOursFromAStrictRouterIsReplacedByTheLastRoute() throws Exception {
        try (ProxyHarness harness = ProxyHarness.start(c -> c, Optional.of(new StaticLocator()));
                RawPeer strict = new RawPeer(); RawPeer callee = new RawPeer()) {
            int proxyPort = harness.address(Transport.UDP).getPort();
            strict.send("MESSAGE sip:127.0.0.1:" + proxyPort + ";lr SIP/2.0\n"
                    + "Via: SIP/2.0/UDP 127.0.0.1:" + strict.port() + ";branch=z9hG4bK-strict-1;rport\n"
                    + "Max-Forwards: 70\nFrom: <sip:alice@example.test>;tag=s1\nTo: <sip:bob@127.0.0.1>\n"
                    + "Call-ID: strict-1@127.0.0.1\nCSeq: 1 MESSAGE\n"
                    + "Route: <sip:bob@127.0.0.1:" + callee.port() + ">\n" + BODY_HEADERS,
                    harness.address(Transport.UDP));

            RawPeer.Received in = callee.receive();
            SipRequest forwarded = (SipRequest) in.message();
            assertThat(forwarded.requestUriText()).isEqualTo("sip:bob@127.0.0.1:" + callee.port());
            assertThat(forwarded.routes()).isEmpty();
            assertThat(forwarded.header(HeaderName.MAX_FORWARDS)).hasValue("69");
            assertThat(forwarded.vias()).hasSize(2);
            assertThat(forwarded.vias().get(0).port()).hasValue(proxyPort);

            callee.send(SipResponse.responseTo(forwarded, 200).build(), in.from());
            SipResponse back = (SipResponse) strict.receive().message();
            assertThat(back.statusCode()).isEqualTo(200);
            assertThat(back.vias()).hasSize(1);
            assertThat(back.callId()).isEqualTo("strict-1@127.0.0.1");
        }
    }

    @Test
    void aNextHopWithoutLrGetsTheRouteAsRequestUriAndTheRequestUriAsLastRoute() throws Exception {
        try (ProxyHarness harness = ProxyHarness.start(c -> c, Optional.of(new StaticLocator()));
                RawPeer caller = new RawPeer(); RawPeer strict = new RawPeer()) {
            int proxyPort = harness.address(Transport.UDP).getPort();
            String target = "sip:bob@127.0.0.1:5999";
            caller.send("MESSAGE " + target + " SIP/2.0\n"
                    + "Via: SIP/2.0/UDP 127.0.0.1:" + caller.port() + ";branch=z9hG4bK-strict-2;rport\n"
                    + "Max-Forwards: 70\nFrom: <sip:alice@example.test>;tag=s2\nTo: <sip:bob@127.0.0.1>\n"
                    + "Call-ID: strict-2@127.0.0.1\nCSeq: 1 MESSAGE\n"
                    + "Route: <sip:127.0.0.1:" + proxyPort + ";lr>, <sip:127.0.0.1:" + strict.port() + ">\n"
                    + BODY_HEADERS, harness.address(Transport.UDP));

            RawPeer.Received in = strict.receive();
            SipRequest forwarded = (SipRequest) in.message();
            assertThat(forwarded.requestUriText()).isEqualTo("sip:127.0.0.1:" + strict.port());
            assertThat(forwarded.routes()).singleElement()
                    .satisfies(r -> assertThat(r.uri().toString()).isEqualTo(target));
            assertThat(forwarded.vias()).hasSize(2);

            strict.send(SipResponse.responseTo(forwarded, 202).build(), in.from());
            SipResponse back = (SipResponse) caller.receive().message();
            assertThat(back.statusCode()).isEqualTo(202);
            assertThat(back.callId()).isEqualTo("strict-2@127.0.0.1");
        }
    }
}
