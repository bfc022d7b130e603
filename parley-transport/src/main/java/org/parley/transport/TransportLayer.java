package org.parley.transport;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.parley.message.SipMessage;
import org.parley.message.SipResponse;
import org.parley.transport.resolve.Target;
import org.parley.transport.resolve.TargetSet;

/**
 * What the layers above see of the transport layer (RFC 3261 §18): send a message to a located
 * target, send a response back the way its request came, and the addresses to put in a Via
 * sent-by. Inbound messages reach the {@link InboundHandler} given when the layer was made.
 *
 * <p>Two implementations: {@link NettyTransportLayer} on real sockets, and the endpoints of
 * {@code parley-testkit}'s {@code org.parley.testkit.MemoryNetwork} for deterministic tests of the
 * transaction layer and above. Implementations are thread-safe; futures complete on the layer's own threads, so a
 * continuation attached to one must not block.
 */
public interface TransportLayer extends AutoCloseable {
    /**
     * Sends a message to a target (RFC 3261 §18.1.1 for requests). The future fails with an
     * exception that names the problem when the message cannot be sent: no listener for the
     * transport or address family, a connection refused or timed out, a message over the size bound.
     */
    CompletableFuture<Void> send(SipMessage message, Target target);

    /**
     * Sends a message to the first target of {@code targets} that can be reached (RFC 3263 §4.3):
     * when a send fails at the transport level (connection refused or timed out, handshake failed, no
     * listener for the target's transport or address family), the failure is recorded in the set and
     * the next target is tried. A request's top Via names the transport of each attempt (RFC 3261
     * §18.1.1). The future completes with the target used, or fails with a
     * {@link org.parley.transport.resolve.TargetsExhaustedException} listing every target and why it
     * failed, or at once with the {@link IllegalArgumentException} of a message no target would take.
     *
     * <p>The set is left where the send stopped, so the transaction layer can go on with
     * {@link TargetSet#next()} when the target used later times out.
     */
    default CompletableFuture<Target> send(SipMessage message, TargetSet targets) {
        return Failover.send(this, message, targets);
    }

    /**
     * Sends a response the way RFC 3261 §18.2.2 says: over the connection its request came on while
     * it is open, else to the request's top Via {@code received}/{@code rport} or sent-by.
     */
    CompletableFuture<Void> respond(SipResponse response, Source source);

    /**
     * Sends a keep-alive over an open stream flow, the connection an inbound message arrived on
     * ({@link Source#connectionId()}): CRLFCRLF over TCP and TLS (the ping of RFC 5626 §4.4.1, which
     * a peer answers with CRLF, §3.5.1, or skips as the CRLFs RFC 3261 §7.5 lets precede a message),
     * a WebSocket Ping frame over WS and WSS (RFC 6455 §5.5.2; RFC 7118 frames carry whole messages).
     * The traffic keeps the flow's NAT and firewall mappings open. It never opens a connection: the
     * future fails when the flow is closed or is not a stream. The default fails: a layer without
     * stream flows.
     */
    default CompletableFuture<Void> sendKeepAlive(Source flow) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException(
                getClass().getSimpleName() + " sends no stream keep-alives (flow " + flow + ")"));
    }

    /** The local addresses listening on this transport, with the ports actually bound; empty for none. */
    List<InetSocketAddress> localAddresses(Transport transport);

    /** The layer's counters. */
    TransportStats stats();

    /** Stops listening and closes every connection; sends after this fail. */
    @Override
    void close();
}
