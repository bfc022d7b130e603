package org.parley.proxy.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.parley.proxy.location.MemoryLocationStore;
import org.parley.proxy.registrar.Registrar;
import org.parley.proxy.registrar.RegistrarConfig;
import org.parley.transaction.EventLoopLane;
import org.parley.transaction.TransactionConfig;
import org.parley.transaction.TransactionLayer;
import org.parley.transport.ListenerConfig;
import org.parley.transport.NettyTransportLayer;
import org.parley.transport.Transport;
import org.parley.transport.TransportConfig;
import org.parley.transport.resolve.Target;
import org.parley.ua.Call;
import org.parley.ua.CallEnd;
import org.parley.ua.UserAgent;

/**
 * The proxy on real sockets (127.0.0.1, UDP and TCP, ephemeral ports): bob, a Parley user agent,
 * registers through it, alice calls sip:bob@example.test through it, bob answers, one of them hangs up;
 * the BYE follows the Record-Route (over the other side's flow when it is a TCP connection). Over one
 * transport and across the two (RFC 5658 double Record-Route).
 */
class ProxyIT {
    private static final long WAIT_SECONDS = 10;

    @ParameterizedTest(name = "alice over {0}, bob over {1}, {2} hangs up")
    @CsvSource({"udp,udp,alice", "tcp,tcp,alice", "udp,tcp,alice", "tcp,tcp,bob", "tcp,udp,bob"})
    void bobRegistersAndAliceCallsHimThroughTheProxy(String aliceTransport, String bobTransport, String hangsUp)
            throws Exception {
        MemoryLocationStore store = new MemoryLocationStore(InstantSource.system());
        Registrar registrar = Registrar.open(RegistrarConfig.forDomain("example.test"), store,
                InstantSource.system());
        List<EventLoopLane> lanes = List.of(new EventLoopLane("proxy-lane-0"), new EventLoopLane("proxy-lane-1"));
        Proxy proxy = Proxy.builder(ProxyConfig.forDomains(List.of("example.test"))).locations(store)
                .registrar(registrar).locator(ProxyHarness.locator()).build();
        TransportConfig transport = TransportConfig.of(List.of(
                new ListenerConfig(Transport.UDP, new InetSocketAddress("127.0.0.1", 0)),
                new ListenerConfig(Transport.TCP, new InetSocketAddress("127.0.0.1", 0))));
        TransactionLayer layer = TransactionLayer.start(TransactionConfig.defaults().withLanes(2)
                .withMergedRequestDetection(false), lanes, proxy, h -> NettyTransportLayer.start(transport, h));
        List<AutoCloseable> toClose = new ArrayList<>();
        try {
            proxy.attach(layer);
            UserAgent bob = userAgent("bob", bobTransport, layer);
            toClose.add(bob);
            UserAgent alice = userAgent("alice", aliceTransport, layer);
            toClose.add(alice);
            bob.register("sip:example.test").start().get(WAIT_SECONDS, TimeUnit.SECONDS);
            CompletableFuture<Call> bobsCall = new CompletableFuture<>();
            bob.onIncomingCall(in -> {
                in.ring();
                in.answer();
                bobsCall.complete(in.call());
            });

            Call call = alice.call("sip:bob@example.test");
            call.established().get(WAIT_SECONDS, TimeUnit.SECONDS);
            Call answered = bobsCall.get(WAIT_SECONDS, TimeUnit.SECONDS);
            answered.established().get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(proxy.calls()).hasSize(1);
            Call hangingUp = hangsUp.equals("alice") ? call : answered;
            Call other = hangingUp == call ? answered : call;
            hangingUp.hangup();

            assertThat(hangingUp.ended().get(WAIT_SECONDS, TimeUnit.SECONDS).reason())
                    .isEqualTo(CallEnd.Reason.LOCAL_BYE);
            assertThat(other.ended().get(WAIT_SECONDS, TimeUnit.SECONDS).reason()).isEqualTo(CallEnd.Reason.REMOTE_BYE);
            assertThat(proxy.stats().requestsForwarded()).as("INVITE and BYE").isGreaterThanOrEqualTo(2);
            assertThat(proxy.stats().acksRelayed()).isEqualTo(1);
            assertThat(proxy.calls()).isEmpty();
        } finally {
            for (AutoCloseable c : toClose) {
                c.close();
            }
            layer.close();
            proxy.close();
            lanes.forEach(EventLoopLane::close);
        }
    }

    /** A user agent of example.test over {@code transport}, whose next hop for example.test is the proxy. */
    private static UserAgent userAgent(String user, String transport, TransactionLayer proxyLayer) {
        Transport t = Transport.of(transport.toUpperCase(Locale.ROOT));
        InetSocketAddress proxyAddress = proxyLayer.transport().localAddresses(t).get(0);
        return UserAgent.builder().identity("sip:" + user + "@example.test").listen(transport + ":127.0.0.1:0")
                .locator(uri -> CompletableFuture.completedFuture(List.of(uri.host().text().equals("example.test")
                        ? new Target(t, proxyAddress, "example.test")
                        : new Target(t, new InetSocketAddress(uri.host().text(), uri.port().orElse(5060)),
                                uri.host().text()))))
                .start();
    }
}
