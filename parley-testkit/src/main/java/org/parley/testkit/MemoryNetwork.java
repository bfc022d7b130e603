package org.parley.testkit;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.IntSupplier;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.parley.message.ParserConfig;
import org.parley.transport.InboundHandler;
import org.parley.transport.Transport;
import org.parley.testkit.Connections.Connection;

/**
 * A deterministic network of {@link MemoryEndpoint}s in virtual time, for tests of the transaction
 * layer and above (issue #3). An endpoint's {@code send} serializes the message and queues a
 * {@link Packet}; nothing arrives until the test calls {@link #deliverNext()}, {@link #deliverDue()}
 * or {@link #deliverAll()}. Delivery parses the bytes, stamps a request's top Via as the real layer
 * does (RFC 3261 §18.2.1, RFC 3581 §4) and calls the receiving endpoint's handler.
 *
 * <p>Order: packets go in order of their due instant on the {@link VirtualClock}, then of their
 * {@linkplain Packet#sequence() send order}. A packet is due when sent unless a {@link #delay} rule
 * moved it later.
 *
 * <p>Faults on command ({@link FaultRule}): {@link #drop}, {@link #duplicate}, {@link #delay},
 * {@link #hold} (until {@link #release}), {@link #reorder} (held back for a number of other
 * deliveries), and seeded random {@link #randomLoss} and {@link #randomDuplication}. They act only
 * on packets over <em>unreliable</em> transports (UDP): a reliable transport neither loses,
 * duplicates nor reorders what it accepted, so rules never see its packets; what fails there is the
 * connection, modelled by {@link #disconnect}, by closing an endpoint, or by sending to an address
 * where nothing listens (the send future fails as a refused connection does). A UDP packet to an
 * address where nothing listens is lost silently and counted in {@link #lost()}.
 *
 * <p>What it does not model: the size-driven move from UDP to TCP (§18.1.1), 400 answers to
 * malformed input (a packet that does not parse is counted as malformed by the receiver and
 * dropped), ephemeral client ports (a connection's far end is its opener's endpoint address).
 *
 * <p>Thread model: thread-safe, guarded by the network's lock, which handlers run under: the test
 * thread that calls {@code deliver*} runs every handler, and a handler may send (re-entrantly) but
 * must not wait for another thread that sends. An exception a handler throws is counted in its
 * endpoint's {@code stats().handlerFailures()} and rethrown to the test.
 */
public final class MemoryNetwork {
    /** Packets {@link #deliverAll()} and {@link #deliverDue()} deliver at most before deciding the network loops. */
    public static final int DEFAULT_DELIVERY_LIMIT = 10_000;
    /** The count of a fault rule that acts on every matching packet. */
    public static final int ALWAYS = Integer.MAX_VALUE;

    private static final Comparator<Flight> DELIVERY_ORDER =
            Comparator.comparing((Flight f) -> f.packet.due()).thenComparingLong(f -> f.packet.sequence());

    private final Object lock = new Object();
    private final VirtualClock clock;
    private final int maxMessageBytes = ParserConfig.DEFAULT.maxMessageBytes();
    private final Map<InetSocketAddress, MemoryEndpoint> endpoints = new HashMap<>();
    private final List<Flight> flights = new ArrayList<>();
    private final List<FaultRule> rules = new ArrayList<>();
    private final Connections connections = new Connections();
    private SeededChance randomLoss = SeededChance.NEVER;
    private SeededChance randomDuplication = SeededChance.NEVER;
    private long nextSequence = 1;
    private long sent;
    private long delivered;
    private long lost;
    private long dropped;
    private long duplicated;
    private long refused;

    /** A packet in flight and whether, and for how many more deliveries, it is held back. */
    private static final class Flight {
        final Packet packet;
        boolean held;
        /** Deliveries of other packets until a reordered packet is released; -1 for "until release". */
        int deliveriesLeft;

        Flight(Packet packet, boolean held, int deliveriesLeft) {
            this.packet = packet;
            this.held = held;
            this.deliveriesLeft = deliveriesLeft;
        }
    }

    /** A network on a new {@link VirtualClock} at {@link VirtualClock#START}. */
    public MemoryNetwork() {
        this(new VirtualClock());
    }

