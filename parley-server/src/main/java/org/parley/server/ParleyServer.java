package org.parley.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.parley.proxy.auth.DigestConfig;
import org.parley.proxy.auth.DigestServer;
import org.parley.proxy.auth.SubscriberStore;
import org.parley.proxy.core.Proxy;
import org.parley.proxy.core.ProxyConfig;
import org.parley.proxy.location.LocationCounts;
import org.parley.proxy.nat.KeepAliveConfig;
import org.parley.proxy.nat.KeepAliveStats;
import org.parley.proxy.nat.NatKeepAlive;
import org.parley.proxy.location.LocationStore;
import org.parley.proxy.registrar.Registrar;
import org.parley.proxy.registrar.RegistrarConfig;
import org.parley.server.admin.AdminConfig;
import org.parley.server.admin.AdminServer;
import org.parley.server.admin.AdminToken;
import org.parley.server.admin.CallEntry;
import org.parley.server.admin.Health;
import org.parley.server.admin.RegistrationEntry;
import org.parley.server.admin.ServerView;
import org.parley.server.admin.StoreRegistrations;
import org.parley.server.config.DomainConfig;
import org.parley.server.config.Durations;
import org.parley.server.config.Limits;
import org.parley.server.config.ListenAddress;
import org.parley.server.config.LogConfig;
import org.parley.server.config.ServerConfig;
import org.parley.server.config.Timers;
import org.parley.server.log.AccessLog;
import org.parley.server.log.AccessLogConfig;
import org.parley.server.log.LogLevels;
import org.parley.server.log.MessageTrace;
import org.parley.server.metrics.MeteredTransportLayer;
import org.parley.server.metrics.ServerMetrics;
import org.parley.server.metrics.SipMetrics;
import org.parley.server.tls.ServerCertificates;
import org.parley.transaction.EventLoopLane;
import org.parley.transaction.TransactionConfig;
import org.parley.transaction.TransactionLayer;
import org.parley.transaction.TransactionObserver;
import org.parley.transaction.TransactionStats;
import org.parley.transport.IoLoops;
import org.parley.transport.ListenerConfig;
import org.parley.transport.NettyTransportLayer;
import org.parley.transport.RoutingConfig;
import org.parley.transport.Transport;
import org.parley.transport.TransportConfig;
import org.parley.transport.WebSocketConfig;
import org.parley.transport.tls.TlsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Parley server: the configured listeners ({@link NettyTransportLayer}), counted and traced
 * ({@link MeteredTransportLayer}, {@link MessageTrace}), a {@link TransactionLayer} on
 * {@link EventLoopLane}s that share the transport's I/O loops ({@link IoLoops}: a message is read,
 * handled and answered on one thread), the proxy core behind a {@link ShutdownGate}, the stores
 * ({@link ServerStores}), a timer thread that sweeps expired bindings, keep-alives to clients behind
 * NATs ({@link NatKeepAlive}), and the admin endpoint
 * ({@link AdminServer}: metrics, health, the JSON API, which reads the server as its {@link ServerView}).
 *
 * <pre>
 *   listeners ─► transport ─► transactions (lanes) ─► ShutdownGate ─► Proxy (RFC 3261 §16) ─► targets
 *                    │               │                                  ├─► Registrar (§10.3)
 *       metrics, trace          observers: metrics,                     └─► DigestServer (§22) ─► subscribers
 *                               access log, gate                    locations ◄─┘
 * </pre>
 *
 * <p>Lifecycle: {@link #start} binds everything or fails, closing what it opened; {@link #close}
 * stops gracefully: new requests outside dialogs get 503 with Retry-After, transactions already with
 * the core get up to {@link Limits#shutdownGrace()} for their final response (those still open then get
 * 503), then the listeners, lanes and stores close (the SQLite location store writes its last
 * changes). {@link #reload} applies what can change while running.
 *
 * <p>Thread-safe. {@link #start}, {@link #close} and {@link #reload} block their caller (file and
 * socket set-up, the grace period); call them from an ordinary thread, never from a lane.
 */
public final class ParleyServer implements ServerView, AutoCloseable {
    /** How often expired bindings are removed. */
    static final Duration SWEEP_INTERVAL = Duration.ofSeconds(1);
    /** How often a graceful shutdown checks whether the open transactions have finished. */
    private static final Duration DRAIN_POLL = Duration.ofMillis(50);

    private static final Logger LOG = LoggerFactory.getLogger(ParleyServer.class);

    private final InstantSource clock;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final List<EventLoopLane> lanes = new ArrayList<>();
    /** The transport's event loops, which the lanes share; closed after both. */
    private IoLoops ioLoops;
    private volatile ServerConfig config;
    private ServerStores stores;
    private Proxy proxy;
    private ShutdownGate gate;
    private TransactionLayer transactions;
    private ScheduledExecutorService sweeper;
    private AdminToken token;
    private ServerMetrics metrics;
    private final MessageTrace trace = new MessageTrace();
    private AccessLog accessLog;
    private AdminServer admin;
    private NatKeepAlive keepAlive;
    private volatile Health health = Health.STARTING;

    private ParleyServer(ServerConfig config, InstantSource clock) {
        this.config = config;
        this.clock = clock;
    }

    /**
     * Starts a server: resolves the default domains ({@link DefaultDomains}), creates the data
     * directory, opens the stores, makes or reads the TLS certificate and the admin token, binds the
     * listeners, starts the sweeper and, when the configuration names an admin address, the admin
     * endpoint. On failure everything opened is closed again.
     *
     * @throws IllegalStateException when a listener or the admin address cannot be bound or a store
     *     cannot be opened; the message names the listener, file or database
     * @throws IllegalArgumentException when a certificate file or a password variable is unusable
     * @throws UncheckedIOException when the data directory, the admin token or the access log cannot be
     *     created or written
     */
    public static ParleyServer start(ServerConfig config) {
        Objects.requireNonNull(config, "config");
        ParleyServer server = new ParleyServer(DefaultDomains.resolve(config), InstantSource.system());
        try {
            server.open();
        } catch (RuntimeException e) {
            server.release();
            throw e;
        }
        return server;
    }

    private void open() {
        ServerConfig c = config;
        try {
            Files.createDirectories(c.dataDirectory());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + c.dataDirectory() + ": " + e, e);
        }
        ServerLogging.setLevel(c.log().level());
        try {
            token = AdminToken.loadOrCreate(c.dataDirectory());
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
        stores = ServerStores.open(c, clock);
        DigestServer digest = new DigestServer(DigestConfig.defaults().withAlgorithms(c.auth().algorithms()),
                stores.subscribers(), clock);
        Registrar registrar = Registrar.authenticating(registrarConfig(c), stores.locations(), digest, clock);
        proxy = Proxy.builder(proxyConfig(c)).locations(stores.locations()).registrar(registrar)
                .subscribers(stores.subscribers()).authentication(digest).clock(clock).build();
        gate = new ShutdownGate(proxy);
        metrics = new ServerMetrics(this);
        SipMetrics sip = metrics.sip();
        TransactionObserver observer = sip.andThen(gate);
        if (c.log().accessLog()) {
            try {
                accessLog = AccessLog.open(AccessLogConfig.of(c.accessLogPath()), clock);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open the access log " + c.accessLogPath() + ": "
                        + e.getMessage(), e);
            }
            accessLog.bindTo(metrics.registry());
            observer = observer.andThen(accessLog);
        }
        TransportConfig transport = transportConfig(c);
        // The proxy forwards spirals through itself: RFC 3261 §8.2.2.2's merged-request check is a UAS rule and
        // would answer them 482 (the proxy detects loops by §16.3 step 4 instead).
        TransactionConfig tc = transactionConfig(c.timers()).withObserver(observer).withMergedRequestDetection(false);
        // One transaction lane on each I/O loop: a message is read, matched, handled and answered on one
        // thread, with no hand-off between threads (the registrar benchmark's CPU per REGISTER fell by a
        // tenth and more with it). Nothing on a lane blocks: the stores answer through futures.
        ioLoops = IoLoops.open(transport.ioThreads(), transport.nativeTransport());
        ioLoops.loops().forEach(loop -> lanes.add(EventLoopLane.on(loop)));
        TransactionConfig laned = tc.withLanes(lanes.size());
        // Inbound: count, trace, then the transaction layer; outbound: trace, count, then the sockets.
        transactions = TransactionLayer.start(laned, lanes, gate, h -> trace.tracing(new MeteredTransportLayer(
                NettyTransportLayer.start(transport, RoutingConfig.DEFAULT,
                        MeteredTransportLayer.counting(trace.tracing(h), sip), clock, ioLoops),
                sip)));
        sip.bindTransactions(transactions.stats());
        gate.attach(transactions);
        proxy.attach(transactions);
        c.nat().keepAliveInterval().ifPresent(every -> {
            keepAlive = NatKeepAlive.of(KeepAliveConfig.defaults().withInterval(every), stores.locations(),
                    transactions, clock, (binding, failures, removed) -> LOG.info(
                            "{} did not answer {} keep-alives in a row{}", binding.uri(), failures,
                            removed ? "; its binding is removed" : ""));
            keepAlive.start();
        });
        sweeper = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().name("parley-sweeper")
                .daemon().unstarted(r));
        long every = SWEEP_INTERVAL.toMillis();
        sweeper.scheduleWithFixedDelay(this::sweep, every, every, TimeUnit.MILLISECONDS);
        if (c.admin().isPresent()) {
            try {
                admin = AdminServer.start(new AdminConfig(c.admin().get()), token, this, metrics, trace,
                        LogLevels.ofLogback());
            } catch (IOException e) {
                throw new IllegalStateException("cannot open the admin endpoint on "
                        + ListenAddress.format(c.admin().get()) + ": " + e.getMessage(), e);
            }
        }
        health = Health.UP;
        LOG.info("Parley server started: {} for {}; data in {}", describeListeners(), domains(), c.dataDirectory());
    }

    private static ProxyConfig proxyConfig(ServerConfig c) {
        ProxyConfig p = ProxyConfig.forDomains(c.domains().stream().map(DomainConfig::name).toList())
                .withTimerC(c.timers().timerC());
        for (DomainConfig d : c.domains()) {
            p = p.withRealm(d.name(), d.realm());
        }
        return p;
    }

    private static RegistrarConfig registrarConfig(ServerConfig c) {
        Map<String, String> realms = new LinkedHashMap<>();
        for (DomainConfig d : c.domains()) {
            realms.put(d.name(), d.realm());
        }
        Limits l = c.limits();
        return new RegistrarConfig(realms, l.minExpires(), l.defaultExpires(), l.maxExpires(), l.maxBindingsPerAor());
    }

    private static TransactionConfig transactionConfig(Timers t) {
        return new TransactionConfig(t.t1(), t.t2(), t.t4(), TransactionConfig.DEFAULT_TIMER_D,
                TransactionConfig.DEFAULT_TRYING_DELAY, Math.max(1, Runtime.getRuntime().availableProcessors()));
    }

    private static TransportConfig transportConfig(ServerConfig c) {
        List<ListenerConfig> listeners = c.listeners().stream().map(ListenAddress::toListenerConfig).toList();
        Limits l = c.limits();
        Optional<TlsConfig> tls = Optional.empty();
        if (c.needsCertificate()) {
            tls = Optional.of(ServerCertificates.load(c.tls(), c.dataDirectory(), certificateNames(c)));
        }
        return new TransportConfig(listeners, l.parser(), l.maxConnections(), l.maxConnectionsPerAddress(),
                Math.max(1, Runtime.getRuntime().availableProcessors()), l.idleTimeout(), true, tls,
                WebSocketConfig.DEFAULT);
    }

    /** The names a self-signed certificate carries: the domains and the listeners' specific addresses. */
    static List<String> certificateNames(ServerConfig c) {
        Set<String> names = new LinkedHashSet<>();
        c.domains().forEach(d -> names.add(d.name()));
        for (ListenAddress l : c.listeners()) {
            if (!l.isWildcard()) {
                names.add(l.host());
            }
        }
        return List.copyOf(names);
    }

    private void sweep() {
        try {
            int removed = stores.removeExpired();
            if (removed > 0) {
                LOG.debug("removed {} expired bindings", removed);
            }
        } catch (RuntimeException e) {
            // The next tick tries again; a failing sweep must not end the timer.
            LOG.error("sweeping expired bindings failed", e);
        }
    }

    /** The configuration the server runs with, its domains resolved. */
    public ServerConfig config() {
        return config;
    }

    /**
     * The bound address of the first listener of transport {@code t}: the real port when the
     * configuration asked for port 0.
     *
     * @throws IllegalArgumentException when no listener has that transport
     */
    public InetSocketAddress localAddress(Transport t) {
        List<InetSocketAddress> all = localAddresses(t);
        if (all.isEmpty()) {
            throw new IllegalArgumentException("no " + t + " listener; the listeners are " + config.listeners());
        }
        return all.get(0);
    }

    /** The bound addresses of the listeners of transport {@code t}; empty when there are none. */
    public List<InetSocketAddress> localAddresses(Transport t) {
        return transactions.transport().localAddresses(t);
    }

    /** The domains served, in the configured order. */
    public List<String> domains() {
        return config.domains().stream().map(DomainConfig::name).toList();
    }

    /** The bound admin endpoint; empty when there is none. */
    public Optional<InetSocketAddress> adminAddress() {
        return Optional.ofNullable(admin).map(AdminServer::address);
    }

    /** The admin API's bearer token (kept in the data directory). */
    public String adminToken() {
        return token.value();
    }

    /** Whether this start made the admin token, i.e. the data directory had none: the first start. */
    public boolean isFirstStart() {
        return token.isNew();
    }

    /** The subscribers digest authentication reads. */
    public SubscriberStore subscribers() {
        return stores.subscribers();
    }

    /** The bindings the registrar writes. */
    public LocationStore locations() {
        return stores.locations();
    }

    /** The transaction layer. */
    public TransactionLayer transactions() {
        return transactions;
    }

    /** The proxy core (RFC 3261 §16) every request goes through. */
    public Proxy proxy() {
        return proxy;
    }

    /** The NAT keep-alive's counters; empty when {@code nat.keepAliveInterval} is off. */
    public Optional<KeepAliveStats> keepAlive() {
        return Optional.ofNullable(keepAlive).map(NatKeepAlive::stats);
    }

    /** The metrics {@code /metrics} shows. */
    public ServerMetrics metrics() {
        return metrics;
    }

    /** The message tracing switches ({@code /api/trace}). */
    public MessageTrace trace() {
        return trace;
    }

    @Override
    public Health health() {
        return health;
    }

    @Override
    public CompletableFuture<List<RegistrationEntry>> registrations(int limit) {
        return new StoreRegistrations(stores.locations(), clock).list(limit);
    }

    @Override
    public CompletableFuture<LocationCounts> registrationCounts() {
        return stores.locations().count();
    }

    @Override
    public CompletableFuture<Integer> liveTransactions() {
        return transactions.liveTransactions();
    }

    @Override
    public TransactionStats transactionStats() {
        return transactions.stats();
    }

    @Override
    public List<CallEntry> calls() {
        return proxy.calls().stream().map(c -> new CallEntry(c.callId(), c.from(), c.to(), c.started())).toList();
    }

    /** Whether {@link #close} has begun. */
    public boolean isClosing() {
        return closed.get();
    }

    /**
     * Applies {@code next} where it is safe while running: the log level. Every other difference needs
     * a restart; those keys are logged and returned.
     *
     * @return the top-level keys that differ and need a restart (empty when all changes applied)
     */
    public List<String> reload(ServerConfig next) {
        ServerConfig resolved = DefaultDomains.resolve(Objects.requireNonNull(next, "next"));
        ServerConfig current = config;
        String before = current.log().level();
        ServerLogging.setLevel(resolved.log().level());
        if (!before.equals(resolved.log().level())) {
            LOG.info("reloaded: log.level {} -> {}", before, resolved.log().level());
        }
        List<String> restart = new ArrayList<>();
        diff(restart, "listeners", current.listeners(), resolved.listeners());
        diff(restart, "domains", current.domains(), resolved.domains());
        diff(restart, "dataDirectory", current.dataDirectory(), resolved.dataDirectory());
        diff(restart, "admin", current.admin(), resolved.admin());
        diff(restart, "tls", current.tls(), resolved.tls());
        diff(restart, "storage", current.storage(), resolved.storage());
        diff(restart, "timers", current.timers(), resolved.timers());
        diff(restart, "limits", current.limits(), resolved.limits());
        diff(restart, "log.accessLog", current.log().accessLog(), resolved.log().accessLog());
        diff(restart, "log.accessLogFile", current.log().accessLogFile(), resolved.log().accessLogFile());
        diff(restart, "auth", current.auth(), resolved.auth());
        diff(restart, "nat", current.nat(), resolved.nat());
        if (!restart.isEmpty()) {
            LOG.warn("configuration changes that need a restart were not applied: {}", restart);
        }
        config = current.toBuilder().log(new LogConfig(resolved.log().level(),
                current.log().accessLog(), current.log().accessLogFile())).build();
        return List.copyOf(restart);
    }

    private static void diff(List<String> out, String key, Object a, Object b) {
        if (!a.equals(b)) {
            out.add(key);
        }
    }

    /**
     * Stops gracefully (see the class comment); idempotent. Blocks for at most the grace period and
     * the stores' own bounded closing.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        health = Health.STOPPING;
        LOG.info("Parley server stopping: new requests get 503; waiting up to {} for {} open transactions",
                Durations.format(config.limits().shutdownGrace()), gate.pending());
        gate.close();
        drain(config.limits().shutdownGrace());
        release();
        LOG.info("Parley server stopped ({} requests refused while stopping)", gate.refused());
    }

    /** Waits until the open transactions have their final response, or the grace period ends. */
    private void drain(Duration grace) {
        Instant deadline = clock.instant().plus(grace);
        try {
            while (true) {
                sweeper.schedule(() -> { }, DRAIN_POLL.toMillis(), TimeUnit.MILLISECONDS).get();
                if (gate.pending() == 0) {
                    return;
                }
                if (!clock.instant().isBefore(deadline)) {
                    LOG.warn("{} transactions still open after {}; answering them 503", gate.pending(),
                            Durations.format(grace));
                    gate.refuseOpen();
                    sweeper.schedule(() -> { }, DRAIN_POLL.toMillis(), TimeUnit.MILLISECONDS).get();
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | RejectedExecutionException e) {
            LOG.warn("graceful shutdown cut short: {}", e.toString());
        }
    }

    /** Closes whatever is open, in reverse order of opening. */
    private void release() {
        if (admin != null) {
            admin.close();
        }
        if (keepAlive != null) {
            keepAlive.close();
        }
        if (transactions != null) {
            transactions.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (accessLog != null) {
            accessLog.close();
        }
        lanes.forEach(EventLoopLane::close);
        if (ioLoops != null) {
            ioLoops.close();
        }
        if (sweeper != null) {
            sweeper.shutdownNow();
        }
        if (stores != null) {
            stores.close();
        }
    }

    private String describeListeners() {
        List<String> out = new ArrayList<>();
        for (Transport t : ListenAddress.TRANSPORTS) {
            for (InetSocketAddress a : localAddresses(t)) {
                out.add(t.name().toLowerCase(Locale.ROOT) + ":" + ListenAddress.format(a));
            }
        }
        return String.join(" ", out);
    }
}
