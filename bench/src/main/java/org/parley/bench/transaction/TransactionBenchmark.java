package org.parley.bench.transaction;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.parley.message.HeaderName;
import org.parley.message.SipParser;
import org.parley.message.SipRequest;
import org.parley.message.SipResponse;
import org.parley.transaction.ClientTransaction;
import org.parley.transaction.ServerTransaction;
import org.parley.transaction.TransactionConfig;
import org.parley.transaction.TransactionLayer;
import org.parley.transaction.TransactionState;
import org.parley.transaction.TransactionUser;
import org.parley.transaction.VirtualLane;
import org.parley.transport.Inbound;
import org.parley.transport.Source;
import org.parley.transport.Transport;
import org.parley.transport.resolve.Target;

/**
 * The cost of one transaction from creation to termination (issue #4: "create+match+terminate under
 * 1 µs on one core"), on a {@link VirtualLane} over a {@link DiscardTransport}, over TCP so that the
 * machines terminate at once (Timers J, K and D are zero over reliable transports, RFC 3261 §17):
 * <ul>
 *   <li>{@link #nonInviteServer()}: an OPTIONS arrives (lookup misses, the transaction is made and
 *       handed to the user), arrives again (matched, absorbed in Trying, §17.2.2), the user answers
 *       200 (sent, Completed, Timer J = 0: terminated and removed).
 *   <li>{@link #inviteClient()}: the user sends an INVITE (transaction made, Timer B scheduled, sent),
 *       a 486 arrives (matched by branch and CSeq method, passed to the listener, the ACK built and
 *       sent, §17.1.1.3; Timer D = 0: terminated and removed).
 * </ul>
 * The messages are parsed once in {@link #setUp()}: the parser has its own benchmark. Each operation
 * checks that its transaction ended, so a benchmark cannot measure a layer that did nothing. Over
 * UDP the same work adds only the schedule and firing of Timer J, K or D on the wheel.
 *
 * <p>State is per thread; the lane runs on the benchmark thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
public class TransactionBenchmark {
    private static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 5060);
    private static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.2", 5060);

    private VirtualLane lane;
    private DiscardTransport transport;
    private TransactionLayer layer;
    private ServerTransaction lastServer;
    private Inbound options;
    private SipRequest invite;
    private Inbound busy;
    private Target target;
    private SipResponse ok;

    /** Builds the layer and parses the messages. */
    @Setup
    public void setUp() {
        lane = new VirtualLane();
        layer = TransactionLayer.start(TransactionConfig.defaults().withLanes(1), List.of(lane), new TransactionUser() {
            @Override
            public void onRequest(ServerTransaction tx, SipRequest request) {
                lastServer = tx;
            }
        }, h -> transport = new DiscardTransport(h));
        Source source = new Source(Transport.TCP, PEER, LOCAL, 1);
        options = new Inbound(request("OPTIONS", "z9hG4bK-bench-options"), source);
        ok = SipResponse.responseTo((SipRequest) options.message(), 200)
                .set(HeaderName.TO, "<sip:bob@127.0.0.1>;tag=uas").build();
        invite = request("INVITE", "z9hG4bK-bench-invite");
        busy = new Inbound(SipResponse.responseTo(invite, 486).set(HeaderName.TO, "<sip:bob@127.0.0.1>;tag=uas")
                .build(), source);
        target = new Target(Transport.TCP, PEER, "127.0.0.2");
        if (nonInviteServer() != TransactionState.TERMINATED || inviteClient() != TransactionState.TERMINATED) {
            throw new IllegalStateException("a benchmarked transaction did not terminate");
        }
    }

    private static SipRequest request(String method, String branch) {
        String text = method + " sip:bob@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/TCP 127.0.0.2:5060;branch=" + branch
                + "\r\nMax-Forwards: 70\r\nFrom: <sip:alice@127.0.0.2>;tag=a1\r\nTo: <sip:bob@127.0.0.1>\r\n"
                + "Call-ID: bench-" + method + "@127.0.0.2\r\nCSeq: 1 " + method + "\r\nContent-Length: 0\r\n\r\n";
        return (SipRequest) SipParser.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Non-INVITE server transaction: request, retransmission, 200; ends terminated. */
    @Benchmark
    public TransactionState nonInviteServer() {
        transport.deliver(options);
        transport.deliver(options);
        lane.runPending();
        ServerTransaction tx = lastServer;
        tx.respond(ok);
        lane.runPending();
        return tx.state();
    }

    /** INVITE client transaction: INVITE sent, 486 received and ACKed; ends terminated. */
    @Benchmark
    public TransactionState inviteClient() {
        ClientTransaction tx = layer.send(invite, target, (t, r) -> { });
        lane.runPending();
        transport.deliver(busy);
        lane.runPending();
        return tx.state();
    }
}
