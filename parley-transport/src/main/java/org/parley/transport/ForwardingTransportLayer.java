package org.parley.transport;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.parley.message.SipMessage;
import org.parley.message.SipResponse;
import org.parley.transport.resolve.Target;

/**
 * A {@link TransportLayer} that passes every call to another one: the base of decorators that look
 * at what is sent (metrics, message tracing) and override {@link #send} and {@link #respond} only.
 * Keeping the forwarding in one place means a method added to the interface (as
 * {@link #sendKeepAlive} was) reaches the real layer through every decorator, instead of meeting an
 * interface default that fails. Thread-safe as the layer it wraps.
 */
public abstract class ForwardingTransportLayer implements TransportLayer {
    private final TransportLayer delegate;

    /** Forwards to {@code delegate}. */
    protected ForwardingTransportLayer(TransportLayer delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** The layer calls are passed to. */
    protected final TransportLayer delegate() {
        return delegate;
    }

    @Override
    public CompletableFuture<Void> send(SipMessage message, Target target) {
        return delegate.send(message, target);
    }

    @Override
    public CompletableFuture<Void> respond(SipResponse response, Source source) {
        return delegate.respond(response, source);
    }

    @Override
    public CompletableFuture<Void> sendKeepAlive(Source flow) {
        return delegate.sendKeepAlive(flow);
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
