package org.parley.server.log;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.parley.message.SipMessage;
import org.parley.message.SipResponse;
import org.parley.transport.Source;
import org.parley.transport.Transport;
import org.parley.transport.TransportLayer;
import org.parley.transport.TransportStats;
import org.parley.transport.resolve.Target;

/**
 * A {@link TransportLayer} that shows each message it sends to a {@link MessageTrace}, then passes it on.
 * Responses are traced with the address of the request's source (RFC 3261 §18.2.2 sends them back there).
 * Thread-safe, as the layer it wraps.
 */
final class TracingTransportLayer implements TransportLayer {
    private final TransportLayer delegate;
    private final MessageTrace trace;

    TracingTransportLayer(TransportLayer delegate, MessageTrace trace) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.trace = trace;
    }

    @Override
    public CompletableFuture<Void> send(SipMessage message, Target target) {
        trace.sent(message, target.transport(), target.address());
        return delegate.send(message, target);
    }

    @Override
    public CompletableFuture<Void> respond(SipResponse response, Source source) {
        trace.sent(response, source.transport(), source.remote());
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
