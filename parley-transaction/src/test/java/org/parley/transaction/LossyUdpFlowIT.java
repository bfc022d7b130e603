package org.parley.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.parley.message.HeaderName;
import org.parley.message.Method;
import org.parley.message.ParserConfig;
import org.parley.message.SipParser;
import org.parley.message.SipRequest;
import org.parley.message.SipResponse;
import org.parley.testkit.LossyTransportLayer;
import org.parley.transport.ListenerConfig;
import org.parley.transport.NettyTransportLayer;
import org.parley.transport.Transport;
import org.parley.transport.TransportConfig;
import org.parley.transport.resolve.Target;

/**
 * Issue #4: flows complete over real UDP on 127.0.0.1 when 30% of datagrams are dropped at random,
 * within the time the timers allow. Each side's {@link LossyTransportLayer} drops 30% of what it
 * sends, so 30% of all datagrams are lost.
 *
 * <p>Why it is not flaky. Timers: T1 = T2 = 50 ms, so Timers B, F, H, J are 64·T1 = 3.2 s and a
 * non-INVITE request or an INVITE final response is sent every 50 ms, about 60 times, before they
 * fire; Timer D is 3.2 s too. Each flow has its own client layer and loss seed, so the client's
 * first sends are its request's copies and their loss is fixed by the seed (LossyTransportLayer's
 * documented contract: send i is lost when the i-th {@code nextDouble()} of
 * {@code SplittableRandom(seed)} is below 0.3); {@link #checkSeeds()} asserts what each seed does.
 * What remains random (interleaving decides which draw of the shared server's sequence each
 * response gets, and which client draws the ACKs get; every draw is still a fresh 30% coin):
 * <ul>
 *   <li>OPTIONS: the seed passes at least 30 of the first 55 request copies (all sent 250 ms or
 *       more before Timer F); each passed copy is answered by one 200 copy, lost with probability
 *       0.3, so the flow fails with probability at most 0.3^30 ≈ 2e-16.
 *   <li>INVITE → 486 → ACK: the seed passes an INVITE copy among the first five (sent by 750 ms,
 *       long before Timer B at 3.2 s); the server then sends the 486 every 50 ms until the ACK (Timer
 *       G capped at T2) and each copy also draws one ACK: a round trip succeeds with probability
 *       0.7 · 0.7 = 0.49, so no 486 reaching the client (0.3^55) or no ACK reaching the server
 *       before Timer H (at most 0.51^55 ≈ 8e-17) is negligible.
 * </ul>
 * With {@value #FLOWS} flows of each kind a run fails with probability below 1e-14, unless the
 * machine stalls both sides for about 3 s (then Timer F or B fires on wall-clock time).
 */
class LossyUdpFlowIT {
    private static final int FLOWS = 4;
    private static final double LOSS = 0.3;
    private static final long SERVER_SEED = 7;
    private static final long[] OPTIONS_SEEDS = {101, 102, 103, 104};
    private static final long[] INVITE_SEEDS = {201, 202, 203, 204};
    private static final Duration T1 = Duration.ofMillis(50);
    private static final TransactionConfig CONFIG = new TransactionConfig(T1, T1, Duration.ofMillis(100),
            T1.multipliedBy(64), TransactionConfig.DEFAULT_TRYING_DELAY, 1);

    private final List<AutoCloseable> open = new ArrayList<>();
    private final AtomicInteger requestsAtServer = new AtomicInteger();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    /** A layer on its own lane over a lossy UDP transport on 127.0.0.1, port 0. */
    private record Side(TransactionLayer layer, LossyTransportLayer lossy, InetSocketAddress address) { }

    private Side side(String name, long seed, TransactionUser user) {
        EventLoopLane lane = new EventLoopLane(name);
        open.add(lane);
        TransportConfig tc = new TransportConfig(List.of(new ListenerConfig(Transport.UDP,
                new InetSocketAddress("127.0.0.1", 0))), ParserConfig.DEFAULT, 100, 8, 1, Duration.ofMinutes(1));
        LossyTransportLayer[] lossy = new LossyTransportLayer[1];
        TransactionLayer layer = TransactionLayer.start(CONFIG, List.of(lane), user, h -> {
            lossy[0] = new LossyTransportLayer(NettyTransportLayer.start(tc, h), LOSS, seed);
            return lossy[0];
        });
        open.add(layer);
        return new Side(layer, lossy[0], layer.transport().localAddresses(Transport.UDP).get(0));
    }

    private final TransactionUser server = new TransactionUser() {
        @Override
        public void onRequest(ServerTransaction tx, SipRequest request) {
            requestsAtServer.incrementAndGet();
            int status = request.method().equals(Method.INVITE) ? 486 : 200;
            tx.respond(SipResponse.responseTo(request, status).set(HeaderName.TO,
                    request.header(HeaderName.TO).orElseThrow() + ";tag=uas").build());
        }
    };

