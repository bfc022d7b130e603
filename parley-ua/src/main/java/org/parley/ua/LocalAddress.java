package org.parley.ua;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import org.parley.message.uri.SipUri;
import org.parley.transport.Transport;
import org.parley.transport.TransportLayer;

/**
 * Where this user agent can be reached over a transport: the sent-by of its Via (RFC 3261 §18.1.1)
 * and the URI of its Contact (§8.1.1.8), from the listeners the transport layer bound. A listener
 * on a wildcard address is named by the local address the system would use toward the peer, found
 * by connecting (not sending on) a datagram socket, so no lookup and no packet is involved.
 *
 * <p>Thread-safe: reads the transport layer's bound addresses, which do not change once started.
 */
final class LocalAddress {
    private final TransportLayer transport;

    LocalAddress(TransportLayer transport) {
        this.transport = transport;
    }

    /**
     * The address to name for {@code transport} toward {@code peer}: its listener's, or, when this
     * user agent does not listen on that transport, the first listener's (a stream connection it
     * opens carries the answers back anyway, RFC 3261 §18.2.2).
     *
     * @throws IllegalStateException when nothing listens
     */
    InetSocketAddress forTransport(Transport transport, InetSocketAddress peer) {
        InetSocketAddress bound = listener(transport).orElseGet(() -> anyListener());
        if (!bound.getAddress().isAnyLocalAddress()) {
            return bound;
        }
        return new InetSocketAddress(routeTo(peer, bound.getAddress()), bound.getPort());
    }

    private Optional<InetSocketAddress> listener(Transport t) {
        List<InetSocketAddress> bound = transport.localAddresses(t);
        return bound.isEmpty() ? Optional.empty() : Optional.of(bound.get(0));
    }

    private InetSocketAddress anyListener() {
        for (Transport t : List.of(Transport.UDP, Transport.TCP, Transport.TLS, Transport.WS, Transport.WSS)) {
            Optional<InetSocketAddress> a = listener(t);
            if (a.isPresent()) {
                return a.get();
            }
        }
        throw new IllegalStateException("this user agent listens on no transport; add a listener");
    }

    /** The local address the system routes {@code peer} from; loopback when the peer is unknown. */
    private static InetAddress routeTo(InetSocketAddress peer, InetAddress wildcard) {
        if (peer == null || peer.isUnresolved()) {
            return InetAddress.getLoopbackAddress();
        }
        try (DatagramSocket probe = new DatagramSocket(0, wildcard)) {
            probe.connect(peer);
            InetAddress local = probe.getLocalAddress();
            return local.isAnyLocalAddress() ? InetAddress.getLoopbackAddress() : local;
        } catch (IOException e) {
            throw new UncheckedIOException("no local address routes to " + peer, e);
        }
    }

    /**
     * The Contact URI for {@code user} over {@code transport} (RFC 3261 §8.1.1.8): a sips URI over
     * TLS when the request went to a sips URI, the {@code transport} parameter for anything but UDP.
     */
    SipUri contact(String user, Transport transport, InetSocketAddress peer, boolean secure) {
        InetSocketAddress a = forTransport(transport, peer);
        SipUri.Builder b = SipUri.builder().secure(secure).host(hostText(a.getAddress())).port(a.getPort());
        if (user != null && !user.isEmpty()) {
            b.user(user);
        }
        if (!transport.equals(Transport.UDP) && !(secure && transport.equals(Transport.TLS))) {
            b.transport(transport.name().toLowerCase(java.util.Locale.ROOT));
        }
        return b.build();
    }

    /** An address as a URI or Via host: IPv6 in brackets (RFC 3261 §25.1 IPv6reference). */
    static String hostText(InetAddress address) {
        String h = address.getHostAddress();
        int zone = h.indexOf('%');
        if (zone >= 0) {
            h = h.substring(0, zone);
        }
        return h.indexOf(':') >= 0 ? "[" + h + "]" : h;
    }
}
