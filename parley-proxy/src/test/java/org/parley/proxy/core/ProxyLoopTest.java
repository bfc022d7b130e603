package org.parley.proxy.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.parley.message.SipResponse;
import org.parley.proxy.location.MemoryLocationStore;
import org.parley.testkit.MemoryEndpoint;
import org.parley.testkit.MemoryNetwork;
import org.parley.transaction.TransactionConfig;
import org.parley.transaction.TransactionLayer;
import org.parley.transaction.VirtualLane;
import org.parley.transport.Inbound;
import org.parley.transport.Transport;
import org.parley.transport.resolve.ServerLocator;
import org.parley.transport.resolve.Target;

/**
 * Two proxies that each send c.test to the other (a misconfiguration): the request comes back to the
 * first one unchanged, which answers 482 (RFC 3261 §16.3 step 4); the 482 goes back to the caller.
 */
class ProxyLoopTest {
    private static final InetSocketAddress P1 = new InetSocketAddress("127.0.0.11", 5060);
    private static final InetSocketAddress P2 = new InetSocketAddress("127.0.0.12", 5060);
    private static final InetSocketAddress CALLER = new InetSocketAddress("127.0.0.13", 5060);

    private static ServerLocator to(InetSocketAddress next) {
        return uri -> CompletableFuture.completedFuture(List.of(new Target(Transport.UDP, next, uri.host().text())));
    }

    @Test
    void aRequestLoopingBetweenTwoProxiesIsAnswered482() {
        MemoryNetwork network = new MemoryNetwork();
        VirtualLane lane1 = new VirtualLane();
        VirtualLane lane2 = new VirtualLane();
        List<Inbound> atCaller = new ArrayList<>();
        MemoryEndpoint caller = network.endpoint(CALLER, atCaller::add);
        TransactionConfig tc = TransactionConfig.defaults().withLanes(1).withMergedRequestDetection(false);
        Proxy first = Proxy.builder(ProxyConfig.forDomains(List.of("a.test")))
                .locations(new MemoryLocationStore(InstantSource.system())).locator(to(P2)).build();
        Proxy second = Proxy.builder(ProxyConfig.forDomains(List.of("b.test")))
                .locations(new MemoryLocationStore(InstantSource.system())).locator(to(P1)).build();
        TransactionLayer l1 = TransactionLayer.start(tc, List.of(lane1), first,
                h -> network.endpoint(P1, Set.of(Transport.UDP), h));
        TransactionLayer l2 = TransactionLayer.start(tc, List.of(lane2), second,
                h -> network.endpoint(P2, Set.of(Transport.UDP), h));
        first.attach(l1);
        second.attach(l2);
        try {
            caller.send(ProxyHarness.parse(ProxyHarness.request("INVITE", "sip:x@c.test", CALLER, Transport.UDP,
                    "z9hG4bK-loop", "loop-call", 1, "alice", "sip:x@c.test", "")),
                    ProxyHarness.target(Transport.UDP, P1));
            network.settle(() -> lane1.runPending() + lane2.runPending());

            assertThat(first.stats().loopsDetected()).isEqualTo(1);
            assertThat(first.stats().requestsForwarded()).as("once, before the loop").isEqualTo(1);
            assertThat(atCaller).extracting(in -> ((SipResponse) in.message()).statusCode()).contains(482);
        } finally {
            l1.close();
            l2.close();
            caller.close();
            first.close();
            second.close();
        }
    }
}