    /** A network on {@code clock}, which the test (and the layers above) share. */
    public MemoryNetwork(VirtualClock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The network's clock. */
    public VirtualClock clock() {
        return clock;
    }

    /**
     * Adds an endpoint listening on {@code transports} at {@code address}.
     *
     * @throws IllegalArgumentException when the address is unresolved, has port 0, or is taken by an open
     *     endpoint, or when {@code transports} is empty
     */
    public MemoryEndpoint endpoint(InetSocketAddress address, Set<Transport> transports, InboundHandler handler) {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(transports, "transports");
        Objects.requireNonNull(handler, "handler");
        if (address.isUnresolved() || address.getPort() == 0) {
            throw new IllegalArgumentException("an endpoint needs a resolved address with a port, was " + address);
        }
        if (transports.isEmpty()) {
            throw new IllegalArgumentException("an endpoint needs at least one transport, at " + address);
        }
        synchronized (lock) {
            if (endpoints.containsKey(address)) {
                throw new IllegalArgumentException("an endpoint already listens at " + address);
            }
            MemoryEndpoint endpoint = new MemoryEndpoint(this, address, Set.copyOf(transports), handler);
            endpoints.put(address, endpoint);
            return endpoint;
        }
    }

    /** An endpoint on UDP and TCP at {@code address}. */
    public MemoryEndpoint endpoint(InetSocketAddress address, InboundHandler handler) {
        return endpoint(address, Set.of(Transport.UDP, Transport.TCP), handler);
    }

    // ---- faults -------------------------------------------------------------------------------

    /** Drops the next {@code times} matching UDP packets ({@link #ALWAYS}: every one); see {@link #dropped()}. */
    public FaultRule drop(PacketFilter filter, int times) {
        return addRule(new FaultRule(lock, FaultRule.Kind.DROP, filter, times, null, 0));
    }

    /** Delivers the next {@code times} matching UDP packets twice, the copy right behind the original. */
    public FaultRule duplicate(PacketFilter filter, int times) {
        return addRule(new FaultRule(lock, FaultRule.Kind.DUPLICATE, filter, times, null, 0));
    }

    /** Makes the next {@code times} matching UDP packets due {@code by} later on the virtual clock. */
    public FaultRule delay(PacketFilter filter, int times, Duration by) {
        Objects.requireNonNull(by, "by");
        if (by.isNegative()) {
            throw new IllegalArgumentException("a delay must not be negative, was " + by);
        }
        return addRule(new FaultRule(lock, FaultRule.Kind.DELAY, filter, times, by, 0));
    }

    /** Holds the next {@code times} matching UDP packets back until {@link #release} lets them go. */
    public FaultRule hold(PacketFilter filter, int times) {
        return addRule(new FaultRule(lock, FaultRule.Kind.HOLD, filter, times, null, 0));
    }

    /**
     * Holds each of the next {@code times} matching UDP packets back until {@code deliveries} other
     * packets have been taken off the network, so they overtake it; then it goes first among those due.
     */
    public FaultRule reorder(PacketFilter filter, int times, int deliveries) {
        if (deliveries < 1) {
            throw new IllegalArgumentException("a reordered packet waits for 1 or more deliveries, was " + deliveries);
        }
        return addRule(new FaultRule(lock, FaultRule.Kind.REORDER, filter, times, null, deliveries));
    }

    /**
     * Loses each UDP packet that no rule claimed with probability {@code fraction}, drawn from a
     * generator seeded with {@code seed}: the same seed and the same sends lose the same packets.
     * A fraction of 0 turns it off.
     */
    public void randomLoss(double fraction, long seed) {
        SeededChance chance = new SeededChance(fraction, seed);
        synchronized (lock) {
            randomLoss = chance;
        }
    }

    /** As {@link #randomLoss}, but duplicates each surviving UDP packet with probability {@code fraction}. */
    public void randomDuplication(double fraction, long seed) {
        SeededChance chance = new SeededChance(fraction, seed);
        synchronized (lock) {
            randomDuplication = chance;
        }
    }

    /** Lets held packets that {@code filter} matches go; returns how many. They keep their due instants. */
    public int release(PacketFilter filter) {
        Objects.requireNonNull(filter, "filter");
        synchronized (lock) {
            int released = 0;
            for (Flight f : flights) {
                if (f.held && filter.matches(f.packet)) {
                    f.held = false;
                    released++;
                }
            }
            return released;
        }
    }

    /**
     * Closes every connection between {@code a} and {@code b}: packets in flight on them are lost, and a
     * response to a request that came over one goes to its Via address on a new connection (§18.2.2).
     * Returns how many were closed.
     */
    public int disconnect(InetSocketAddress a, InetSocketAddress b) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        synchronized (lock) {
            return connections.close(a, b);
        }
    }

    // ---- delivery -----------------------------------------------------------------------------

    /** Delivers the first packet due now that is not held, if there is one, and returns it. */
    public Optional<Packet> deliverNext() {
        synchronized (lock) {
            Optional<Flight> next = next(true);
            next.ifPresent(this::deliver);
            return next.map(f -> f.packet);
        }
    }

