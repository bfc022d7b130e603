package org.parley.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.parley.message.SipRequest;
import org.parley.transport.Inbound;
import org.parley.transport.InboundHandler;
import org.parley.transport.ListenerConfig;
import org.parley.transport.NettyTransportLayer;
import org.parley.transport.Transport;
import org.parley.transport.TransportConfig;
import org.parley.transport.resolve.Target;

/**
 * The loss-injecting wrappers over real {@link NettyTransportLayer}s on 127.0.0.1 UDP, ephemeral
 * ports: requests lose 30% on the way out, 30% on the way in, responses 30% on the way back.
 */
class LossyTransportLayerIT {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final int WAIT_MS = 5_000;
    private static final int REQUESTS = 200;
    private static final double LOSS = 0.3;

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeLayers() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private NettyTransportLayer start(InboundHandler handler) {
        NettyTransportLayer layer = NettyTransportLayer.start(TransportConfig.of(
                List.of(new ListenerConfig(Transport.UDP, new InetSocketAddress(LOOPBACK, 0)))), handler);
        open.add(layer);
        return layer;
    }

    /** How many of the first {@code draws} draws of the documented generator fall below the fraction. */
    private static long losses(int draws, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        return IntStream.range(0, draws).filter(i -> random.nextDouble() < LOSS).count();
    }

    private static <T> List<T> take(BlockingQueue<T> queue, long count) throws InterruptedException {
        List<T> taken = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            T next = queue.poll(WAIT_MS, TimeUnit.MILLISECONDS);
            assertThat(next).as("item %d of %d within %d ms", i + 1, count, WAIT_MS).isNotNull();
            taken.add(next);
        }
        return taken;
    }

    @Test
    void someMessagesArriveAndSomeDoNotAsTheSeedsSay() throws Exception {
        BlockingQueue<Inbound> responses = new LinkedBlockingQueue<>();
        NettyTransportLayer clientLayer = start(responses::add);
        LossyTransportLayer client = new LossyTransportLayer(clientLayer, LOSS, 1);
        int clientPort = clientLayer.localAddresses(Transport.UDP).get(0).getPort();

        // The server answers each request it keeps through its own lossy layer; an arrival is recorded
        // once the lossy handler (and the answer it led to) is done with it.
        AtomicReference<LossyTransportLayer> serverOut = new AtomicReference<>();
        LossyInboundHandler serverIn = new LossyInboundHandler(
                in -> serverOut.get().respond(Messages.response((SipRequest) in.message(), 200), in.source()),
                LOSS, 2);
        BlockingQueue<Inbound> arrivals = new LinkedBlockingQueue<>();
        NettyTransportLayer serverLayer = start(in -> {
            serverIn.onMessage(in);
            arrivals.add(in);
        });
        serverOut.set(new LossyTransportLayer(serverLayer, LOSS, 3));
        InetSocketAddress server = serverLayer.localAddresses(Transport.UDP).get(0);

        Set<String> sent = new HashSet<>();
        for (int i = 1; i <= REQUESTS; i++) {
            String via = "SIP/2.0/UDP 127.0.0.1:" + clientPort + ";branch=z9hG4bK-it" + i + ";rport";
            client.send(Messages.request("OPTIONS", via, "c" + i), new Target(Transport.UDP, server, "127.0.0.1"))
                    .get(WAIT_MS, TimeUnit.MILLISECONDS);
        }

        // Outbound: the sender's draws decide exactly which requests leave.
        assertThat(client.dropped()).isEqualTo(losses(REQUESTS, 1)).isPositive();
        assertThat(client.passed()).isEqualTo(REQUESTS - client.dropped());
        List<Inbound> arrived = take(arrivals, client.passed());
        arrived.forEach(in -> sent.add(in.message().callId()));
        assertThat(sent).hasSize((int) client.passed());

        // Inbound: as many of the arrivals are lost as the receiver's draws say, whatever their order.
        assertThat(serverIn.dropped()).isEqualTo(losses(arrived.size(), 2)).isPositive();
        assertThat(serverIn.passed()).isEqualTo(arrived.size() - serverIn.dropped());

        // Responses: the kept requests were answered; the server's draws lose some of the answers.
        LossyTransportLayer answers = serverOut.get();
        assertThat(answers.dropped()).isEqualTo(losses((int) serverIn.passed(), 3)).isPositive();
        List<Inbound> answered = take(responses, answers.passed());
        assertThat(answered).allSatisfy(r -> assertThat(sent).contains(r.message().callId()));
        assertThat(answered.size()).isPositive().isLessThan(REQUESTS);
        assertThat(serverLayer.stats().received()).isEqualTo(arrived.size());
    }
}
