package org.parley.bench.proxy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.parley.bench.HeapProbe;
import org.parley.bench.transport.PortFile;
import org.parley.proxy.core.Proxy;
import org.parley.proxy.core.ProxyConfig;
import org.parley.proxy.location.MemoryLocationStore;
import org.parley.proxy.registrar.Registrar;
import org.parley.proxy.registrar.RegistrarConfig;
import org.parley.transaction.EventLoopLane;
import org.parley.transaction.TransactionConfig;
import org.parley.transaction.TransactionLayer;
import org.parley.transaction.TransactionStats;
import org.parley.transport.ListenerConfig;
import org.parley.transport.NettyTransportLayer;
import org.parley.transport.Transport;
import org.parley.transport.TransportConfig;
import org.parley.transport.TransportStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Parley proxy that the proxy benchmark ({@code bench/run-proxy.sh}, issue #7) puts between two
 * SIPp instances: {@link Proxy} (RFC 3261 §16, transaction-stateful, Record-Route on, no
 * authentication) as the user of a {@link TransactionLayer} over {@link NettyTransportLayer} UDP and
 * TCP on 127.0.0.1 (ephemeral ports), serving one domain with a {@link Registrar} (RFC 3261 §10.3)
 * over a {@link MemoryLocationStore}, where the benchmark's callee registers before the load.
 *
 * <p>Usage: {@code ProxyServer PORT_FILE [--domain D] [--io-threads N] [--lanes N]}. Once bound it
 * writes {@code udp=P tcp=Q io=epoll threads=T lanes=L} to {@code PORT_FILE}. Then it reads commands
 * from standard input, one a line, and writes each answer as one line to {@code PORT_FILE.reply}
 * (replacing the previous one):
 * <ul>
 *   <li>{@code heap}: waits (at most {@value #DRAIN_SECONDS} s) until no transaction is live (after its
 *       2xx an INVITE server transaction lingers 64×T1 = 32 s, RFC 6026 §7.1 Timer L; a non-INVITE one
 *       over UDP 32 s, RFC 3261 §17.2.2 Timer J), collects garbage until two readings agree, and answers
 *       {@code heap=BYTES calls=C contexts=X transactions=T}, {@code calls} being {@link Proxy#calls()}:
 *       the difference of two answers, with calls up and after they ended, is the heap per live call;</li>
 *   <li>{@code stats}: the proxy's, transaction layer's and transport's counters on one line;</li>
 *   <li>{@code quit}, or the end of standard input: stops everything and exits 0. SIGTERM does too.</li>
 * </ul>
 *
 * <p>Thread model: datagrams and TCP bytes arrive on the transport's event loops; the transaction
 * layer, the proxy and the registrar run on the {@link EventLoopLane}s (the memory store completes its
 * futures at once, so nothing blocks there); the main thread reads the commands and may block.
 */
public final class ProxyServer {
    private static final Logger LOG = LoggerFactory.getLogger(ProxyServer.class);
    /** The bound on waiting for lingering transactions before a heap reading: Timers L and J (32 s) and some. */
    static final int DRAIN_SECONDS = 60;

    private final Proxy proxy;
    private final TransactionLayer transactions;
    private final List<EventLoopLane> lanes;

    private ProxyServer(ProxyOptions options) {
        InstantSource clock = InstantSource.system();
        MemoryLocationStore locations = new MemoryLocationStore(clock);
        Registrar registrar = Registrar.open(RegistrarConfig.forDomain(options.domain()), locations, clock);
        this.proxy = Proxy.builder(ProxyConfig.forDomains(List.of(options.domain())))
                .locations(locations)
                .registrar(registrar)
                .clock(clock)
                .build();
        this.lanes = new ArrayList<>();
        for (int i = 0; i < options.lanes(); i++) {
            lanes.add(new EventLoopLane("proxy-lane-" + i));
        }
        InetSocketAddress at = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        TransportConfig transport = TransportConfig.of(List.of(new ListenerConfig(Transport.UDP, at),
                new ListenerConfig(Transport.TCP, at))).withIoThreads(options.ioThreads());
        this.transactions = TransactionLayer.start(TransactionConfig.defaults().withLanes(options.lanes()), lanes,
                proxy, handler -> NettyTransportLayer.start(transport, handler));
        proxy.attach(transactions);
    }

    /** Starts the server; see the class comment for the arguments and commands. */
    public static void main(String[] args) throws IOException, InterruptedException, ExecutionException {
        ProxyOptions options = ProxyOptions.parse(args);
        ProxyServer server = new ProxyServer(options);
        Thread hook = new Thread(server::close, "proxy-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        String where = "udp=" + server.transactions.transport().localAddresses(Transport.UDP).get(0).getPort()
                + " tcp=" + server.transactions.transport().localAddresses(Transport.TCP).get(0).getPort()
                + " io=" + ((NettyTransportLayer) server.transactions.transport()).ioKind()
                + " threads=" + options.ioThreads() + " lanes=" + options.lanes();
        PortFile.write(options.portFile(), where);
        LOG.info("proxy ready: {} domain={}", where, options.domain());
        Path reply = options.portFile().resolveSibling(options.portFile().getFileName() + ".reply");
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII))) {
            for (String line = in.readLine(); line != null && !line.strip().equals("quit"); line = in.readLine()) {
                String answer = switch (line.strip()) {
                    case "heap" -> server.heap();
                    case "stats" -> server.stats();
                    case "" -> null;
                    default -> "error=unknown-command:" + line.strip();
                };
                if (answer != null) {
                    LOG.info("{} -> {}", line.strip(), answer);
                    PortFile.write(reply, answer);
                }
            }
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // SIGTERM closed standard input too: the hook is running and closes the server.
            return;
        }
        server.close();
    }

    /** The heap in use after the lingering transactions ended and a full collection, with the live calls. */
    private String heap() throws InterruptedException, ExecutionException {
        int live = HeapProbe.drain(transactions, DRAIN_SECONDS);
        long used = HeapProbe.usedHeap();
        return "heap=" + used + " calls=" + proxy.calls().size() + " contexts=" + proxy.stats().liveContexts()
                + " transactions=" + live;
    }

    private String stats() {
        TransportStats t = transactions.transport().stats();
        TransactionStats s = transactions.stats();
        return "proxy{" + proxy.stats() + "} calls=" + proxy.calls().size() + " received=" + t.received()
                + " malformed=" + t.malformed() + " handlerFailures=" + t.handlerFailures() + " serverTransactions="
                + s.serverTransactions() + " clientTransactions=" + s.clientTransactions() + " retransmissions="
                + s.retransmissions() + " timeouts=" + s.timeouts() + " transportErrors=" + s.transportErrors()
                + " strays=" + s.strays();
    }

    private void close() {
        String counters = stats();
        transactions.close();
        lanes.forEach(EventLoopLane::close);
        proxy.close();
        LOG.info("proxy stopped: {}", counters);
    }
}
