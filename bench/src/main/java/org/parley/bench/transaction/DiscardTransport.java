package org.parley.bench.transaction;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.parley.message.SipMessage;
import org.parley.message.SipResponse;
import org.parley.transport.Inbound;
import org.parley.transport.InboundHandler;
import org.parley.transport.Source;
import org.parley.transport.Transport;
import org.parley.transport.TransportLayer;
import org.parley.transport.TransportStats;
import org.parley.transport.resolve.Target;

/**
 * A transport that sends nothing: every send succeeds at once, and what the benchmark hands to
 * {@link #deliver} goes straight to the transaction layer's handler, so a benchmark measures the
 * transaction layer alone. Confined to the benchmark's thread.
 */
final class DiscardTransport implements TransportLayer {
    private static final CompletableFuture<Void> SENT = CompletableFuture.completedFuture(null);

    private final InboundHandler handler;
    private final TransportStats stats = new TransportStats();
    private long sends;

    DiscardTransport(InboundHandler handler) {
        this.handler = Objects.requireNonNull(handler, "handler");
    }

    /** Hands {@code inbound} to the layer as if it had arrived. */
    void deliver(Inbound inbound) {
        handler.onMessage(inbound);
    }

    /** How many messages the layer sent. */
    long sends() {
        return sends;
    }

    @Override
    public CompletableFuture<Void> send(SipMessage message, Target target) {
        sends++;
        return SENT;
    }

    @Override
    public CompletableFuture<Void> respond(SipResponse response, Source source) {
        sends++;
        return SENT;
    }

    @Override
    public List<InetSocketAddress> localAddresses(Transport transport) {
        return List.of();
    }

    @Override
    public TransportStats stats() {
        return stats;
    }

    @Override
    public void close() {
        // Nothing open.
    }
}
