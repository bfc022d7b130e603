package org.parley.testkit;

import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import org.parley.transport.Inbound;
import org.parley.transport.InboundHandler;

/**
 * An {@link InboundHandler} that loses a seeded random fraction of the messages that arrive over
 * unreliable transports before the handler under it sees them; messages over reliable transports
 * always pass. Give it to a real transport layer in place of the handler it wraps; with a
 * {@link LossyTransportLayer} both directions lose datagrams.
 *
 * <p>Reproducible in the order messages arrive: arrival {@code i} over an unreliable transport is
 * lost when the {@code i}-th {@code nextDouble()} of a {@code SplittableRandom(seed)} is below the
 * fraction. Over real sockets the arrival order is the network's, so the lost set is reproducible
 * only where that order is.
 *
 * <p>Thread-safe: called on the transport's event loops; draws are made under a lock, counters are
 * {@code LongAdder}s. The wrapped handler is called on the same thread, outside that lock.
 */
public final class LossyInboundHandler implements InboundHandler {
    private final InboundHandler delegate;
    private final SeededChance loss;
    private final LongAdder dropped = new LongAdder();
    private final LongAdder passed = new LongAdder();

    /**
     * Wraps {@code delegate}, losing {@code fraction} (0..1) of what arrives over unreliable transports.
     *
     * @throws IllegalArgumentException when the fraction is outside 0..1
     */
    public LossyInboundHandler(InboundHandler delegate, double fraction, long seed) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.loss = new SeededChance(fraction, seed);
    }

    @Override
    public void onMessage(Inbound inbound) {
        if (!inbound.source().transport().isReliable() && loss.next()) {
            dropped.increment();
            return;
        }
        passed.increment();
        delegate.onMessage(inbound);
    }

    /** Messages this handler lost. */
    public long dropped() {
        return dropped.sum();
    }

    /** Messages handed to the handler under it. */
    public long passed() {
        return passed.sum();
    }
}
