package org.parley.proxy.nat;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.parley.proxy.location.AddressOfRecord;
import org.parley.proxy.location.Binding;
import org.parley.proxy.location.LocationStore;
import org.parley.transaction.LaneTimer;
import org.parley.transaction.TransactionLayer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps NAT'd bindings reachable (issue #7): once per {@link KeepAliveConfig#interval()} it walks
 * the {@link LocationStore} page by page, picks the bindings {@link NatBinding} says are behind a
 * NAT, and sends each one keep-alive, spread evenly over the interval so that 100,000 bindings make
 * a steady trickle rather than a burst:
 * <ul>
 *   <li>over UDP, an OPTIONS request (RFC 3261 §11) to the address the REGISTER came from, in a
 *       non-INVITE client transaction ({@link KeepAliveRequests});</li>
 *   <li>over a stream flow, a CRLFCRLF ping on the connection the REGISTER came on (RFC 5626
 *       §4.4.1; {@link org.parley.transport.TransportLayer#sendKeepAlive}), never a new connection.</li>
 * </ul>
 * Any response to the OPTIONS, whatever its status, shows the path works; a timeout or transport
 * error (the synthetic 408/503 of RFC 3261 §8.1.3.1) or a closed flow is a failure. After
 * {@link KeepAliveConfig#maxFailures()} failures in a row the binding is reported to the
 * {@link KeepAliveListener} and, when {@link KeepAliveConfig#removeUnreachable()}, removed from the
 * store, unless it was refreshed meanwhile. A binding whose OPTIONS is still unanswered when the
 * next round comes is skipped, so at most one keep-alive per binding is in flight.
 *
 * <pre>
 *   IDLE ─timer─► COLLECTING ─pages of addressesOfRecord + lookup─► SENDING ─ticks─► IDLE
 *   (next round at round start + interval)     store failure ─► IDLE (counted, logged)
 * </pre>
 *
 * <p>Bounded: a round tracks at most {@link KeepAliveConfig#maxBindings()} bindings, the failure
 * counts and pending set only the bindings of the latest round, and store lookups run one page at a
 * time. Thread model: confined to one lane of the transaction layer (the lane of {@link #LANE_KEY}),
 * where its timer fires and every store answer and response is carried; it never blocks the lane.
 * {@link #start()}, {@link #close()} and {@link #stats()} may be called from any thread.
 */
public final class NatKeepAlive implements AutoCloseable {
    /** The pseudo Call-ID whose lane runs the keep-alive. */
    public static final String LANE_KEY = "parley-nat-keepalive";
    /** The shortest pause between two batches of one round: 10 ms. */
    static final long MIN_TICK_MILLIS = 10;

    private static final Logger LOG = LoggerFactory.getLogger(NatKeepAlive.class);

    private enum Phase { IDLE, COLLECTING, SENDING }

    private final KeepAliveConfig config;
    private final LocationStore store;
    private final TransactionLayer layer;
    private final InstantSource clock;
    private final KeepAliveListener listener;
    private final KeepAliveStats stats = new KeepAliveStats();
    private final KeepAliveRequests requests;
    private final LaneTimer timer;

    // Confined to the lane of LANE_KEY.
    private final Map<String, Integer> failures = new HashMap<>();
    private final Set<String> pending = new HashSet<>();
    private Phase phase = Phase.IDLE;
    private Instant roundStart = Instant.EPOCH;
    private List<Binding> round = new ArrayList<>();
    private int next;
    private int perTick;
    private long tickMillis;
    private volatile boolean closed;
    private boolean started;

    private NatKeepAlive(KeepAliveConfig config, LocationStore store, TransactionLayer layer, InstantSource clock,
            KeepAliveListener listener) {
        this.config = Objects.requireNonNull(config, "config");
        this.store = Objects.requireNonNull(store, "store");
        this.layer = Objects.requireNonNull(layer, "layer");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.requests = new KeepAliveRequests(config.fromUser());
        this.timer = layer.newTimer(LANE_KEY, "NAT keep-alive", this::onTimer);
    }

    /**
     * A keep-alive over {@code layer}'s transport for the bindings of {@code store}; it does nothing
     * until {@link #start()}.
     *
     * @param clock the time base of round lengths and of removals (the store's clock)
     */
    public static NatKeepAlive of(KeepAliveConfig config, LocationStore store, TransactionLayer layer,
            InstantSource clock, KeepAliveListener listener) {
        return new NatKeepAlive(config, store, layer, clock, listener);
    }

    /** Begins the first round at once; later calls do nothing. Any thread. */
    public void start() {
        layer.execute(LANE_KEY, () -> {
            if (!started && !closed) {
                started = true;
                timer.start(0);
            }
        });
    }

    /** The counters. */
    public KeepAliveStats stats() {
        return stats;
    }

    /** Stops sending; keep-alives in flight finish unheeded. Any thread. */
    @Override
    public void close() {
        closed = true;
        layer.execute(LANE_KEY, timer::cancel);
    }

    private void onTimer() {
        if (closed) {
            return;
        }
        if (phase == Phase.IDLE) {
            beginRound();
        } else if (phase == Phase.SENDING) {
            sendBatch();
        }
    }

    private void beginRound() {
        phase = Phase.COLLECTING;
        roundStart = clock.instant();
        round = new ArrayList<>();
        stats.rounds.increment();
        collectPage("");
    }

    /** Asks the store for one page of records and their bindings; the answer is carried to the lane. */
    private void collectPage(String afterKey) {
        CompletableFuture<List<AddressOfRecord>> page;
        try {
            page = store.addressesOfRecord(afterKey, config.pageSize());
        } catch (RuntimeException e) {
            page = CompletableFuture.failedFuture(e);
        }
        page.thenCompose(this::lookupAll).whenComplete((found, failure) -> layer.execute(LANE_KEY,
                () -> onPage(found, failure)));
    }

    private CompletableFuture<Page> lookupAll(List<AddressOfRecord> aors) {
        List<CompletableFuture<List<Binding>>> lookups = new ArrayList<>(aors.size());
        for (AddressOfRecord aor : aors) {
            lookups.add(store.lookup(aor));
        }
        return CompletableFuture.allOf(lookups.toArray(CompletableFuture[]::new)).thenApply(v -> {
            List<Binding> bindings = new ArrayList<>();
            lookups.forEach(l -> bindings.addAll(l.join()));
            return new Page(aors, bindings);
        });
    }

    /** One page of records and all their live bindings. */
    private record Page(List<AddressOfRecord> aors, List<Binding> bindings) {
    }

    private void onPage(Page found, Throwable failure) {
        if (closed) {
            return;
        }
        if (failure != null) {
            stats.storeFailures.increment();
            // At most one per interval: the round ends here and the next begins an interval later.
            LOG.warn("NAT keep-alive round skipped: the location store failed: {}", failure.toString());
            round = new ArrayList<>();
            endRound();
            return;
        }
        for (Binding b : found.bindings()) {
            if (NatBinding.of(b) == NatBinding.NONE) {
                continue;
            }
            if (round.size() >= config.maxBindings()) {
                stats.overLimit.increment();
            } else {
                round.add(b);
            }
        }
        List<AddressOfRecord> aors = found.aors();
        if (aors.size() == config.pageSize() && round.size() < config.maxBindings()) {
            collectPage(aors.get(aors.size() - 1).key());
        } else {
            startSending();
        }
    }

    /** Spreads the round's sends evenly over what is left of the interval, in ticks of at least 10 ms. */
    private void startSending() {
        Set<String> keys = new HashSet<>();
        round.forEach(b -> keys.add(slotKey(b)));
        // Bounded by the latest round: bindings gone from the store are forgotten.
        failures.keySet().retainAll(keys);
        pending.retainAll(keys);
        if (round.isEmpty()) {
            endRound();
            return;
        }
        long window = Math.max(MIN_TICK_MILLIS, config.interval().toMillis() - elapsedMillis());
        long ticks = Math.max(1, Math.min(round.size(), window / MIN_TICK_MILLIS));
        tickMillis = window / ticks;
        perTick = (int) ((round.size() + ticks - 1) / ticks);
        next = 0;
        phase = Phase.SENDING;
        sendBatch();
    }

    private void sendBatch() {
        int end = Math.min(round.size(), next + perTick);
        for (; next < end; next++) {
            send(round.get(next));
        }
        if (next < round.size()) {
            timer.start(tickMillis);
        } else {
            endRound();
        }
    }

    private void endRound() {
        phase = Phase.IDLE;
        round = new ArrayList<>();
        timer.start(Math.max(0, config.interval().toMillis() - elapsedMillis()));
    }

    private long elapsedMillis() {
        return Math.max(0, Duration.between(roundStart, clock.instant()).toMillis());
    }

    private void send(Binding binding) {
        String key = slotKey(binding);
        if (NatBinding.of(binding) == NatBinding.STREAM) {
            stats.pingsSent.increment();
            CompletableFuture<Void> sent;
            try {
                sent = layer.transport().sendKeepAlive(binding.source());
            } catch (RuntimeException e) {
                sent = CompletableFuture.failedFuture(e);
            }
            sent.whenComplete((ok, failure) -> layer.execute(LANE_KEY, () -> onOutcome(key, binding,
                    failure == null)));
            return;
        }
        if (!pending.add(key)) {
            stats.stillPending.increment();
            return;
        }
        stats.optionsSent.increment();
        InetSocketAddress to = binding.source().remote();
        List<InetSocketAddress> locals = layer.transport().localAddresses(binding.source().transport());
        InetSocketAddress from = locals.stream()
                .filter(a -> a.getAddress() instanceof Inet6Address == to.getAddress() instanceof Inet6Address)
                .findFirst().orElse(null);
        if (from == null) {
            LOG.debug("no {} listener to send a keep-alive to {} from", binding.source().transport(), to);
            onOutcome(key, binding, false);
            return;
        }
        try {
            layer.send(requests.options(binding, from), KeepAliveRequests.target(binding),
                    (tx, response) -> {
                        if (response.statusCode() >= 200) {
                            boolean answered = !TransactionLayer.isSynthetic(response);
                            layer.execute(LANE_KEY, () -> onOutcome(key, binding, answered));
                        }
                    });
        } catch (RuntimeException e) {
            // A contact URI that makes no valid Request-URI: counted as a failure, never thrown at the lane.
            LOG.debug("cannot send a keep-alive OPTIONS to {}: {}", binding.uri(), e.toString());
            onOutcome(key, binding, false);
        }
    }

    private void onOutcome(String key, Binding binding, boolean answered) {
        pending.remove(key);
        if (answered) {
            stats.answered.increment();
            failures.remove(key);
            return;
        }
        stats.failed.increment();
        int inARow = failures.merge(key, 1, Integer::sum);
        if (inARow < config.maxFailures() || closed) {
            return;
        }
        failures.remove(key);
        stats.unreachable.increment();
        boolean remove = config.removeUnreachable();
        LOG.debug("binding {} of {} failed {} keep-alives in a row{}", binding.uri(), binding.aor(), inARow,
                remove ? "; removing it" : "");
        listener.onUnreachable(binding, inARow, remove);
        if (remove) {
            BindingRemoval.remove(store, binding, clock.instant()).whenComplete((removed, failure) -> {
                if (failure != null) {
                    stats.storeFailures.increment();
                    LOG.warn("cannot remove unreachable binding {} of {}: {}", binding.uri(), binding.aor(),
                            failure.toString());
                } else if (removed) {
                    stats.removed.increment();
                }
            });
        }
    }

    /** A binding's identity across rounds: its record and slot (RFC 5626 §6 instance and reg-id, or contact URI). */
    static String slotKey(Binding b) {
        String slot = b.isOutbound() ? b.instanceId().orElseThrow() + " " + b.regId().getAsInt() : b.uri().toString();
        return b.aor().key() + " " + slot;
    }
}