    /** Delivers every packet due now, including those sent meanwhile; at most {@link #DEFAULT_DELIVERY_LIMIT}. */
    public int deliverDue() {
        return deliverLoop(true, DEFAULT_DELIVERY_LIMIT);
    }

    /**
     * Delivers every packet that is not held, including those sent meanwhile, moving the clock forward to
     * each delayed packet's due instant; at most {@link #DEFAULT_DELIVERY_LIMIT}. Use {@link #deliverDue()}
     * with a virtual scheduler when timers must fire between deliveries.
     */
    public int deliverAll() {
        return deliverAll(DEFAULT_DELIVERY_LIMIT);
    }

    /** Rounds {@link #settle} takes before it calls the network and its tasks a loop. */
    public static final int SETTLE_ROUNDS = 1_000;

    /**
     * Delivers every packet and runs the other side's pending work ({@code tasks}: e.g. a virtual
     * lane's {@code runPending}, returning how many tasks ran) in turn, until neither moves.
     *
     * @throws IllegalStateException when both are still busy after {@link #SETTLE_ROUNDS} rounds
     */
    public void settle(IntSupplier tasks) {
        for (int round = 0; round < SETTLE_ROUNDS; round++) {
            if (deliverAll() + tasks.getAsInt() == 0) {
                return;
            }
        }
        throw new IllegalStateException("network and tasks still busy after " + SETTLE_ROUNDS + " rounds");
    }

    /**
     * As {@link #deliverAll()}, with a bound on deliveries.
     *
     * @return how many packets were taken off the network
     * @throws IllegalStateException when more than {@code limit} packets would be delivered: a ping-pong loop
     */
    public int deliverAll(int limit) {
        return deliverLoop(false, limit);
    }

