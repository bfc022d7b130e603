package org.parley.transport;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * Where an inbound message came from: the transport, the remote and local addresses, and, for a
 * stream, the connection it arrived on (responses go back over it, RFC 3261 §18.2.2). Immutable.
 *
 * @param transport the transport it arrived over
 * @param remote the packet's source address and port
 * @param local the local address it arrived at
 * @param connectionId the stream connection's id, or 0 for a datagram
 */
public record Source(Transport transport, InetSocketAddress remote, InetSocketAddress local, long connectionId) {
    /** Checks the parts. */
    public Source {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(remote, "remote");
        Objects.requireNonNull(local, "local");
    }
}
