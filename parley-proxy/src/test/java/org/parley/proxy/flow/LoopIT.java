package org.parley.proxy.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.proxy.flow.Flows.await;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.parley.message.HeaderName;
import org.parley.message.Method;
import org.parley.message.SipResponse;
import org.parley.transport.Transport;
import org.parley.ua.UserAgent;

/**
 * Two proxies that each send {@code loop.test} to the other: the request comes back to the first,
 * which sees its own Via with the same loop hash and answers 482 (RFC 3261 §16.3 step 4, branch as
 * §16.6 step 8); a Max-Forwards that runs out on the second hop is answered 483 (§16.3 step 3), and an
 * OPTIONS with Max-Forwards 0 is answered by the proxy itself (§16.3 step 3, §11).
 */
class LoopIT {
    private static final String LOOP = "sip:someone@loop.test";

    /** Proxy A and proxy B, each routing loop.test to the other, and alice sending through A. */
    private record Loop(ProxyHarness a, ProxyHarness b, UserAgent alice) implements AutoCloseable {
        static Loop start() {
            StaticLocator toB = new StaticLocator();
            StaticLocator toA = new StaticLocator();
            ProxyHarness a = ProxyHarness.start(c -> c, Optional.of(toB));
            ProxyHarness b = null;
            try {
                b = ProxyHarness.start(c -> c, Optional.of(toA));
                toB.route("loop.test", b.address(Transport.UDP));
                toA.route("loop.test", a.address(Transport.UDP));
                return new Loop(a, b, a.userAgent("alice", Transport.UDP));
            } catch (RuntimeException e) {
                a.close();
                if (b != null) {
                    b.close();
                }
                throw e;
            }
        }

        @Override
        public void close() {
            a.close();
            b.close();
        }
    }

    @Test
    void aRequestThatComesBackThroughASecondProxyIsAnswered482() throws Exception {
        try (Loop loop = Loop.start()) {
            SipResponse response = await(loop.alice().message(LOOP, "round and round"));

            assertThat(response.statusCode()).isEqualTo(482);
            assertThat(loop.a().proxy().stats().loopsDetected()).isEqualTo(1);
            // B forwarded it once, then relayed A's 482 back.
            assertThat(loop.b().proxy().stats().requestsForwarded()).isEqualTo(1);
        }
    }

    @Test
    void maxForwardsRunningOutOnTheSecondHopIsAnswered483() throws Exception {
        try (Loop loop = Loop.start()) {
            UserAgent alice = loop.alice();
            SipResponse response = await(alice.send(alice.newRequest(Method.MESSAGE, LOOP)
                    .set(HeaderName.MAX_FORWARDS, "1").body("text/plain", "one hop only").build()));

            // A decrements 1 to 0 and forwards (§16.6 step 3); B may not forward a request with 0.
            assertThat(response.statusCode()).isEqualTo(483);
            assertThat(loop.b().proxy().stats().localReplies(483)).isEqualTo(1);
            assertThat(loop.b().proxy().stats().requestsForwarded()).isZero();
        }
    }

    @Test
    void anOptionsWithMaxForwardsZeroForTheProxyIsAnsweredByItAndOneForElsewhereGets483() throws Exception {
        try (Loop loop = Loop.start()) {
            UserAgent alice = loop.alice();
            SipResponse forUs = await(alice.send(alice.newRequest(Method.OPTIONS, "sip:" + ProxyHarness.DOMAIN)
                    .set(HeaderName.MAX_FORWARDS, "0").build()));
            // §16.3 step 3 lets the proxy answer an OPTIONS as its final recipient (§11): it does so for itself;
            // one meant for another element is refused like any other request (the MAY not taken).
            SipResponse forElsewhere = await(alice.send(alice.newRequest(Method.OPTIONS, LOOP)
                    .set(HeaderName.MAX_FORWARDS, "0").build()));

            assertThat(forUs.statusCode()).isEqualTo(200);
            assertThat(forElsewhere.statusCode()).isEqualTo(483);
            assertThat(loop.a().proxy().stats().requestsForwarded()).isZero();
            assertThat(loop.b().proxy().stats().requestsForwarded()).isZero();
        }
    }
}
