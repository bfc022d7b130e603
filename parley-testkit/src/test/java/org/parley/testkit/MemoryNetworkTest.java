package org.parley.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.parley.message.SipParser;
import org.parley.message.SipRequest;
import org.parley.message.header.Via;
import org.parley.transport.Inbound;
import org.parley.transport.Transport;
import org.parley.transport.resolve.Target;

/** Delivery, addressing, connections and bounds of the memory network, without faults. */
class MemoryNetworkTest {
    private static final InetSocketAddress A = new InetSocketAddress("127.0.0.1", 5060);
    private static final InetSocketAddress B = new InetSocketAddress("127.0.0.2", 5060);
    private static final InetSocketAddress NOBODY = new InetSocketAddress("127.0.0.9", 5060);

    private final MemoryNetwork net = new MemoryNetwork();
    private final List<Inbound> atA = new ArrayList<>();
    private final List<Inbound> atB = new ArrayList<>();
    private final MemoryEndpoint alice = net.endpoint(A, atA::add);
    private final MemoryEndpoint bob = net.endpoint(B, atB::add);

    private static Target udp(InetSocketAddress to) {
        return new Target(Transport.UDP, to, to.getHostString());
    }

    private static Target tcp(InetSocketAddress to) {
        return new Target(Transport.TCP, to, to.getHostString());
    }

    private static List<String> callIds(List<Inbound> inbound) {
        return inbound.stream().map(i -> i.message().callId()).toList();
    }

    @Test
    void deliversNothingUntilTheTestSaysSoThenInSendOrder() {
        alice.send(Messages.request("OPTIONS", "c1"), udp(B));
        alice.send(Messages.request("OPTIONS", "c2"), udp(B));
        alice.send(Messages.request("OPTIONS", "c3"), udp(B));
        assertThat(atB).isEmpty();
        assertThat(net.inFlight()).hasSize(3);

        assertThat(net.deliverNext()).hasValueSatisfying(p -> assertThat(p.message().callId()).isEqualTo("c1"));
        assertThat(callIds(atB)).containsExactly("c1");
        assertThat(net.deliverAll()).isEqualTo(2);
        assertThat(callIds(atB)).containsExactly("c1", "c2", "c3");
        assertThat(net.deliverNext()).isEmpty();
        assertThat(net.sent()).isEqualTo(3);
        assertThat(net.delivered()).isEqualTo(3);
        assertThat(bob.stats().received()).isEqualTo(3);
    }

    @Test
    void showsThePacketsInFlightWithSourceDestinationTransportAndMessage() {
        CompletableFuture<Void> sent = alice.send(Messages.request("INVITE", "c1"), udp(B));

        assertThat(sent).isCompleted();
        assertThat(net.inFlight()).singleElement().satisfies(p -> {
            assertThat(p.source()).isEqualTo(A);
            assertThat(p.destination()).isEqualTo(B);
            assertThat(p.transport()).isEqualTo(Transport.UDP);
            assertThat(p.connectionId()).isZero();
            assertThat(p.message().startLine()).isEqualTo("INVITE sip:bob@127.0.0.2 SIP/2.0");
            assertThat(p.due()).isEqualTo(net.clock().instant());
            assertThat(p.toString()).contains("INVITE sip:bob@127.0.0.2");
        });
    }

    @Test
    void stampsTheTopViaOfADeliveredRequestAndGivesTheUdpSource() {
        // RFC 3261 §18.2.1 and RFC 3581 §4: sent-by differs from the packet's source, rport asked for.
        alice.send(Messages.request("OPTIONS", "SIP/2.0/UDP client.invalid:5099;branch=z9hG4bK-1;rport", "c1"),
                udp(B));
        net.deliverAll();

        Inbound in = atB.get(0);
        Via top = in.message().topVia();
        assertThat(top.received()).contains("127.0.0.1");
        assertThat(top.rport()).hasValue(5060);
        assertThat(in.source().transport()).isEqualTo(Transport.UDP);
        assertThat(in.source().remote()).isEqualTo(A);
        assertThat(in.source().local()).isEqualTo(B);
        assertThat(in.source().connectionId()).isZero();
    }