    private int deliverLoop(boolean dueOnly, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("a delivery limit must be 1 or more, was " + limit);
        }
        synchronized (lock) {
            int count = 0;
            for (Optional<Flight> next = next(dueOnly); next.isPresent(); next = next(dueOnly)) {
                if (count == limit) {
                    throw new IllegalStateException("delivered " + limit + " packets and more keep coming: "
                            + "a message loop? Next: " + next.get().packet);
                }
                if (next.get().packet.due().isAfter(clock.instant())) {
                    clock.advanceTo(next.get().packet.due());
                }
                deliver(next.get());
                count++;
            }
            return count;
        }
    }

    /** The instant the earliest packet that is not held is due, if any: when to advance the clock to. */
    public Optional<Instant> nextDue() {
        synchronized (lock) {
            return next(false).map(f -> f.packet.due());
        }
    }

    private Optional<Flight> next(boolean dueOnly) {
        Instant now = clock.instant();
        return flights.stream().filter(f -> !f.held && (!dueOnly || !f.packet.due().isAfter(now)))
                .min(DELIVERY_ORDER);
    }

    private void deliver(Flight flight) {
        flights.remove(flight);
        for (Flight f : flights) {
            if (f.held && f.deliveriesLeft > 0 && --f.deliveriesLeft == 0) {
                f.held = false;
            }
        }
        Packet p = flight.packet;
        MemoryEndpoint to = endpoints.get(p.destination());
        boolean connectionGone = p.connectionId() != 0 && !connections.isOpen(p.connectionId());
        if (to == null || !to.listensOn(p.transport()) || connectionGone) {
            lost++;
            return;
        }
        delivered++;
        to.receive(p);
    }

    // ---- inspection ---------------------------------------------------------------------------

    /** The packets in flight, held ones included, in delivery order (due instant, then send order). */
    public List<Packet> inFlight() {
        synchronized (lock) {
            return flights.stream().sorted(DELIVERY_ORDER).map(f -> f.packet).toList();
        }
    }

    /** The packets held back by a {@link #hold} or {@link #reorder} rule, in delivery order. */
    public List<Packet> held() {
        synchronized (lock) {
            return flights.stream().filter(f -> f.held).sorted(DELIVERY_ORDER).map(f -> f.packet).toList();
        }
    }

    /** Packets endpoints handed to the network (a duplicate is not counted again; refused sends are). */
    public long sent() {
        synchronized (lock) {
            return sent;
        }
    }

    /** Packets handed to a receiving endpoint, duplicates included. */
    public long delivered() {
        synchronized (lock) {
            return delivered;
        }
    }

    /** Packets that reached no one: no open endpoint at the address, or their connection closed. */
    public long lost() {
        synchronized (lock) {
            return lost;
        }
    }

    /** Packets a drop rule or random loss took. */
    public long dropped() {
        synchronized (lock) {
            return dropped;
        }
    }

    /** Extra copies a duplicate rule or random duplication made. */
    public long duplicated() {
        synchronized (lock) {
            return duplicated;
        }
    }

    /** Reliable sends refused because nothing listened at the address. */
    public long refused() {
        synchronized (lock) {
            return refused;
        }
    }

    // ---- sending, for MemoryEndpoint ----------------------------------------------------------

    private FaultRule addRule(FaultRule rule) {
        synchronized (lock) {
            rules.add(rule);
        }
        return rule;
    }

    /** Queues {@code bytes} from {@code from} to {@code to}, over an existing or new connection when reliable. */
    CompletableFuture<Void> send(MemoryEndpoint from, byte[] bytes, Transport transport, InetSocketAddress to) {
        synchronized (lock) {
            Optional<String> refusal = checkSend(from, bytes, transport);
            if (refusal.isPresent()) {
                return CompletableFuture.failedFuture(new IllegalStateException(refusal.get()));
            }
            sent++;
            if (!transport.isReliable()) {
                sendDatagram(new Packet(nextSequence++, transport, from.address(), to, 0, bytes,
                        clock.instant(), clock.instant()));
                return CompletableFuture.completedFuture(null);
            }
            Optional<Connection> open = connections.between(transport, from.address(), to);
            if (open.isEmpty()) {
                MemoryEndpoint listener = endpoints.get(to);
                if (listener == null || !listener.listensOn(transport)) {
                    refused++;
                    return CompletableFuture.failedFuture(new IllegalStateException("cannot connect over "
                            + transport + " to " + to + ": connection refused (no endpoint listens there)"));
                }
                open = Optional.of(connections.open(transport, from.address(), to));
            }
            queue(new Flight(onConnection(open.get(), from, bytes), false, 0));
            return CompletableFuture.completedFuture(null);
        }
    }

    /**
     * Queues a response on connection {@code connectionId} when it is open and joins {@code from};
     * returns false when it is not (RFC 3261 §18.2.2: then the Via address is used).
     */
    boolean sendOnConnection(MemoryEndpoint from, byte[] bytes, long connectionId) {
        synchronized (lock) {
            Optional<Connection> c = connections.byId(connectionId).filter(x -> x.joins(from.address()));
            if (c.isEmpty() || checkSend(from, bytes, c.get().transport()).isPresent()) {
                return false;
            }
            sent++;
            queue(new Flight(onConnection(c.get(), from, bytes), false, 0));
            return true;
        }
    }

    /** Closes the endpoint's connections and frees its address; packets to it are lost from now on. */
    void closed(MemoryEndpoint endpoint) {
        synchronized (lock) {
            connections.close(endpoint.address(), null);
            endpoints.remove(endpoint.address(), endpoint);
        }
    }

    private Optional<String> checkSend(MemoryEndpoint from, byte[] bytes, Transport transport) {
        if (from.isClosed()) {
            return Optional.of("endpoint " + from.address() + " is closed");
        }
        if (!from.listensOn(transport)) {
            return Optional.of("endpoint " + from.address() + " has no " + transport + " listener to send from");
        }
        if (bytes.length > maxMessageBytes) {
            return Optional.of("message of " + bytes.length + " bytes exceeds the limit of " + maxMessageBytes);
        }
        return Optional.empty();
    }

    private Packet onConnection(Connection c, MemoryEndpoint from, byte[] bytes) {
        return new Packet(nextSequence++, c.transport(), from.address(), c.peerOf(from.address()), c.id(), bytes,
                clock.instant(), clock.instant());
    }

    private void sendDatagram(Packet packet) {
        for (FaultRule rule : rules) {
            if (rule.claims(packet)) {
                apply(rule, packet);
                return;
            }
        }
        if (randomLoss.next()) {
            dropped++;
        } else if (randomDuplication.next()) {
            queueTwice(packet);
        } else {
            queue(new Flight(packet, false, 0));
        }
    }

    private void apply(FaultRule rule, Packet packet) {
        switch (rule.kind()) {
            case DROP -> dropped++;
            case DUPLICATE -> queueTwice(packet);
            case DELAY -> queue(new Flight(packet.copy(packet.sequence(), packet.due().plus(rule.delay())), false, 0));
            case HOLD -> queue(new Flight(packet, true, -1));
            case REORDER -> queue(new Flight(packet, true, rule.deliveries()));
        }
    }

    private void queueTwice(Packet packet) {
        queue(new Flight(packet, false, 0));
        queue(new Flight(packet.copy(nextSequence++, packet.due()), false, 0));
        duplicated++;
    }

    private void queue(Flight flight) {
        flights.add(flight);
    }
}
