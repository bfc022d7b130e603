package org.parley.proxy.nat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import org.parley.message.uri.Host;
import org.parley.message.uri.SipUri;
import org.parley.proxy.location.Binding;
import org.parley.transport.Transport;

/**
 * Which bindings need keep-alives, and how: a binding that registered over a stream flow gets a
 * CRLFCRLF ping on that flow (RFC 5626 §4.4.1); one that registered over UDP from an address other
 * than its Contact's host and port (the NAT rewrote it, RFC 3581 §1) gets an OPTIONS to the address
 * the REGISTER came from. A binding with a Path is skipped: the edge proxy that added it keeps the
 * client's flow (RFC 3327 §5.3, RFC 5626 §5.2). Stateless.
 */
enum NatBinding {
    /** Not NAT'd as far as the source shows, or behind an edge proxy: no keep-alive. */
    NONE,
    /** Registered over UDP through a NAT: an OPTIONS request to the source address. */
    DATAGRAM,
    /** Registered over a connection (TCP, TLS, WS, WSS): a ping on that connection. */
    STREAM;

    /** How {@code binding} is kept alive. */
    static NatBinding of(Binding binding) {
        if (!binding.path().isEmpty()) {
            return NONE;
        }
        if (binding.source().transport().isReliable()) {
            return STREAM;
        }
        if (!(binding.uri() instanceof SipUri contact)) {
            return NONE;
        }
        return contactMatchesSource(contact, binding) ? NONE : DATAGRAM;
    }

    /**
     * True when the Contact names the very address and port the REGISTER came from: no NAT between.
     * A Contact host name is never taken to match (resolving it here would block, and a client behind
     * a NAT that knows its public name is rare).
     */
    private static boolean contactMatchesSource(SipUri contact, Binding binding) {
        Host host = contact.host();
        if (!host.isIpAddress()) {
            return false;
        }
        int port = contact.port().orElse(contact.isSecure() ? Transport.SIPS_PORT : Transport.SIP_PORT);
        if (port != binding.source().remote().getPort()) {
            return false;
        }
        return literal(host.text()).map(a -> a.equals(binding.source().remote().getAddress())).orElse(false);
    }

    /** An IP literal as an address; no name lookup happens for a literal. */
    private static Optional<InetAddress> literal(String text) {
        try {
            return Optional.of(InetAddress.getByName(text));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
