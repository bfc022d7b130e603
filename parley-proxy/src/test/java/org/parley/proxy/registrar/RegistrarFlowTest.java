package org.parley.proxy.registrar;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.parley.message.SipRequest;
import org.parley.proxy.auth.DigestConfig;
import org.parley.proxy.auth.DigestServer;
import org.parley.proxy.auth.MemorySubscriberStore;
import org.parley.proxy.auth.Subscriber;
import org.parley.proxy.location.AddressOfRecord;
import org.parley.proxy.location.Binding;
import org.parley.proxy.location.MemoryLocationStore;
import org.parley.testkit.MemoryNetwork;
import org.parley.transaction.ServerTransaction;
import org.parley.transaction.TransactionConfig;
import org.parley.transaction.TransactionLayer;
import org.parley.transaction.TransactionUser;
import org.parley.transaction.VirtualLane;
import org.parley.transport.Transport;
import org.parley.transport.resolve.Target;
import org.parley.ua.Registration;
import org.parley.ua.RegistrationState;
import org.parley.ua.UserAgent;
import org.parley.ua.auth.DigestAlgorithm;

/**
 * A Parley user agent registers through the transaction layer, over the memory network, with the
 * registrar challenging it: the whole REGISTER flow of RFC 3261 §10.2 and §22.2, in virtual time.
 */
class RegistrarFlowTest {
    private static final InetSocketAddress UA = new InetSocketAddress("127.0.0.1", 5060);
    private static final InetSocketAddress SERVER = new InetSocketAddress("127.0.0.2", 5060);

    private final MemoryNetwork network = new MemoryNetwork();
    private final VirtualLane lane = new VirtualLane();
    private final MemoryLocationStore locations = new MemoryLocationStore(network.clock());
    private final MemorySubscriberStore subscribers = new MemorySubscriberStore();
    private final List<SipRequest> received = new ArrayList<>();
    private TransactionLayer server;
    private UserAgent ua;

    private void start(DigestAlgorithm offered, String password) {
        subscribers.put(Subscriber.withPassword("alice", "example.com", "secret",
                List.of(DigestAlgorithm.MD5, DigestAlgorithm.SHA_256))).join();
        DigestServer digest = new DigestServer(DigestConfig.defaults().withAlgorithms(List.of(offered)), subscribers,
                network.clock());
        Registrar registrar = Registrar.authenticating(RegistrarConfig.forDomain("example.com"), locations, digest,
                network.clock());
        TransactionUser user = (ServerTransaction tx, SipRequest request) -> {
            received.add(request);
            registrar.respond(tx);
        };
        server = TransactionLayer.start(TransactionConfig.defaults(), List.of(lane), user,
                handler -> network.endpoint(SERVER, handler));
        ua = UserAgent.builder().identity("Alice <sip:alice@example.com>").account("alice", password)
                .transport(handler -> network.endpoint(UA, handler)).lanes(List.of(lane))
                .locator(uri -> CompletableFuture.completedFuture(List.of(new Target(Transport.UDP, SERVER,
                        "example.com"))))
                .callbackExecutor(Runnable::run).start();
    }

    @AfterEach
    void close() {
        if (ua != null) {
            ua.close();
        }
        if (server != null) {
            server.close();
        }
        network.settle(lane::runPending);
    }

    @ParameterizedTest
    @EnumSource(value = DigestAlgorithm.class, names = {"MD5", "SHA_256"})
    void aUserAgentRegistersAfterTheChallengeAndIsFoundInTheStore(DigestAlgorithm algorithm) {
        start(algorithm, "secret");
        Registration r = ua.register("sip:example.com");
        CompletableFuture<List<org.parley.ua.Binding>> first = r.start();
        network.settle(lane::runPending);

        assertThat(first).isCompletedWithValueMatching(b -> b.size() == 1 && b.get(0).isOurs());
        assertThat(r.state()).isEqualTo(RegistrationState.REGISTERED);
        assertThat(received).hasSize(2);
        assertThat(received.get(1).authorization().get(0).algorithm()).hasValue(algorithm.token());
        List<Binding> stored = locations.lookup(new AddressOfRecord("alice", "example.com")).join();
        assertThat(stored).singleElement().satisfies(b -> {
            assertThat(b.source().remote()).isEqualTo(UA);
            assertThat(b.source().transport()).isEqualTo(Transport.UDP);
            assertThat(b.callId()).isEqualTo(r.callId());
        });

        CompletableFuture<List<org.parley.ua.Binding>> removed = r.unregister();
        network.settle(lane::runPending);
        assertThat(removed).isDone();
        assertThat(locations.count().join().bindings()).isZero();
    }

    @ParameterizedTest
    @EnumSource(value = DigestAlgorithm.class, names = {"MD5", "SHA_256"})
    void aWrongPasswordLeavesNoBinding(DigestAlgorithm algorithm) {
        start(algorithm, "guess");
        Registration r = ua.register("sip:example.com");
        CompletableFuture<List<org.parley.ua.Binding>> first = r.start();
        network.settle(lane::runPending);

        assertThat(first).isCompletedExceptionally();
        assertThat(r.state()).isNotEqualTo(RegistrationState.REGISTERED);
        assertThat(locations.count().join().bindings()).isZero();
    }
}
