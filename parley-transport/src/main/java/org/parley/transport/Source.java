package org.parley.transport;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;

/**
 * Where an inbound message came from: the transport, the remote and local addresses, and, for a
 * stream, the connection it arrived on (responses go back over it, RFC 3261 §18.2.2). Immutable.
 *
 * @param transport the transport it arrived over
 * @param remote the packet's source address and port
 * @param local the local address it arrived at
 * @param connectionId the stream connection's id, or 0 for a datagram
 * @param peerIdentities over TLS, the SIP domain identities (RFC 5922 §7.1) of the certificate the
 *        peer presented and the layer verified against its trust anchors, e.g. a trunk's domain
 *        for a proxy to authenticate it by; empty when the peer presented none or without TLS
 */
public record Source(Transport transport, InetSocketAddress remote, InetSocketAddress local, long connectionId,
        List<String> peerIdentities) {
    /** Checks the parts and copies the list. */
    public Source {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(remote, "remote");
        Objects.requireNonNull(local, "local");
        peerIdentities = List.copyOf(peerIdentities);
    }

    /** A source without a verified peer identity. */
    public Source(Transport transport, InetSocketAddress remote, InetSocketAddress local, long connectionId) {
        this(transport, remote, local, connectionId, List.of());
    }
}
