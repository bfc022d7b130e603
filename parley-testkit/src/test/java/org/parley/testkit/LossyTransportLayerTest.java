package org.parley.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.parley.message.SipRequest;
import org.parley.transport.Inbound;
import org.parley.transport.Transport;
import org.parley.transport.resolve.Target;

/** The loss-injecting wrappers, over the memory network so that every draw can be predicted. */
class LossyTransportLayerTest {
    private static final InetSocketAddress A = new InetSocketAddress("127.0.0.1", 5060);
    private static final InetSocketAddress B = new InetSocketAddress("127.0.0.2", 5060);
    private static final Target UDP_B = new Target(Transport.UDP, B, "127.0.0.2");
    private static final Target TCP_B = new Target(Transport.TCP, B, "127.0.0.2");

    private final MemoryNetwork net = new MemoryNetwork();
    private final List<Inbound> atA = new ArrayList<>();
    private final List<Inbound> atB = new ArrayList<>();

    /** The call ids 1..count that the documented draw (SplittableRandom(seed), below fraction) keeps. */
    private static List<String> kept(int count, double fraction, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        return IntStream.rangeClosed(1, count).filter(i -> random.nextDouble() >= fraction)
                .mapToObj(i -> "c" + i).toList();
    }

    private static List<String> callIds(List<Inbound> inbound) {
        return inbound.stream().map(i -> i.message().callId()).toList();
    }

    @Test
    void losesTheSendsItsSeedSaysAndCompletesTheirFutures() {
        LossyTransportLayer lossy = new LossyTransportLayer(net.endpoint(A, atA::add), 0.3, 11);
        net.endpoint(B, atB::add);
        List<CompletableFuture<Void>> futures = new ArrayList<>();
        for (int i = 1; i <= 200; i++) {
            futures.add(lossy.send(Messages.request("OPTIONS", "c" + i), UDP_B));
        }
        net.deliverAll();

        List<String> expected = kept(200, 0.3, 11);
        assertThat(callIds(atB)).isEqualTo(expected);
        assertThat(lossy.dropped()).isEqualTo(200 - expected.size()).isBetween(30L, 90L);
        assertThat(lossy.passed()).isEqualTo(expected.size());
        assertThat(futures).allSatisfy(f -> assertThat(f).isCompleted().isNotCompletedExceptionally());
    }

    @Test
    void letsEveryReliableSendPassWithoutSpendingADraw() {
        LossyTransportLayer lossy = new LossyTransportLayer(net.endpoint(A, atA::add), 0.5, 3);
        net.endpoint(B, atB::add);
        for (int i = 1; i <= 50; i++) {
            lossy.send(Messages.request("OPTIONS", "SIP/2.0/TCP 127.0.0.1:5060;branch=z9hG4bK-t" + i, "t" + i),
                    TCP_B);
            lossy.send(Messages.request("OPTIONS", "c" + i), UDP_B);
        }
        net.deliverAll();

        List<String> udp = callIds(atB).stream().filter(id -> id.startsWith("c")).toList();
        assertThat(callIds(atB).stream().filter(id -> id.startsWith("t"))).hasSize(50);
        assertThat(udp).isEqualTo(kept(50, 0.5, 3));
    }

    @Test
    void losesResponsesToo() {
        MemoryEndpoint alice = net.endpoint(A, atA::add);
        LossyTransportLayer bob = new LossyTransportLayer(net.endpoint(B, atB::add), 1.0, 5);
        alice.send(Messages.request("OPTIONS", "c1"), UDP_B);
        net.deliverAll();

        Inbound in = atB.get(0);
        assertThat(bob.respond(Messages.response((SipRequest) in.message(), 200), in.source())).isCompleted();
        net.deliverAll();
        assertThat(atA).isEmpty();
        assertThat(bob.dropped()).isEqualTo(1);
        assertThat(bob.localAddresses(Transport.UDP)).containsExactly(B);
        assertThat(bob.stats().received()).isEqualTo(1);
    }

    @Test
    void theInboundHandlerLosesWhatItsSeedSaysInArrivalOrder() {
        LossyInboundHandler lossy = new LossyInboundHandler(atB::add, 0.3, 21);
        MemoryEndpoint alice = net.endpoint(A, atA::add);
        net.endpoint(B, lossy);
        IntStream.rangeClosed(1, 200).forEach(i -> alice.send(Messages.request("OPTIONS", "c" + i), UDP_B));
        alice.send(Messages.request("OPTIONS", "SIP/2.0/TCP 127.0.0.1:5060;branch=z9hG4bK-t", "t1"), TCP_B);
        net.deliverAll();

        List<String> expected = new ArrayList<>(kept(200, 0.3, 21));
        expected.add("t1");
        assertThat(callIds(atB)).isEqualTo(expected);
        assertThat(lossy.dropped()).isEqualTo(201 - expected.size());
        assertThat(lossy.passed()).isEqualTo(expected.size());
    }

    @Test
    void aFractionOfZeroLosesNothing() {
        LossyTransportLayer lossy = new LossyTransportLayer(net.endpoint(A, atA::add), 0, 1);
        net.endpoint(B, atB::add);
        IntStream.rangeClosed(1, 20).forEach(i -> lossy.send(Messages.request("OPTIONS", "c" + i), UDP_B));
        net.deliverAll();

        assertThat(atB).hasSize(20);
        assertThat(lossy.dropped()).isZero();
    }

    @Test
    void refusesAFractionOutsideZeroToOne() {
        MemoryEndpoint alice = net.endpoint(A, atA::add);
        assertThatThrownBy(() -> new LossyTransportLayer(alice, -0.1, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0..1, was -0.1");
        assertThatThrownBy(() -> new LossyInboundHandler(atA::add, Double.NaN, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("was NaN");
    }

    @Test
    void closesTheLayerUnderIt() {
        MemoryEndpoint alice = net.endpoint(A, atA::add);
        new LossyTransportLayer(alice, 0.3, 1).close();

        assertThat(alice.isClosed()).isTrue();
    }
}
