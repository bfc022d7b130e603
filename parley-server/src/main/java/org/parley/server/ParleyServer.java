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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.parley.message.HeaderName;
import org.parley.message.Method;
import org.parley.message.SipResponse;
import org.parley.proxy.auth.DigestConfig;
import org.parley.proxy.auth.DigestServer;
import org.parley.proxy.auth.SubscriberStore;
import org.parley.proxy.location.LocationStore;
import org.parley.proxy.registrar.Registrar;
import org.parley.proxy.registrar.RegistrarConfig;
import org.parley.server.config.DomainConfig;
import org.parley.server.config.Durations;
import org.parley.server.config.Limits;
import org.parley.server.config.ListenAddress;
import org.parley.server.config.LogConfig;
import org.parley.server.config.ServerConfig;
import org.parley.server.config.Timers;
import org.parley.server.tls.ServerCertificates;
import org.parley.transaction.EventLoopLane;
import org.parley.transaction.TransactionConfig;
import org.parley.transaction.TransactionLayer;
import org.parley.transaction.TransactionUser;
import org.parley.transport.ListenerConfig;
import org.parley.transport.NettyTransportLayer;
import org.parley.transport.Transport;
import org.parley.transport.TransportConfig;
import org.parley.transport.WebSocketConfig;
import org.parley.transport.tls.TlsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Parley server: the configured listeners ({@link NettyTransportLayer}), a
 * {@link TransactionLayer} on {@link EventLoopLane}s, the SIP core behind a {@link ShutdownGate}, the
 * stores ({@link ServerStores}), a timer thread that sweeps expired bindings, and optionally the admin
 * endpoint.
 *
 * <pre>
 *   listeners ─► transport ─► transactions (lanes) ─► ShutdownGate ─► SIP core ─► Registrar (RFC 3261 §10.3)
 *                                                                        │           └─► DigestServer (§22)
 *                                                                        └──────────────► subscribers, locations
 * </pre>
 *
 * <p>The SIP core is made by one factory method, {@link #newCore}: today the registrar (REGISTER) with
 * OPTIONS answered locally and other requests refused with 405; the proxy core of
 * {@code org.parley.proxy.core} replaces it there.
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
public final class ParleyServer implements AutoCloseable {
    /** How often expired bindings are removed and finished transactions forgotten. */
    static final Duration SWEEP_INTERVAL = Duration.ofSeconds(1);
    /** How often a graceful shutdown checks whether the open transactions have finished. */
    private static final Duration DRAIN_POLL = Duration.ofMillis(50);

    private static final Logger LOG = LoggerFactory.getLogger(ParleyServer.class);

    private final InstantSource clock;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final List<EventLoopLane> lanes = new ArrayList<>();
    private volatile ServerConfig config;
    private ServerStores stores;
    private ShutdownGate gate;
    private TransactionLayer transactions;
    private ScheduledExecutorService sweeper;
    private AdminToken token;
    private AdminEndpoint admin;

    private ParleyServer(ServerConfig config, InstantSource clock) {
        this.config = config;
        this.clock = clock;
    }

    /**
     * Starts a server without an admin endpoint (see {@link #start(ServerConfig, AdminEndpoint.Factory)}).
     *
     * @throws IllegalStateException when a listener cannot be bound or a store cannot be opened; the
     *     message names the listener, file or database
     * @throws IllegalArgumentException when a certificate file or a password variable is unusable
     * @throws UncheckedIOException when the data directory cannot be created or written
     */
    public static ParleyServer start(ServerConfig config) {
        return start(config, null);
    }

    /**
     * Starts a server: resolves the default domains ({@link DefaultDomains}), creates the data
     * directory, opens the stores, makes or reads the TLS certificate and the admin token, binds the
     * listeners and starts the sweeper, then opens the admin endpoint through {@code adminFactory} when
     * the configuration has an admin address and a factory is given. On failure everything opened is
     * closed again.
     *
     * @param adminFactory makes the admin endpoint; null for none
     * @throws IllegalStateException as {@link #start(ServerConfig)}, or the admin address cannot be bound
     */
    public static ParleyServer start(ServerConfig config, AdminEndpoint.Factory adminFactory) {
        Objects.requireNonNull(config, "config");
        ParleyServer server = new ParleyServer(DefaultDomains.resolve(config), InstantSource.system());
        try {
            server.open(adminFactory);
        } catch (RuntimeException e) {
            server.release();
            throw e;
        }
        return server;
    }

    private void open(AdminEndpoint.Factory adminFactory) {
        ServerConfig c = config;
        try {
            Files.createDirectories(c.dataDirectory());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + c.dataDirectory() + ": " + e, e);
        }
        ServerLogging.setLevel(c.log().level());
        token = AdminToken.loadOrCreate(c.dataDirectory());
        stores = ServerStores.open(c, clock);
        Registrar registrar = Registrar.authenticating(registrarConfig(c), stores.locations(),
                new DigestServer(DigestConfig.defaults(), stores.subscribers(), clock), clock);
        gate = new ShutdownGate(newCore(registrar));
        TransportConfig transport = transportConfig(c);
        TransactionConfig tc = transactionConfig(c.timers());
        for (int i = 0; i < tc.lanes(); i++) {
            lanes.add(new EventLoopLane("parley-lane-" + i));
        }
        transactions = TransactionLayer.start(tc, lanes, gate, h -> NettyTransportLayer.start(transport, h, clock));
        gate.attach(transactions);
        sweeper = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().name("parley-sweeper")
                .daemon().unstarted(r));
        long every = SWEEP_INTERVAL.toMillis();
        sweeper.scheduleWithFixedDelay(this::sweep, every, every, TimeUnit.MILLISECONDS);
        if (adminFactory != null && c.admin().isPresent()) {
            try {
                admin = adminFactory.open(c.admin().get(), token.value(), this);
            } catch (IOException e) {
                throw new IllegalStateException("cannot open the admin endpoint on "
                        + ListenAddress.format(c.admin().get()) + ": " + e.getMessage(), e);
            }
        }
        LOG.info("Parley server started: {} for {}; data in {}", describeListeners(), domains(), c.dataDirectory());
    }

    /**
     * The SIP core: the one place that decides what the server does with a request. Today: REGISTER to
     * the registrar (RFC 3261 §10.3), OPTIONS answered 200 with Allow (§11.2), anything else 405 with
     * Allow (§21.4.6), since nothing is forwarded yet. The proxy core replaces this method's body.
     */
    private static TransactionUser newCore(Registrar registrar) {
        return (tx, request) -> {
            if (request.method().equals(Method.REGISTER)) {
                registrar.respond(tx);
            } else if (request.method().equals(Method.OPTIONS)) {
                tx.respond(SipResponse.responseTo(request, 200).add(HeaderName.ALLOW, "REGISTER, OPTIONS").build());
            } else {
                tx.respond(SipResponse.responseTo(request, 405).add(HeaderName.ALLOW, "REGISTER, OPTIONS").build());
            }
        };
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
            gate.prune();
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
        return Optional.ofNullable(admin).map(AdminEndpoint::address);
    }

    /** The admin API's bearer token (kept in the data directory). */
    public String adminToken() {
        return token.value();
    }

    /** Whether this start made the admin token, i.e. the data directory had none: the first start. */
    public boolean isFirstStart() {
        return token.created();
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
                sweeper.schedule(gate::prune, DRAIN_POLL.toMillis(), TimeUnit.MILLISECONDS).get();
                // The prune tasks run on the lanes; a second round trip lets them finish before counting.
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
        if (transactions != null) {
            transactions.close();
        }
        lanes.forEach(EventLoopLane::close);
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
