package org.parley.bench.transport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.parley.message.HeaderName;
import org.parley.message.Method;
import org.parley.message.SipRequest;
import org.parley.message.SipResponse;
import org.parley.transport.Inbound;
import org.parley.transport.ListenerConfig;
import org.parley.transport.NettyTransportLayer;
import org.parley.transport.Transport;
import org.parley.transport.TransportConfig;
import org.parley.transport.TransportStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stateless SIP responder on {@link NettyTransportLayer}, the server the transport benchmark
 * measures: every request but ACK is answered 200 OK, built with {@link SipResponse#responseTo}
 * (Via, From, To, Call-ID, CSeq copied, RFC 3261 §8.2.6.2) plus a To tag when the request had none
 * (§8.2.6.2: the UAS adds it) and sent with {@link NettyTransportLayer#respond} (§18.2.2). ACK gets
 * no response (§17.2.1). No transaction layer: a retransmitted request is answered again.
 *
 * <p>Usage: {@code TransportResponder PORT_FILE [IO_THREADS] [epoll|nio]}. Listens on UDP and TCP
 * at 127.0.0.1 on ephemeral ports and writes {@code udp=P tcp=Q io=epoll threads=N} to
 * {@code PORT_FILE} once bound; runs until the process is stopped (SIGTERM), then logs the
 * transport's counters. {@code IO_THREADS} defaults to the number of cores; {@code nio} forces NIO.
 *
 * <p>Thread model: the handler runs on the transport's event loops and never blocks; the main thread
 * waits for the shutdown hook.
 */
public final class TransportResponder {
    private static final Logger LOG = LoggerFactory.getLogger(TransportResponder.class);
    /** The To tag of every answer: a stateless responder makes no dialog, so one tag will do. */
    private static final String TO_TAG = ";tag=parley-bench";

    private TransportResponder() {
    }

    /** Starts the responder; see the class comment for the arguments. */
    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length < 1 || args.length > 3) {
            throw new IllegalArgumentException("usage: TransportResponder PORT_FILE [IO_THREADS] [epoll|nio], was "
                    + List.of(args));
        }
        Path portFile = Path.of(args[0]);
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : Runtime.getRuntime().availableProcessors();
        boolean nativeTransport = args.length < 3 || parseIo(args[2]);
        InetSocketAddress any = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        TransportConfig config = TransportConfig.of(List.of(new ListenerConfig(Transport.UDP, any),
                new ListenerConfig(Transport.TCP, any))).withIoThreads(threads).withNativeTransport(nativeTransport);

        // Set before the port file tells SIPp where to send, so no request finds it empty.
        AtomicReference<NettyTransportLayer> started = new AtomicReference<>();
        NettyTransportLayer layer = NettyTransportLayer.start(config, in -> answer(started.get(), in));
        started.set(layer);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            TransportStats s = layer.stats();
            layer.close();
            LOG.info("responder stopped: received={} malformed={} handlerFailures={}", s.received(), s.malformed(),
                    s.handlerFailures());
            stopped.countDown();
        }, "responder-shutdown"));

        String where = "udp=" + layer.localAddresses(Transport.UDP).get(0).getPort()
                + " tcp=" + layer.localAddresses(Transport.TCP).get(0).getPort()
                + " io=" + layer.ioKind() + " threads=" + threads;
        PortFile.write(portFile, where);
        LOG.info("responder ready: {}", where);
        stopped.await();
    }

    private static boolean parseIo(String io) {
        return switch (io) {
            case "epoll" -> true;
            case "nio" -> false;
            default -> throw new IllegalArgumentException("I/O must be epoll or nio, was " + io);
        };
    }

    private static void answer(NettyTransportLayer layer, Inbound in) {
        if (!(in.message() instanceof SipRequest request) || request.method().equals(Method.ACK)) {
            return;
        }
        var ok = SipResponse.responseTo(request, 200);
        if (request.toTag().isEmpty()) {
            ok.set(HeaderName.TO, request.header(HeaderName.TO).orElseThrow() + TO_TAG);
        }
        layer.respond(ok.build(), in.source());
    }
}
