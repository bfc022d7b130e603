package org.parley.transaction;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.parley.message.SipMessage;
import org.parley.message.SipParser;
import org.parley.message.SipRequest;
import org.parley.message.SipResponse;
import org.parley.testkit.MemoryEndpoint;
import org.parley.testkit.MemoryNetwork;
import org.parley.transport.Inbound;
import org.parley.transport.Source;
import org.parley.transport.Transport;
import org.parley.transport.resolve.Target;

/**
 * A transaction layer at {@link #LAYER} on a memory network, in virtual time on one lane, and a
 * plain endpoint at {@link #PEER} that records what reaches it and answers only when told.
 */
final class TransactionHarness implements TransactionUser {
    static final InetSocketAddress LAYER = new InetSocketAddress("127.0.0.1", 5060);
    static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.2", 5070);
    static final InetSocketAddress NOBODY = new InetSocketAddress("127.0.0.3", 5080);

    final MemoryNetwork network = new MemoryNetwork();
    final VirtualLane lane = new VirtualLane();
    final List<Inbound> atPeer = new ArrayList<>();
    final List<ServerTransaction> requests = new ArrayList<>();
    final List<Object> strays = new ArrayList<>();
    final MemoryEndpoint peer = network.endpoint(PEER, atPeer::add);
    final TransactionLayer layer;

    TransactionHarness() {
        this(TransactionConfig.defaults().withLanes(1));
    }

    TransactionHarness(TransactionConfig config) {
        layer = TransactionLayer.start(config, List.of(lane), this, handler -> network.endpoint(LAYER, handler));
    }

    @Override
    public void onRequest(ServerTransaction transaction, SipRequest request) {
        requests.add(transaction);
    }

    @Override
    public void onStray(SipRequest ack, Source source) {
        strays.add(ack);
    }

    @Override
    public void onStray(SipResponse response, Source source) {
        strays.add(response);
    }

    /** Delivers every packet and runs every task until both are quiet. */
    void settle() {
        network.settle(lane::runPending);
    }

    /** Moves virtual time by {@code ms}, delivering what is sent on the way. */
    void advance(long ms) {
        for (long i = 0; i < ms; i++) {
            lane.advance(Duration.ofMillis(1));
            settle();
        }
    }

    static Target target(Transport transport, InetSocketAddress to) {
        return new Target(transport, to, to.getHostString());
    }

    static SipRequest request(String method, Transport transport, InetSocketAddress from, String branch) {
        return (SipRequest) parse(method + " sip:bob@" + PEER.getHostString() + " SIP/2.0\r\n"
                + "Via: SIP/2.0/" + transport + " " + from.getHostString() + ":" + from.getPort() + ";branch=" + branch
                + "\r\nMax-Forwards: 70\r\nFrom: <sip:alice@127.0.0.1>;tag=a1\r\nTo: <sip:bob@127.0.0.2>\r\n"
                + "Call-ID: call-1@127.0.0.1\r\nCSeq: 1 " + method + "\r\nContent-Length: 0\r\n\r\n");
    }

    static SipMessage parse(String text) {
        return SipParser.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The requests that reached the peer, by method. */
    long peerGot(String method) {
        return atPeer.stream().filter(in -> in.message() instanceof SipRequest r && r.method().name().equals(method))
                .count();
    }

    /** The responses that reached the peer with this status. */
    long peerGotStatus(int status) {
        return atPeer.stream().filter(in -> in.message() instanceof SipResponse r && r.statusCode() == status)
                .count();
    }

    /** The peer answers the last request it got. */
    void peerAnswers(int status) {
        Inbound last = atPeer.get(atPeer.size() - 1);
        peer.respond(SipResponse.responseTo((SipRequest) last.message(), status).build(), last.source());
    }
}
