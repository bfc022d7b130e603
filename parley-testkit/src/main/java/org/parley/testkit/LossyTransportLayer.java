package org.parley.testkit;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;
import org.parley.message.SipMessage;
import org.parley.message.SipResponse;
import org.parley.transport.Source;
import org.parley.transport.Transport;
import org.parley.transport.TransportLayer;
import org.parley.transport.TransportStats;
import org.parley.transport.resolve.Target;

/**
 * A {@link TransportLayer} that loses a seeded random fraction of what it sends over unreliable
 * transports before the real layer under it sees it; the future of a lost send completes
 * successfully, as a UDP send does whether or not the datagram arrives. Sends over reliable
 * transports always pass: TCP does not lose what it accepted. Pair it with a
 * {@link LossyInboundHandler} to lose inbound datagrams too; issue #4's "a flow completes when 30%
 * of datagrams are dropped" runs over both.
 *
 * <p>Reproducible: send number {@code i} (over an unreliable transport, counting from the first) is
 * lost when the {@code i}-th {@code nextDouble()} of a {@code SplittableRandom(seed)} is below the
 * fraction, so the same seed and the same sequence of sends lose the same ones.
 *
 * <p>Thread-safe: draws are made under a lock, counters are {@code LongAdder}s; {@link #close()}
 * closes the layer under it.
 */
public final class LossyTransportLayer implements TransportLayer {
    private final TransportLayer delegate;
    private final SeededChance loss;
    private final LongAdder dropped = new LongAdder();
    private final LongAdder passed = new LongAdder();

    /**
     * Wraps {@code delegate}, losing {@code fraction} (0..1) of its unreliable sends.
     *
     * @throws IllegalArgumentException when the fraction is outside 0..1
     */
    public LossyTransportLayer(TransportLayer delegate, double fraction, long seed) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.loss = new SeededChance(fraction, seed);
    }

    @Override
    public CompletableFuture<Void> send(SipMessage message, Target target) {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(target, "target");
        return lose(target.transport()) ? CompletableFuture.completedFuture(null) : delegate.send(message, target);
    }

    @Override
    public CompletableFuture<Void> respond(SipResponse response, Source source) {
        Objects.requireNonNull(response, "response");
        Objects.requireNonNull(source, "source");
        return lose(source.transport()) ? CompletableFuture.completedFuture(null)
                : delegate.respond(response, source);
    }

    /** Passes a stream keep-alive on: a reliable transport loses nothing. */
    @Override
    public CompletableFuture<Void> sendKeepAlive(Source flow) {
        return delegate.sendKeepAlive(flow);
    }

    private boolean lose(Transport transport) {
        if (!transport.isReliable() && loss.next()) {
            dropped.increment();
            return true;
        }
        passed.increment();
        return false;
    }

    /** Sends this layer lost. */
    public long dropped() {
        return dropped.sum();
    }

    /** Sends handed to the layer under it. */
    public long passed() {
        return passed.sum();
    }

    @Override
    public List<InetSocketAddress> localAddresses(Transport transport) {
        return delegate.localAddresses(transport);
    }

    /** The counters of the layer under it; this layer's own are {@link #dropped()} and {@link #passed()}. */
    @Override
    public TransportStats stats() {
        return delegate.stats();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
