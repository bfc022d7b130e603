package org.parley.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.parley.message.Method;
import org.parley.message.SipResponse;
import org.parley.proxy.auth.DigestConfig;
import org.parley.proxy.auth.DigestServer;
import org.parley.proxy.auth.MemorySubscriberStore;
import org.parley.proxy.auth.Subscriber;
import org.parley.proxy.location.AddressOfRecord;
import org.parley.proxy.location.Binding;
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
import org.parley.ua.UserAgent;
import org.parley.ua.auth.DigestAlgorithm;

/**
 * The registrar example of README.md, kept compiling and true: a registrar for 127.0.0.1 (the
 * README's example.com) on loopback UDP offering MD5 alone, as old phones need, and a Parley user
 * agent registering to it through the challenge.
 */
class RegistrarReadmeExampleIT {
    @Test
    void aUserAgentRegistersThroughTheMd5Challenge() throws Exception {
        String domain = "127.0.0.1";
        // README.md: from here.
        MemorySubscriberStore subscribers = new MemorySubscriberStore();
        subscribers.put(Subscriber.withPassword("alice", domain, "secret",
                List.of(DigestAlgorithm.SHA_256, DigestAlgorithm.MD5))).join();   // hashes only
        MemoryLocationStore locations = new MemoryLocationStore(Clock.systemUTC());
        DigestServer digest = new DigestServer(DigestConfig.defaults()
                .withAlgorithms(List.of(DigestAlgorithm.MD5)), subscribers, Clock.systemUTC());   // old phones
        Registrar registrar = Registrar.authenticating(RegistrarConfig.forDomain(domain), locations, digest,
                Clock.systemUTC());
        try (EventLoopLane lane = new EventLoopLane("registrar");
                TransactionLayer server = TransactionLayer.start(TransactionConfig.defaults(), List.of(lane),
                        (tx, request) -> {
                            if (request.method().equals(Method.REGISTER)) {
                                registrar.respond(tx);                // 401, then 200 with the bindings
                            } else {
                                tx.respond(SipResponse.responseTo(request, 405).build());
                            }
                        },
                        h -> NettyTransportLayer.start(TransportConfig.of(List.of(new ListenerConfig(Transport.UDP,
                                new InetSocketAddress("127.0.0.1", 0)))), h))) {
            // README.md: to here.
            int port = server.transport().localAddresses(Transport.UDP).get(0).getPort();
            try (UserAgent alice = UserAgent.builder().identity("sip:alice@127.0.0.1").account("alice", "secret")
                    .listen("udp:127.0.0.1:0").start()) {
                List<org.parley.ua.Binding> bound = alice.register("sip:127.0.0.1:" + port).start()
                        .get(10, TimeUnit.SECONDS);
                assertThat(bound).singleElement().satisfies(b -> assertThat(b.isOurs()).isTrue());

                List<Binding> stored = locations.lookup(AddressOfRecord.parse("sip:alice@127.0.0.1")).join();
                assertThat(stored).singleElement().satisfies(b ->
                        assertThat(b.source().transport()).isEqualTo(Transport.UDP));
            }
        }
    }
}
