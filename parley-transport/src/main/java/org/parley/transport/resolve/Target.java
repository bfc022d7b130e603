package org.parley.transport.resolve;

import java.net.InetSocketAddress;
import java.util.Objects;
import org.parley.transport.Transport;

/**
 * One place to send a request: a transport and a resolved numeric address, plus the host name the
 * address was found for (the SRV target, or the URI host or {@code maddr}), kept for the TLS layer
 * (SNI, certificate checks of RFC 5922). Immutable.
 *
 * @param transport the transport to use
 * @param address   a resolved address and port; never unresolved
 * @param hostName  the host name the address came from; for a numeric URI host, its text
 */
public record Target(Transport transport, InetSocketAddress address, String hostName) {
    /**
     * Checks the components.
     *
     * @throws IllegalArgumentException when {@code address} is unresolved
     */
    public Target {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(hostName, "hostName");
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("Target address must be resolved, was " + address);
        }
    }
}