    @Test
    void respondsOverUdpToTheViaReceivedAndRport() {
        alice.send(Messages.request("OPTIONS", "SIP/2.0/UDP client.invalid:5099;branch=z9hG4bK-1;rport", "c1"),
                udp(B));
        net.deliverAll();
        Inbound in = atB.get(0);

        assertThat(bob.respond(Messages.response((SipRequest) in.message(), 200), in.source())).isCompleted();
        assertThat(net.inFlight()).singleElement().satisfies(p -> assertThat(p.destination()).isEqualTo(A));
        net.deliverAll();
        assertThat(atA).singleElement().satisfies(i -> assertThat(i.message().startLine()).isEqualTo(
                "SIP/2.0 200 OK"));
    }

    @Test
    void respondsOverTheRequestsConnectionOnAReliableTransport() {
        // The Via names a port nobody listens on: only the connection can carry the response back (§18.2.2).
        alice.send(Messages.request("OPTIONS", "SIP/2.0/TCP 127.0.0.1:7777;branch=z9hG4bK-1", "c1"), tcp(B));
        net.deliverAll();
        Inbound in = atB.get(0);
        assertThat(in.source().transport()).isEqualTo(Transport.TCP);
        assertThat(in.source().connectionId()).isPositive();

        bob.respond(Messages.response((SipRequest) in.message(), 200), in.source());
        net.deliverAll();
        assertThat(atA).singleElement().satisfies(i -> {
            assertThat(i.source().connectionId()).isEqualTo(in.source().connectionId());
            assertThat(i.source().remote()).isEqualTo(B);
        });
        assertThat(net.lost()).isZero();
    }

    @Test
    void reusesTheConnectionEitherWayRound() {
        alice.send(Messages.request("OPTIONS", "c1"), tcp(B));
        bob.send(Messages.request("OPTIONS", "c2"), tcp(A));
        net.deliverAll();

        assertThat(atA.get(0).source().connectionId()).isEqualTo(atB.get(0).source().connectionId());
    }

    @Test
    void respondsToTheViaAddressOnANewConnectionOnceTheOldOneIsClosed() {
        alice.send(Messages.request("OPTIONS", "SIP/2.0/TCP 127.0.0.1:5060;branch=z9hG4bK-1", "c1"), tcp(B));
        net.deliverAll();
        Inbound in = atB.get(0);

        assertThat(net.disconnect(A, B)).isEqualTo(1);
        bob.respond(Messages.response((SipRequest) in.message(), 200), in.source());
        net.deliverAll();
        assertThat(atA).singleElement().satisfies(i ->
                assertThat(i.source().connectionId()).isNotEqualTo(in.source().connectionId()).isPositive());
    }

    @Test
    void losesWhatIsInFlightOnAConnectionThatCloses() {
        alice.send(Messages.request("OPTIONS", "c1"), tcp(B));
        net.disconnect(B, A);
        net.deliverAll();

        assertThat(atB).isEmpty();
        assertThat(net.lost()).isEqualTo(1);
    }

    @Test
    void losesAndCountsADatagramToAnAddressWhereNobodyListens() {
        assertThat(alice.send(Messages.request("OPTIONS", "c1"), udp(NOBODY))).isCompleted();
        net.deliverAll();

        assertThat(net.lost()).isEqualTo(1);
        assertThat(net.delivered()).isZero();
    }

    @Test
    void failsAReliableSendToAnAddressWhereNobodyListensLikeARefusedConnection() {
        CompletableFuture<Void> sent = alice.send(Messages.request("OPTIONS", "c1"), tcp(NOBODY));

        assertThat(sent).failsWithin(Duration.ZERO).withThrowableThat()
                .withMessageContaining("cannot connect over TCP to").withMessageContaining("connection refused");
        assertThat(net.refused()).isEqualTo(1);
        assertThat(net.inFlight()).isEmpty();
    }

