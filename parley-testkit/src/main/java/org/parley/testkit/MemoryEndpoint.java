package org.parley.testkit;

import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.parley.message.SipMessage;
import org.parley.message.SipParseException;
import org.parley.message.SipRequest;
import org.parley.message.SipResponse;
import org.parley.message.header.Via;
import org.parley.message.uri.Host;
import org.parley.transport.Inbound;
import org.parley.transport.InboundHandler;
import org.parley.transport.Source;
import org.parley.transport.Transport;
import org.parley.transport.TransportLayer;
import org.parley.transport.TransportStats;
import org.parley.transport.internal.TransportCounters;
import org.parley.transport.internal.ViaStamp;
import org.parley.transport.resolve.Target;

/**
 * One endpoint of a {@link MemoryNetwork}: a {@link TransportLayer} at one address, listening on a
 * set of transports. {@link #send} and {@link #respond} queue packets on the network; the network
 * calls the endpoint's {@link InboundHandler} when the test delivers them, with a request's top Via
 * stamped as on a wire (RFC 3261 §18.2.1, RFC 3581 §4) and a {@link Source} whose connection id, over
 * a reliable transport, lets {@link #respond} use the request's connection (§18.2.2).
 *
 * <p>Futures complete before {@code send} returns, on the caller's thread: successfully once the
 * packet is queued (a lost UDP packet still succeeds, as on a wire), exceptionally when the endpoint
 * is closed, lacks the transport, the message is over 64 KiB, or a reliable send finds nothing
 * listening. {@link #stats()} counts received, malformed and handler failures.
 *
 * <p>Thread-safe: every operation runs under the network's lock (see {@link MemoryNetwork}).
 */
public final class MemoryEndpoint implements TransportLayer {
    /** RFC 5626 §4.4.1: the double-CRLF keep-alive ping over a stream flow. */
    private static final byte[] KEEP_ALIVE_PING = {'\r', '\n', '\r', '\n'};

    private final MemoryNetwork network;
    private final InetSocketAddress address;
    private final Set<Transport> transports;
    private final InboundHandler handler;
    private final TransportStats stats = new TransportStats();
    private final TransportCounters.Counters counters = TransportCounters.of(stats);
    private volatile boolean closed;

    MemoryEndpoint(MemoryNetwork network, InetSocketAddress address, Set<Transport> transports,
            InboundHandler handler) {
        this.network = network;
        this.address = address;
        this.transports = transports;
        this.handler = handler;
    }

    /** The endpoint's address: the source of what it sends, the local address of what it receives. */
    public InetSocketAddress address() {
        return address;
    }

    /** True when the endpoint listens on {@code transport}. */
    public boolean listensOn(Transport transport) {
        return transports.contains(transport);
    }

    /** True once {@link #close()} was called. */
    public boolean isClosed() {
        return closed;
    }

    /** Queues the message's bytes to the target over its transport (a new or open connection when reliable). */
    @Override
    public CompletableFuture<Void> send(SipMessage message, Target target) {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(target, "target");
        return network.send(this, message.toBytes(), target.transport(), target.address());
    }

    /**
     * Sends a response the way RFC 3261 §18.2.2 says: over the request's connection while it is open,
     * else to the top Via's {@code received} (or sent-by host) at its {@code rport} (RFC 3581 §4) or
     * sent-by port, over the request's transport. A sent-by host name fails: this network has no DNS.
     */
    @Override
    public CompletableFuture<Void> respond(SipResponse response, Source source) {
        Objects.requireNonNull(response, "response");
        Objects.requireNonNull(source, "source");
        byte[] bytes = response.toBytes();
        if (source.transport().isReliable() && network.sendOnConnection(this, bytes, source.connectionId())) {
            return CompletableFuture.completedFuture(null);
        }
        InetSocketAddress to;
        try {
            to = viaAddress(response.topVia(), source.transport());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return network.send(this, bytes, source.transport(), to);
    }

    /** RFC 3261 §18.2.2 and RFC 3581 §4: where a response goes when no connection carries it. */
    private static InetSocketAddress viaAddress(Via via, Transport transport) {
        String hostText = via.received().orElse(via.host());
        Host host = Host.parse(hostText);
        if (!host.isIpAddress()) {
            throw new IllegalStateException("response to Via host " + hostText
                    + " needs RFC 3263 §5 name resolution; the memory network has no DNS");
        }
        int port = via.rport().orElse(via.port().orElse(transport.defaultPort()));
        return new InetSocketAddress(host.text(), port);
    }

    /**
     * Queues a CRLFCRLF keep-alive (RFC 5626 §4.4.1) on the open connection of {@code flow}; fails
     * when it is closed or not a stream. The receiver skips it, as RFC 3261 §7.5 lets it skip CRLFs
     * before a message; tests see it in {@link MemoryNetwork#inFlight()} ({@link #isKeepAlive}).
     */
    @Override
    public CompletableFuture<Void> sendKeepAlive(Source flow) {
        Objects.requireNonNull(flow, "flow");
        if (!flow.transport().isReliable()) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("a keep-alive ping goes over a stream "
                    + "flow, not " + flow.transport()));
        }
        if (!network.sendOnConnection(this, KEEP_ALIVE_PING.clone(), flow.connectionId())) {
            return CompletableFuture.failedFuture(new IllegalStateException("the " + flow.transport() + " flow "
                    + flow.connectionId() + " from " + flow.remote() + " is closed"));
        }
        return CompletableFuture.completedFuture(null);
    }

    /** True when {@code packet} is a stream keep-alive: CRLFCRLF over a reliable transport. */
    public static boolean isKeepAlive(Packet packet) {
        return packet.transport().isReliable() && Arrays.equals(packet.bytes(), KEEP_ALIVE_PING);
    }

    /** The endpoint's address, for each transport it listens on. */
    @Override
    public List<InetSocketAddress> localAddresses(Transport transport) {
        return listensOn(transport) ? List.of(address) : List.of();
    }

    @Override
    public TransportStats stats() {
        return stats;
    }

    /** Stops the endpoint: its connections close, its address is free, packets to it are lost, sends fail. */
    @Override
    public void close() {
        closed = true;
        network.closed(this);
    }

    /** Called by the network under its lock: parse, stamp, hand over. */
    void receive(Packet packet) {
        if (isKeepAlive(packet)) {
            // RFC 3261 §7.5: CRLFs before a start line are skipped; a ping carries no message.
            return;
        }
        SipMessage message;
        try {
            message = packet.message();
            if (message instanceof SipRequest request) {
                // RFC 3261 §18.2.1, RFC 3581 §4: what a server transport writes into the top Via.
                message = ViaStamp.stamp(request, packet.source());
            }
        } catch (SipParseException e) {
            counters.malformed().increment();
            return;
        }
        counters.received().increment();
        Source source = new Source(packet.transport(), packet.source(), address, packet.connectionId());
        try {
            handler.onMessage(new Inbound(message, source));
        } catch (RuntimeException e) {
            counters.handlerFailures().increment();
            throw e;
        }
    }

    @Override
    public String toString() {
        return "MemoryEndpoint[" + address + " " + transports + (closed ? ", closed" : "") + "]";
    }
}
