package org.parley.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.parley.testkit.PacketFilter.between;
import static org.parley.testkit.PacketFilter.request;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.parley.message.Method;
import org.parley.message.SipRequest;
import org.parley.transport.Inbound;
import org.parley.transport.Transport;
import org.parley.transport.resolve.Target;

/** The faults the memory network applies on command, and in virtual time. */
class MemoryNetworkFaultsTest {
    private static final InetSocketAddress A = new InetSocketAddress("127.0.0.1", 5060);
    private static final InetSocketAddress B = new InetSocketAddress("127.0.0.2", 5060);
    private static final Target UDP_B = new Target(Transport.UDP, B, "127.0.0.2");
    private static final Target TCP_B = new Target(Transport.TCP, B, "127.0.0.2");

    private final MemoryNetwork net = new MemoryNetwork();
    private final List<Inbound> atB = new ArrayList<>();
    private final MemoryEndpoint alice = net.endpoint(A, in -> { });
    private final MemoryEndpoint bob = net.endpoint(B, atB::add);

    private List<String> received() {
        return atB.stream().map(i -> i.message().callId()).toList();
    }

    private void send(String method, String callId) {
        alice.send(Messages.request(method, callId), UDP_B);
    }

    private void sendNumbered(int count) {
        IntStream.rangeClosed(1, count).forEach(i -> send("OPTIONS", "c" + i));
    }

    @Test
    void dropsTheNextMatchingPacketsThenLetsThemPass() {
        FaultRule rule = net.drop(between(A, B), 2);
        sendNumbered(4);
        net.deliverAll();

        assertThat(received()).containsExactly("c3", "c4");
        assertThat(net.dropped()).isEqualTo(2);
        assertThat(rule.applied()).isEqualTo(2);
        assertThat(rule.remaining()).isZero();
    }

    @Test
    void dropsOnlyTheMethodTheFilterNames() {
        net.drop(request(Method.INVITE), MemoryNetwork.ALWAYS);
        send("INVITE", "i1");
        send("OPTIONS", "o1");
        send("INVITE", "i2");
        net.deliverAll();

        assertThat(received()).containsExactly("o1");
    }

    @Test
    void dropsTheSecondAckOnly() {
        net.drop(request(Method.ACK), 1).afterSkipping(1);
        send("ACK", "a1");
        send("ACK", "a2");
        send("ACK", "a3");
        net.deliverAll();

        assertThat(received()).containsExactly("a1", "a3");
    }

    @Test
    void aCancelledRuleStopsActing() {
        FaultRule rule = net.drop(PacketFilter.any(), MemoryNetwork.ALWAYS);
        send("OPTIONS", "c1");
        rule.cancel();
        send("OPTIONS", "c2");
        net.deliverAll();

        assertThat(received()).containsExactly("c2");
        assertThat(rule.remaining()).isZero();
    }

    @Test
    void theFirstRuleThatClaimsAPacketIsTheOnlyOneThatActs() {
        net.duplicate(request(Method.OPTIONS), 1);
        FaultRule drop = net.drop(PacketFilter.any(), 1);
        send("OPTIONS", "c1");
        send("OPTIONS", "c2");
        net.deliverAll();

        assertThat(received()).containsExactly("c1", "c1");
        assertThat(drop.applied()).isEqualTo(1);
    }

    @Test
    void duplicatesRightBehindTheOriginal() {
        net.duplicate(PacketFilter.any(), 1);
        sendNumbered(2);

        assertThat(net.inFlight()).extracting(p -> p.message().callId()).containsExactly("c1", "c1", "c2");
        net.deliverAll();
        assertThat(received()).containsExactly("c1", "c1", "c2");
        assertThat(net.duplicated()).isEqualTo(1);
        assertThat(net.delivered()).isEqualTo(3);
    }

    @Test
    void aDelayedPacketWaitsForTheVirtualClock() {
        Instant start = net.clock().instant();
        net.delay(PacketFilter.any(), 1, Duration.ofMillis(500));
        sendNumbered(2);

        assertThat(net.deliverDue()).isEqualTo(1);
        assertThat(received()).containsExactly("c2");
        assertThat(net.nextDue()).contains(start.plusMillis(500));
        net.clock().advance(Duration.ofMillis(499));
        assertThat(net.deliverDue()).isZero();
        net.clock().advance(Duration.ofMillis(1));
        assertThat(net.deliverDue()).isEqualTo(1);
        assertThat(received()).containsExactly("c2", "c1");
    }

    @Test
    void packetsGoInOrderOfDueInstantThenSendOrder() {
        net.delay(request(Method.INVITE), 1, Duration.ofMillis(200));
        send("INVITE", "late");
        net.clock().advance(Duration.ofMillis(100));
        send("OPTIONS", "early");
        net.clock().advance(Duration.ofMillis(100));
        send("OPTIONS", "same-instant");

        net.deliverDue();
        assertThat(received()).containsExactly("early", "late", "same-instant");
    }

    @Test
    void deliverAllMovesTheClockToEachDelayedPacket() {
        Instant start = net.clock().instant();
        net.delay(PacketFilter.any(), 1, Duration.ofSeconds(4));
        List<Instant> arrivals = new ArrayList<>();
        MemoryEndpoint carol = net.endpoint(new InetSocketAddress("127.0.0.3", 5060),
                in -> arrivals.add(net.clock().instant()));
        alice.send(Messages.request("OPTIONS", "c1"), new Target(Transport.UDP, carol.address(), "127.0.0.3"));

        assertThat(net.deliverAll()).isEqualTo(1);
        assertThat(arrivals).containsExactly(start.plusSeconds(4));
        assertThat(net.clock().instant()).isEqualTo(start.plusSeconds(4));
    }