    @Test
    void refusesASendOverATransportTheEndpointDoesNotListenOn() {
        MemoryEndpoint udpOnly = net.endpoint(new InetSocketAddress("127.0.0.3", 5060), Set.of(Transport.UDP),
                in -> { });

        assertThat(udpOnly.send(Messages.request("OPTIONS", "c1"), tcp(B))).failsWithin(Duration.ZERO)
                .withThrowableThat().withMessageContaining("has no TCP listener");
        assertThat(udpOnly.localAddresses(Transport.TCP)).isEmpty();
        assertThat(udpOnly.localAddresses(Transport.UDP)).containsExactly(udpOnly.address());
    }

    @Test
    void aClosedEndpointCannotSendLosesWhatComesAndFreesItsAddress() {
        alice.send(Messages.request("OPTIONS", "c1"), udp(B));
        bob.close();

        assertThat(bob.send(Messages.request("OPTIONS", "c2"), udp(A))).isCompletedExceptionally();
        net.deliverAll();
        assertThat(net.lost()).isEqualTo(1);
        List<Inbound> again = new ArrayList<>();
        net.endpoint(B, again::add);
        alice.send(Messages.request("OPTIONS", "c3"), udp(B));
        net.deliverAll();
        assertThat(callIds(again)).containsExactly("c3");
    }

    @Test
    void refusesABadEndpointAddress() {
        assertThatThrownBy(() -> net.endpoint(A, in -> { })).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("already listens at");
        assertThatThrownBy(() -> net.endpoint(new InetSocketAddress("127.0.0.1", 0), in -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("with a port");
        assertThatThrownBy(() -> net.endpoint(NOBODY, Set.of(), in -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one transport");
    }

    @Test
    void stopsAMessageLoopAfterTheDeliveryLimitAndSaysSo() {
        // Two endpoints that answer every message with another: a ping-pong that never ends.
        MemoryNetwork loop = new MemoryNetwork();
        InetSocketAddress x = new InetSocketAddress("127.0.0.1", 5070);
        InetSocketAddress y = new InetSocketAddress("127.0.0.2", 5070);
        List<MemoryEndpoint> ends = new ArrayList<>();
        ends.add(loop.endpoint(x, in -> ends.get(0).send(in.message(), udp(y))));
        ends.add(loop.endpoint(y, in -> ends.get(1).send(in.message(), udp(x))));
        ends.get(0).send(Messages.request("OPTIONS", "ping"), udp(y));

        assertThatThrownBy(() -> loop.deliverAll(100)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("delivered 100 packets and more keep coming");
        assertThat(loop.delivered()).isEqualTo(100);
        assertThatThrownBy(loop::deliverAll).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("delivered " + MemoryNetwork.DEFAULT_DELIVERY_LIMIT);
    }

    @Test
    void countsAndRethrowsWhatAHandlerThrows() {
        MemoryEndpoint failing = net.endpoint(new InetSocketAddress("127.0.0.3", 5060), in -> {
            throw new IllegalStateException("handler bug");
        });
        alice.send(Messages.request("OPTIONS", "c1"), udp(failing.address()));

        assertThatThrownBy(net::deliverNext).hasMessage("handler bug");
        assertThat(failing.stats().handlerFailures()).isEqualTo(1);
        assertThat(net.inFlight()).isEmpty();
    }

    @Test
    void countsAndDropsADeliveredPacketThatDoesNotParse() {
        // A request without a Via cannot be stamped (§18.2.1): the receiver counts it as malformed.
        SipRequest noVia = (SipRequest) SipParser.parse((
                "OPTIONS sip:bob@127.0.0.2 SIP/2.0\r\nMax-Forwards: 70\r\nFrom: <sip:a@127.0.0.1>;tag=1\r\n"
                + "To: <sip:bob@127.0.0.2>\r\nCall-ID: nv\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        alice.send(noVia, udp(B));
        net.deliverAll();

        assertThat(atB).isEmpty();
        assertThat(bob.stats().malformed()).isEqualTo(1);
        assertThat(bob.stats().received()).isZero();
    }
}