    private static final TransactionUser CLIENT_ONLY = (tx, request) -> {
        throw new IllegalStateException("the client side gets no requests, got " + request.method());
    };

    /** LossyTransportLayer's contract: send i is lost when draw i of SplittableRandom(seed) is below the fraction. */
    private static boolean[] lost(long seed, int sends) {
        SplittableRandom random = new SplittableRandom(seed);
        boolean[] lost = new boolean[sends];
        for (int i = 0; i < sends; i++) {
            lost[i] = random.nextDouble() < LOSS;
        }
        return lost;
    }

    @Test
    void checkSeeds() {
        boolean someFirstCopyLost = false;
        for (long seed : INVITE_SEEDS) {
            boolean[] lost = lost(seed, 5);
            assertThat(lost).as("seed %d passes an INVITE copy among the first five", seed).contains(false);
            someFirstCopyLost |= lost[0];
        }
        assertThat(someFirstCopyLost).as("some INVITE flow needs a retransmission").isTrue();
        for (long seed : OPTIONS_SEEDS) {
            int passed = 0;
            for (boolean l : lost(seed, 55)) {
                passed += l ? 0 : 1;
            }
            assertThat(passed).as("seed %d passes 30 of the first 55 request copies", seed).isGreaterThanOrEqualTo(30);
        }
    }

    private static SipRequest request(String method, InetSocketAddress from, InetSocketAddress to, String callId) {
        String text = method + " sip:bob@" + to.getHostString() + ":" + to.getPort() + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP " + from.getHostString() + ":" + from.getPort() + ";branch="
                + TransactionLayer.newBranch() + "\r\nMax-Forwards: 70\r\n"
                + "From: <sip:alice@127.0.0.1>;tag=a-" + callId + "\r\nTo: <sip:bob@127.0.0.1>\r\n"
                + "Call-ID: " + callId + "\r\nCSeq: 1 " + method + "\r\nContent-Length: 0\r\n\r\n";
        return (SipRequest) SipParser.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void optionsAndInviteFlowsCompleteWithThirtyPercentOfDatagramsDropped() throws Exception {
        checkSeeds();
        Side uas = side("uas-lane", SERVER_SEED, server);
        List<Side> clients = new ArrayList<>();
        List<CompletableFuture<SipResponse>> finals = new ArrayList<>();
        for (int i = 0; i < 2 * FLOWS; i++) {
            boolean invite = i >= FLOWS;
            Side uac = side("uac-lane-" + i, invite ? INVITE_SEEDS[i - FLOWS] : OPTIONS_SEEDS[i], CLIENT_ONLY);
            clients.add(uac);
            CompletableFuture<SipResponse> fin = new CompletableFuture<>();
            finals.add(fin);
            uac.layer().send(request(invite ? "INVITE" : "OPTIONS", uac.address(), uas.address(), "flow-" + i),
                    new Target(Transport.UDP, uas.address(), "127.0.0.1"), (tx, r) -> {
                        if (r.statusCode() >= 200) {
                            fin.complete(r);
                        }
                    });
        }
        for (int i = 0; i < finals.size(); i++) {
            SipResponse r = finals.get(i).get(10, TimeUnit.SECONDS);
            assertThat(r.statusCode()).as("flow %d", i).isEqualTo(i >= FLOWS ? 486 : 200);
        }
        // Every transaction ends on its own: server INVITEs by the ACK then Timer I (not Timer H),
        // the rest by Timers J, K and D (3.2 s at most).
        awaitNoLiveTransactions(uas.layer());
        for (Side c : clients) {
            awaitNoLiveTransactions(c.layer());
            assertThat(c.layer().stats().timeouts()).isZero();
        }
        assertThat(uas.layer().stats().timeouts()).as("no Timer H: every 486 was ACKed").isZero();
        assertThat(requestsAtServer).as("retransmissions never reach the user").hasValue(2 * FLOWS);
        long dropped = uas.lossy().dropped() + clients.stream().mapToLong(c -> c.lossy().dropped()).sum();
        assertThat(dropped).isPositive();
        assertThat(uas.layer().stats().retransmissions()
                + clients.stream().mapToLong(c -> c.layer().stats().retransmissions()).sum()).isPositive();
    }

    /** Polls the layer's live count every 20 ms for at most 10 s (a delayed future, not a sleep). */
    private static void awaitNoLiveTransactions(TransactionLayer layer) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        int live = layer.liveTransactions().get(5, TimeUnit.SECONDS);
        while (live > 0 && System.nanoTime() < deadline) {
            CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(20, TimeUnit.MILLISECONDS))
                    .get(5, TimeUnit.SECONDS);
            live = layer.liveTransactions().get(5, TimeUnit.SECONDS);
        }
        assertThat(live).as("live transactions after 10 s").isZero();
    }
}