    @Test
    void holdsPacketsUntilReleased() {
        net.hold(request(Method.INVITE), 1);
        send("INVITE", "i1");
        send("OPTIONS", "o1");

        net.deliverAll();
        assertThat(received()).containsExactly("o1");
        assertThat(net.held()).extracting(p -> p.message().callId()).containsExactly("i1");
        assertThat(net.nextDue()).isEmpty();

        assertThat(net.release(request(Method.INVITE))).isEqualTo(1);
        net.deliverAll();
        assertThat(received()).containsExactly("o1", "i1");
        assertThat(net.held()).isEmpty();
    }

    @Test
    void reordersAPacketBehindTheNextDeliveries() {
        net.reorder(request(Method.INVITE), 1, 2);
        send("INVITE", "i1");
        sendNumbered(3);
        net.deliverAll();

        assertThat(received()).containsExactly("c1", "c2", "i1", "c3");
    }

    @Test
    void randomLossIsReproducibleBySeed() {
        List<String> first = lossRun(42);
        List<String> again = lossRun(42);
        List<String> otherSeed = lossRun(43);

        assertThat(again).isEqualTo(first);
        assertThat(otherSeed).isNotEqualTo(first);
        // 30% of 1000: the binomial's standard deviation is about 14.5, so 700 +- 100 cannot miss by chance.
        assertThat(first.size()).isBetween(600, 800);
    }

    private static List<String> lossRun(long seed) {
        MemoryNetwork n = new MemoryNetwork();
        List<String> got = new ArrayList<>();
        MemoryEndpoint a = n.endpoint(A, in -> { });
        n.endpoint(B, in -> got.add(in.message().callId()));
        n.randomLoss(0.3, seed);
        IntStream.rangeClosed(1, 1000).forEach(i -> a.send(Messages.request("OPTIONS", "c" + i), UDP_B));
        n.deliverAll();
        assertThat(n.dropped()).isEqualTo(1000 - got.size());
        return got;
    }

    @Test
    void randomDuplicationIsReproducibleBySeed() {
        net.randomDuplication(0.5, 7);
        sendNumbered(200);
        net.deliverAll();
        List<String> first = received();

        MemoryNetwork other = new MemoryNetwork();
        List<String> got = new ArrayList<>();
        MemoryEndpoint a = other.endpoint(A, in -> { });
        other.endpoint(B, in -> got.add(in.message().callId()));
        other.randomDuplication(0.5, 7);
        IntStream.rangeClosed(1, 200).forEach(i -> a.send(Messages.request("OPTIONS", "c" + i), UDP_B));
        other.deliverAll();

        assertThat(got).isEqualTo(first);
        assertThat(first).hasSize(200 + (int) net.duplicated());
        assertThat(net.duplicated()).isBetween(50L, 150L);
    }

    @Test
    void rulesAndRandomFaultsNeverTouchAReliableTransport() {
        FaultRule drop = net.drop(PacketFilter.any(), MemoryNetwork.ALWAYS);
        net.randomLoss(1.0, 1);
        alice.send(Messages.request("OPTIONS", "SIP/2.0/TCP 127.0.0.1:5060;branch=z9hG4bK-t", "t1"), TCP_B);
        net.deliverAll();

        assertThat(received()).containsExactly("t1");
        assertThat(drop.applied()).isZero();
        assertThat(net.dropped()).isZero();
    }

    @Test
    void aResponseCanBeDelayedPastItsRetransmittedRequest() {
        // The "late response" case of issue #4: the 200 arrives after the client has sent again.
        net.delay(PacketFilter.response(200, Method.OPTIONS), 1, Duration.ofSeconds(1));
        List<Inbound> atA = new ArrayList<>();
        MemoryNetwork n = net;
        MemoryEndpoint client = n.endpoint(new InetSocketAddress("127.0.0.4", 5060), atA::add);
        SipRequest options = Messages.request("OPTIONS", "SIP/2.0/UDP 127.0.0.4:5060;branch=z9hG4bK-l", "late");
        client.send(options, UDP_B);
        n.deliverDue();
        bob.respond(Messages.response((SipRequest) atB.get(0).message(), 200), atB.get(0).source());
        n.deliverDue();
        assertThat(atA).isEmpty();

        n.clock().advance(Duration.ofMillis(500));
        client.send(options, UDP_B);
        n.deliverDue();
        assertThat(received()).containsExactly("late", "late");
        n.clock().advance(Duration.ofMillis(500));
        n.deliverDue();
        assertThat(atA).singleElement().satisfies(i -> assertThat(i.message().startLine())
                .isEqualTo("SIP/2.0 200 OK"));
    }

    @Test
    void refusesNonsenseRuleArguments() {
        assertThatThrownBy(() -> net.drop(PacketFilter.any(), 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("was 0");
        assertThatThrownBy(() -> net.delay(PacketFilter.any(), 1, Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must not be negative");
        assertThatThrownBy(() -> net.reorder(PacketFilter.any(), 1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 or more deliveries");
        assertThatThrownBy(() -> net.randomLoss(1.5, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0..1, was 1.5");
        assertThatThrownBy(() -> net.drop(PacketFilter.any(), 1).afterSkipping(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("was -1");
    }
}
