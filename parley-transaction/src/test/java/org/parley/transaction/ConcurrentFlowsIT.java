package org.parley.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.parley.message.HeaderName;
import org.parley.message.ParserConfig;
import org.parley.message.SipParser;
import org.parley.message.SipRequest;
import org.parley.message.SipResponse;
import org.parley.transport.ListenerConfig;
import org.parley.transport.NettyTransportLayer;
import org.parley.transport.Transport;
import org.parley.transport.TransportConfig;
import org.parley.transport.resolve.Target;
import org.parley.transport.resolve.TargetSet;

/**
 * Many transactions at once on real threads: 1,000 OPTIONS flows between two layers of three
 * {@link EventLoopLane}s each over loopback UDP, started from four threads at once and answered
 * from the lanes and from another thread alternately. Every flow gets its 200, the user sees each
 * request once, and every lane's tables end empty once Timers J and K have run. Also RFC 3263
 * failover on real threads: a refused TCP target, then the UDP one.
 */
class ConcurrentFlowsIT {
    private static final int FLOWS = 1_000;
    private static final int LANES = 3;
    private static final Duration T1 = Duration.ofMillis(50);
    private static final TransactionConfig CONFIG = new TransactionConfig(T1, T1.multipliedBy(8),
            Duration.ofMillis(100), T1.multipliedBy(64), TransactionConfig.DEFAULT_TRYING_DELAY, LANES);

    private final List<AutoCloseable> open = new ArrayList<>();
    private final ExecutorService senders = Executors.newFixedThreadPool(4);
    private final ExecutorService responder = Executors.newSingleThreadExecutor();
    private final AtomicInteger requestsAtServer = new AtomicInteger();

    @AfterEach
    void closeAll() throws Exception {
        senders.shutdownNow();
        responder.shutdownNow();
        assertThat(senders.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        assertThat(responder.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private TransactionLayer layer(String name, TransactionUser user) {
        List<EventLoopLane> lanes = new ArrayList<>();
        for (int i = 0; i < LANES; i++) {
            EventLoopLane lane = new EventLoopLane(name + "-lane-" + i);
            open.add(lane);
            lanes.add(lane);
        }
        TransportConfig tc = new TransportConfig(List.of(new ListenerConfig(Transport.UDP,
                new InetSocketAddress("127.0.0.1", 0))), ParserConfig.DEFAULT, 100, 8, 1, Duration.ofMinutes(1));
        TransactionLayer layer = TransactionLayer.start(CONFIG, lanes, user, h -> NettyTransportLayer.start(tc, h));
        open.add(layer);
        return layer;
    }

    private static SipRequest options(InetSocketAddress from, int i) {
        String text = "OPTIONS sip:bob@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP " + from.getHostString() + ":"
                + from.getPort() + ";branch=" + TransactionLayer.newBranch() + "\r\nMax-Forwards: 70\r\n"
                + "From: <sip:alice@127.0.0.1>;tag=f" + i + "\r\nTo: <sip:bob@127.0.0.1>\r\n"
                + "Call-ID: concurrent-" + i + "\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
        return (SipRequest) SipParser.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aThousandConcurrentNonInviteFlowsCompleteAndEveryLaneEndsEmpty() throws Exception {
        TransactionLayer uas = layer("uas", (tx, request) -> {
            int n = requestsAtServer.incrementAndGet();
            SipResponse ok = SipResponse.responseTo(request, 200).set(HeaderName.TO,
                    request.header(HeaderName.TO).orElseThrow() + ";tag=uas").build();
            if (n % 2 == 0) {
                tx.respond(ok);
            } else {
                responder.execute(() -> tx.respond(ok));
            }
        });
        TransactionLayer uac = layer("uac", (tx, request) -> {
            throw new IllegalStateException("the client side gets no requests");
        });
        InetSocketAddress uacAddress = uac.transport().localAddresses(Transport.UDP).get(0);
        InetSocketAddress uasAddress = uas.transport().localAddresses(Transport.UDP).get(0);
        Target target = new Target(Transport.UDP, uasAddress, "127.0.0.1");

        List<CompletableFuture<SipResponse>> finals = new ArrayList<>();
        List<CompletableFuture<?>> started = new ArrayList<>();
        for (int i = 0; i < FLOWS; i++) {
            CompletableFuture<SipResponse> fin = new CompletableFuture<>();
            finals.add(fin);
            SipRequest request = options(uacAddress, i);
            started.add(CompletableFuture.runAsync(() -> uac.send(request, target, (tx, r) -> {
                if (r.statusCode() >= 200) {
                    fin.complete(r);
                }
            }), senders));
        }
        CompletableFuture.allOf(started.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        CompletableFuture.allOf(finals.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

        assertThat(finals).allSatisfy(f -> assertThat(f.get().statusCode()).isEqualTo(200));
        assertThat(requestsAtServer).as("each request reaches the user once").hasValue(FLOWS);
        assertThat(uac.stats().clientTransactions()).isEqualTo(FLOWS);
        assertThat(uas.stats().serverTransactions()).isEqualTo(FLOWS);
        assertThat(uac.stats().timeouts()).isZero();
        awaitEmpty(uac);
        awaitEmpty(uas);
    }

    @Test
    void failoverFromARefusedTcpTargetToTheUdpOneWorksOnRealThreads() throws Exception {
        TransactionLayer uas = layer("uas", (tx, request) -> tx.respond(SipResponse.responseTo(request, 200)
                .set(HeaderName.TO, request.header(HeaderName.TO).orElseThrow() + ";tag=uas").build()));
        TransactionLayer uac = layer("uac", (tx, request) -> {
            throw new IllegalStateException("the client side gets no requests");
        });
        InetSocketAddress uacAddress = uac.transport().localAddresses(Transport.UDP).get(0);
        InetSocketAddress uasAddress = uas.transport().localAddresses(Transport.UDP).get(0);
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closed = s.getLocalPort();
        }
        List<CompletableFuture<SipResponse>> finals = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            CompletableFuture<SipResponse> fin = new CompletableFuture<>();
            finals.add(fin);
            TargetSet targets = TargetSet.of(List.of(
                    new Target(Transport.TCP, new InetSocketAddress("127.0.0.1", closed), "127.0.0.1"),
                    new Target(Transport.UDP, uasAddress, "127.0.0.1")));
            SipRequest request = options(uacAddress, i);
            senders.execute(() -> uac.send(request, targets, (tx, r) -> {
                if (r.statusCode() >= 200) {
                    fin.complete(r);
                }
            }));
        }
        CompletableFuture.allOf(finals.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
        assertThat(finals).allSatisfy(f -> assertThat(f.get().statusCode()).isEqualTo(200));
        assertThat(uac.stats().failovers()).isEqualTo(50);
        awaitEmpty(uac);
    }

    /** Polls the live count every 20 ms for at most 15 s (Timer J is 3.2 s here). */
    private static void awaitEmpty(TransactionLayer layer) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        int live = layer.liveTransactions().get(5, TimeUnit.SECONDS);
        while (live > 0 && System.nanoTime() < deadline) {
            CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(20, TimeUnit.MILLISECONDS))
                    .get(5, TimeUnit.SECONDS);
            live = layer.liveTransactions().get(5, TimeUnit.SECONDS);
        }
        assertThat(live).as("transactions left in the lane tables").isZero();
    }
}
