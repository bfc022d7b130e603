package org.parley.server.metrics;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.parley.message.SipMessage;
import org.parley.message.SipResponse;
import org.parley.transport.InboundHandler;
import org.parley.transport.Source;
import org.parley.transport.Transport;
import org.parley.transport.TransportLayer;
import org.parley.transport.TransportStats;
import org.parley.transport.resolve.Target;

/**
 * A {@link TransportLayer} that counts what it is given to send in {@link SipMetrics} and passes it on to
 * the layer it wraps: requests by method, responses by status, each by transport. A message is counted when
 * handed over, whether or not the send then succeeds (failures are the transaction layer's
 * {@code parley_transaction_transport_errors_total}); an RFC 3263 failover (the inherited
 * {@link #send(SipMessage, org.parley.transport.resolve.TargetSet)}) counts each attempt on its transport.
 * {@link #counting(InboundHandler, SipMetrics)} counts the other direction, so the layers below need no
 * change.
 *
 * <p>Wiring: {@code TransactionLayer.start(config, lanes, user, h -> new MeteredTransportLayer(
 * NettyTransportLayer.start(transportConfig, MeteredTransportLayer.counting(h, metrics)), metrics))}.
 *
 * <p>Thread-safe, as the layer it wraps; adds no object per message.
 */
public final class MeteredTransportLayer implements TransportLayer {
    private final TransportLayer delegate;
    private final SipMetrics metrics;

    /** Counts what is sent through {@code delegate}, and binds its {@link TransportStats} to {@code metrics}. */
    public MeteredTransportLayer(TransportLayer delegate, SipMetrics metrics) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        metrics.bindTransport(delegate.stats());
    }

    /** A handler that counts each message received in {@code metrics}, then hands it to {@code next}. */
    public static InboundHandler counting(InboundHandler next, SipMetrics metrics) {
        Objects.requireNonNull(next, "next");
        Objects.requireNonNull(metrics, "metrics");
        return inbound -> {
            metrics.received(inbound.message(), inbound.source().transport());
            next.onMessage(inbound);
        };
    }

    @Override
    public CompletableFuture<Void> send(SipMessage message, Target target) {
        metrics.sent(message, target.transport());
        return delegate.send(message, target);
    }

    @Override
    public CompletableFuture<Void> respond(SipResponse response, Source source) {
        metrics.sent(response, source.transport());
        return delegate.respond(response, source);
    }

    @Override
    public List<InetSocketAddress> localAddresses(Transport transport) {
        return delegate.localAddresses(transport);
    }

    @Override
    public TransportStats stats() {
        return delegate.stats();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
