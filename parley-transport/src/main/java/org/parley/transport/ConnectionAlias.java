package org.parley.transport;

import java.net.InetSocketAddress;
import java.util.Objects;
import org.parley.message.header.Via;
import org.parley.message.uri.Host;
import org.parley.transport.resolve.Target;

/**
 * The key an RFC 5923 alias gives a connection: the transport and the sent-by host and port of the
 * top Via of a request that carried {@code alias}, the port defaulting to the transport's
 * (RFC 5923 §5, RFC 3261 §18.2.2). Host names compare ignoring case and addresses by value
 * ({@link Host#equals}). Immutable.
 *
 * @param transport the connection's transport
 * @param host      the sent-by host
 * @param port      the sent-by port, or the transport's default when the Via names none
 */
public record ConnectionAlias(Transport transport, Host host, int port) {
    /** Checks the parts. */
    public ConnectionAlias {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(host, "host");
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("alias port must be 1..65535, was " + port);
        }
    }

    /**
     * The alias a Via's sent-by names (RFC 5923 §5).
     *
     * @throws org.parley.message.SipParseException when the sent-by host is not a host
     */
    public static ConnectionAlias of(Via via) {
        Transport transport = Transport.of(via.transport());
        return new ConnectionAlias(transport, Host.parse(via.host()), via.port().orElse(transport.defaultPort()));
    }

    /** The alias a located target would match by its host name (the SRV target or URI host, RFC 5923 §9). */
    static ConnectionAlias byName(Target target) {
        return new ConnectionAlias(target.transport(), Host.parseLenient(target.hostName()),
                target.address().getPort());
    }

    /** The alias a located target would match by its numeric address. */
    static ConnectionAlias byAddress(Target target) {
        return new ConnectionAlias(target.transport(), hostOf(target.address()), target.address().getPort());
    }

    /** A numeric socket address as a {@link Host}. */
    static Host hostOf(InetSocketAddress address) {
        String text = address.getAddress().getHostAddress();
        int zone = text.indexOf('%');
        return Host.parseLenient(zone < 0 ? text : text.substring(0, zone));
    }

    /** E.g. "TLS proxy.example.com:5061". */
    @Override
    public String toString() {
        return transport + " " + host + ":" + port;
    }
}
