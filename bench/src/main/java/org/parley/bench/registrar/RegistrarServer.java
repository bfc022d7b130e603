package org.parley.bench.registrar;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.parley.bench.HeapProbe;
import org.parley.bench.transport.PortFile;
import org.parley.proxy.auth.DigestConfig;
import org.parley.proxy.auth.DigestServer;
import org.parley.proxy.auth.MemorySubscriberStore;
import org.parley.proxy.auth.Subscriber;
import org.parley.proxy.location.AddressOfRecord;
import org.parley.proxy.location.BindingChange;
import org.parley.proxy.location.LocationCounts;
import org.parley.proxy.location.MemoryLocationStore;
import org.parley.proxy.registrar.Registrar;
import org.parley.proxy.registrar.RegistrarConfig;
import org.parley.transaction.EventLoopLane;
import org.parley.transaction.TransactionConfig;
import org.parley.transaction.TransactionLayer;
import org.parley.transaction.TransactionStats;
import org.parley.transport.InboundHandler;
import org.parley.transport.IoLoops;
import org.parley.transport.ListenerConfig;
import org.parley.transport.NettyTransportLayer;
import org.parley.transport.RoutingConfig;
import org.parley.transport.Transport;
import org.parley.transport.TransportConfig;
import org.parley.transport.TransportLayer;
import org.parley.transport.TransportStats;
import org.parley.ua.auth.DigestAlgorithm;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Parley registrar that the registrar benchmark ({@code bench/run-registrar.sh}, issue #6) loads
 * with SIPp: a {@link TransactionLayer} over {@link NettyTransportLayer} UDP on 127.0.0.1, whose
 * user is a {@link Registrar} (RFC 3261 §10.3) writing to a {@link MemoryLocationStore}, either open
 * or authenticating every REGISTER by digest (RFC 3261 §22) against a {@link MemorySubscriberStore}
 * holding {@code user0 .. user(N-1)} with the password {@value #PASSWORD}. The benchmark offers MD5
 * alone, as the issue asks: SIPp 3.6 answers only MD5 and takes the first challenge, and Kamailio's
 * default is MD5. Expired bindings are swept once a second by {@link MemoryLocationStore#removeExpired()}.
 *
 * <p>Usage: {@code RegistrarServer PORT_FILE [--port P] [--auth N] [--domain D] [--io-threads N]
 * [--lanes N]} ({@code --lanes 0}: one lane on each I/O loop). Port 0 (the default) binds an
 * ephemeral port. Once bound it writes
 * {@code udp=P auth=N io=epoll threads=T lanes=L} to {@code PORT_FILE}. Then it reads commands from
 * standard input, one a line, and writes each answer as one line to {@code PORT_FILE.reply}
 * (replacing the previous one):
 * <ul>
 *   <li>{@code heap}: waits (at most {@value #DRAIN_SECONDS} s) until no transaction is live (a
 *       non-INVITE server transaction over UDP lingers 64×T1 = 32 s in Completed, RFC 3261
 *       §17.2.2), collects garbage until two readings agree, and answers
 *       {@code heap=BYTES bindings=B aors=A transactions=T};</li>
 *   <li>{@code clear}: removes every binding (as {@code Contact: *} would, §10.3 step 6) and answers
 *       {@code cleared=B}: the difference of two {@code heap} answers around it is the heap the
 *       bindings held;</li>
 *   <li>{@code quit}, or the end of standard input: stops everything and exits 0. SIGTERM does too.</li>
 * </ul>
 *
 * <p>Thread model: datagrams arrive on the transport's event loops, the transaction layer and the
 * registrar run on the {@link EventLoopLane}s — their own threads, or with {@code --lanes 0} one lane
 * on each transport loop ({@link EventLoopLane#on}), so that a REGISTER is read, answered and sent on
 * one thread — (the memory stores complete their futures at once, so
 * nothing blocks there); one scheduler thread sweeps expired bindings; the main thread reads the
 * commands and may block.
 */
public final class RegistrarServer {
    private static final Logger LOG = LoggerFactory.getLogger(RegistrarServer.class);
    /** Every benchmark subscriber's password (the Kamailio side's subscriber table holds the same). */
    static final String PASSWORD = "password";
    /** The bound on waiting for lingering transactions before a heap reading: Timer J (32 s) and some. */
    static final int DRAIN_SECONDS = 45;

    private final TransactionLayer transactions;
    private final List<EventLoopLane> lanes;
    /** The I/O loops the lanes share with the transport ({@code --lanes 0}), else null. */
    private final IoLoops loops;
    private final MemoryLocationStore locations;
    private final ScheduledExecutorService sweeper;
    private final AtomicLong swept = new AtomicLong();

    private RegistrarServer(ServerOptions options) {
        InstantSource clock = InstantSource.system();
        this.locations = new MemoryLocationStore(clock);
        RegistrarConfig config = RegistrarConfig.forDomain(options.domain());
        Registrar registrar;
        if (options.users() > 0) {
            MemorySubscriberStore subscribers = new MemorySubscriberStore();
            for (int i = 0; i < options.users(); i++) {
                subscribers.put(Subscriber.withPassword("user" + i, options.domain(), PASSWORD,
                        List.of(DigestAlgorithm.MD5))).join();
            }
            DigestServer digest = new DigestServer(DigestConfig.defaults().withAlgorithms(List.of(DigestAlgorithm.MD5)),
                    subscribers, clock);
            registrar = Registrar.authenticating(config, locations, digest, clock);
        } else {
            registrar = Registrar.open(config, locations, clock);
        }
        this.lanes = new ArrayList<>();
        InetSocketAddress at = new InetSocketAddress(InetAddress.getLoopbackAddress(), options.port());
        TransportConfig transport = TransportConfig.of(List.of(new ListenerConfig(Transport.UDP, at)))
                .withIoThreads(options.ioThreads());
        Function<InboundHandler, TransportLayer> start;
        if (options.lanes() == 0) {
            // One lane on each I/O loop: a REGISTER is read, handled and answered on one thread.
            this.loops = IoLoops.open(options.ioThreads(), transport.nativeTransport());
            loops.loops().forEach(loop -> lanes.add(EventLoopLane.on(loop)));
            start = handler -> NettyTransportLayer.start(transport, RoutingConfig.DEFAULT, handler, clock, loops);
        } else {
            this.loops = null;
            for (int i = 0; i < options.lanes(); i++) {
                lanes.add(new EventLoopLane("registrar-lane-" + i));
            }
            start = handler -> NettyTransportLayer.start(transport, handler);
        }
        this.transactions = TransactionLayer.start(TransactionConfig.defaults().withLanes(lanes.size()), lanes,
                (tx, request) -> registrar.respond(tx), start);
        this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "registrar-sweeper");
            t.setDaemon(true);
            return t;
        });
        sweeper.scheduleWithFixedDelay(() -> swept.addAndGet(locations.removeExpired()), 1, 1, TimeUnit.SECONDS);
    }

    /** Starts the server; see the class comment for the arguments and commands. */
    public static void main(String[] args) throws IOException, InterruptedException, ExecutionException {
        ServerOptions options = ServerOptions.parse(args);
        RegistrarServer server = new RegistrarServer(options);
        Thread hook = new Thread(server::close, "registrar-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        String where = "udp=" + server.transactions.transport().localAddresses(Transport.UDP).get(0).getPort()
                + " auth=" + options.users() + " io="
                + ((NettyTransportLayer) server.transactions.transport()).ioKind() + " threads="
                + options.ioThreads() + " lanes=" + (options.lanes() == 0 ? "io" : options.lanes());
        PortFile.write(options.portFile(), where);
        LOG.info("registrar ready: {}", where);
        Path reply = options.portFile().resolveSibling(options.portFile().getFileName() + ".reply");
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII))) {
            for (String line = in.readLine(); line != null && !line.strip().equals("quit"); line = in.readLine()) {
                String answer = switch (line.strip()) {
                    case "heap" -> server.heap();
                    case "clear" -> server.clear();
                    case "" -> null;
                    default -> "error=unknown-command:" + line.strip();
                };
                if (answer != null) {
                    LOG.info("{} -> {}", line.strip(), answer);
                    PortFile.write(reply, answer);
                }
            }
        }
        Runtime.getRuntime().removeShutdownHook(hook);
        server.close();
    }

    /** The heap in use after the lingering transactions ended and a full collection. */
    private String heap() throws InterruptedException, ExecutionException {
        int live = HeapProbe.drain(transactions, DRAIN_SECONDS);
        long used = HeapProbe.usedHeap();
        LocationCounts counts = locations.count().join();
        return "heap=" + used + " bindings=" + counts.bindings() + " aors=" + counts.addressesOfRecord()
                + " transactions=" + live;
    }

    /** Removes every binding, record by record; how many went. */
    private String clear() {
        long before = locations.count().join().bindings();
        int records = 0;
        String after = "";
        while (true) {
            List<AddressOfRecord> page = locations.addressesOfRecord(after, 1000).join();
            if (page.isEmpty()) {
                break;
            }
            for (AddressOfRecord aor : page) {
                // A Call-ID of its own, so no binding's CSeq can make the removal out of order (step 6).
                locations.apply(BindingChange.removeAll(aor, Instant.now(), "bench-clear-" + aor.key(), 1)).join();
                records++;
            }
            after = page.get(page.size() - 1).key();
        }
        return "cleared=" + (before - locations.count().join().bindings()) + " records=" + records;
    }

    private void close() {
        TransportStats t = transactions.transport().stats();
        TransactionStats s = transactions.stats();
        transactions.close();
        lanes.forEach(EventLoopLane::close);
        if (loops != null) {
            loops.close();
        }
        sweeper.shutdownNow();
        LOG.info("registrar stopped: received={} malformed={} handlerFailures={} serverTransactions={}"
                + " retransmissions={} swept={}", t.received(), t.malformed(), t.handlerFailures(),
                s.serverTransactions(), s.retransmissions(), swept.get());
    }
}
