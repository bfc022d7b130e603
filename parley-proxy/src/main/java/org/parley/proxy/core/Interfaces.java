package org.parley.proxy.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.parley.message.header.Via;
import org.parley.message.uri.Host;
import org.parley.message.uri.SipUri;
import org.parley.message.uri.Uri;
import org.parley.transport.Transport;
import org.parley.transport.TransportLayer;

/**
 * The proxy's own addresses: what it names in its Via sent-by (RFC 3261 §18.1.1) and its
 * Record-Route (§16.6 step 4, RFC 5658), and how it recognises a URI as its own in Route
 * processing (§16.4): a URI whose host is one of the served domains, or whose host and port are
 * those of a listener. A listener bound to a wildcard address is named by the local address the
 * system routes toward the peer (a datagram socket connected, never sent on).
 *
 * <p>Thread-safe: the listeners do not change after start; the memories of local addresses and routes
 * are concurrent maps.
 */
final class Interfaces {
    private static final List<Transport> TRANSPORTS = List.of(Transport.UDP, Transport.TCP, Transport.TLS,
            Transport.WS, Transport.WSS);

    private record Listener(Transport transport, InetSocketAddress address) {
    }

    /** Addresses remembered as local or not, at most this many (peers' addresses are few in a Via). */
    private static final int MAX_REMEMBERED = 1024;

    private final ProxyConfig config;
    private final ConcurrentHashMap<String, Boolean> local = new ConcurrentHashMap<>();
    /** For wildcard listeners: the local address each peer address is reached from. */
    private final ConcurrentHashMap<InetAddress, InetAddress> routes = new ConcurrentHashMap<>();
    private final List<Listener> listeners;

    Interfaces(ProxyConfig config, TransportLayer transport) {
        this.config = config;
        List<Listener> all = new ArrayList<>();
        for (Transport t : TRANSPORTS) {
            transport.localAddresses(t).forEach(a -> all.add(new Listener(t, a)));
        }
        if (all.isEmpty()) {
            throw new IllegalStateException("the transport layer listens on nothing; the proxy needs a listener");
        }
        this.listeners = List.copyOf(all);
    }

    /**
     * The address to name for {@code transport} toward {@code peer}: that transport's listener of the
     * peer's address family (or a wildcard one), else its first, else the first listener of any
     * transport (a connection we open carries the answers back, §18.2.2).
     */
    InetSocketAddress sentBy(Transport transport, InetSocketAddress peer) {
        InetSocketAddress bound = null;
        boolean v6 = peer != null && peer.getAddress() instanceof Inet6Address;
        for (Listener l : listeners) {
            if (!l.transport.equals(transport)) {
                continue;
            }
            boolean sameFamily = l.address.getAddress() instanceof Inet6Address == v6
                    || l.address.getAddress().isAnyLocalAddress();
            if (sameFamily) {
                bound = l.address;
                break;
            }
            if (bound == null) {
                bound = l.address;
            }
        }
        if (bound == null) {
            bound = listeners.get(0).address;
        }
        return named(bound, peer);
    }

    /**
     * The address to name for {@code local} toward {@code peer}: itself, or for a wildcard, the local
     * address the system routes {@code peer} from. Those are remembered per peer address (a probe is a
     * socket and a system call), up to {@link #MAX_REMEMBERED}; past it the memory starts again.
     */
    InetSocketAddress named(InetSocketAddress local, InetSocketAddress peer) {
        if (!local.getAddress().isAnyLocalAddress()) {
            return local;
        }
        InetAddress key = peer == null || peer.isUnresolved() ? null : peer.getAddress();
        InetAddress from = key == null ? null : routes.get(key);
        if (from == null) {
            from = routeTo(peer, local.getAddress());
            if (key != null) {
                if (routes.size() >= MAX_REMEMBERED) {
                    routes.clear();
                }
                routes.put(key, from);
            }
        }
        return new InetSocketAddress(from, local.getPort());
    }

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
     * True when {@code uri} names this proxy (§16.4): a SIP URI whose host is a served domain and has
     * no port or a listener's port, or whose IP host and port are a listener's.
     */
    boolean isUs(Uri uri) {
        if (!(uri instanceof SipUri sip)) {
            return false;
        }
        int port = sip.port().orElse(-1);
        return isUs(sip.host(), port, port >= 0 ? port : defaultPort(sip));
    }

    /** True when a Via's sent-by names this proxy (§16.3 step 4: "a Via whose sent-by is ours"). */
    boolean isUs(Via via) {
        Host host;
        try {
            host = Host.parse(via.host());
        } catch (RuntimeException e) {
            return false;
        }
        Transport t = Transport.of(via.transport());
        int port = via.port().orElse(-1);
        return isUs(host, port, port >= 0 ? port : t.defaultPort());
    }

    private boolean isUs(Host host, int port, int effectivePort) {
        String text = host.text().toLowerCase(Locale.ROOT);
        if (config.serves(text) && (port < 0 || hasPort(port))) {
            return true;
        }
        if (!host.isIpAddress()) {
            return false;
        }
        for (Listener l : listeners) {
            if (l.address.getPort() != effectivePort) {
                continue;
            }
            InetAddress bound = l.address.getAddress();
            if (bound.isAnyLocalAddress() ? isLocal(text) : sameAddress(bound, text)) {
                return true;
            }
        }
        return false;
    }

    private boolean hasPort(int port) {
        return listeners.stream().anyMatch(l -> l.address.getPort() == port);
    }

    private static int defaultPort(SipUri uri) {
        Optional<String> t = uri.transport();
        if (uri.isSecure()) {
            return Transport.SIPS_PORT;
        }
        return t.map(s -> Transport.of(s).defaultPort()).orElse(Transport.SIP_PORT);
    }

    private static boolean sameAddress(InetAddress bound, String hostText) {
        String h = hostText.startsWith("[") ? hostText.substring(1, hostText.length() - 1) : hostText;
        String b = bound.getHostAddress();
        int zone = b.indexOf('%');
        if (zone >= 0) {
            b = b.substring(0, zone);
        }
        if (b.equalsIgnoreCase(h)) {
            return true;
        }
        try {
            // Only IP literals reach here, so no lookup happens: compare the numeric forms.
            return InetAddress.getByName(h).equals(bound);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * True when the IP literal {@code hostText} is an address of this machine: what a wildcard
     * listener answers on. Remembered per address (a handful of them: this machine's and its peers').
     */
    private boolean isLocal(String hostText) {
        Boolean known = local.get(hostText);
        if (known != null) {
            return known;
        }
        boolean result;
        try {
            String h = hostText.startsWith("[") ? hostText.substring(1, hostText.length() - 1) : hostText;
            InetAddress a = InetAddress.getByName(h);
            result = a.isLoopbackAddress() || a.isAnyLocalAddress() || NetworkInterface.getByInetAddress(a) != null;
        } catch (IOException e) {
            result = false;
        }
        if (local.size() < MAX_REMEMBERED) {
            local.put(hostText, result);
        }
        return result;
    }

    /** An address as a URI or Via host: IPv6 in brackets (RFC 3261 §25.1). */
    static String hostText(InetAddress address) {
        String h = address.getHostAddress();
        int zone = h.indexOf('%');
        if (zone >= 0) {
            h = h.substring(0, zone);
        }
        return h.indexOf(':') >= 0 ? "[" + h + "]" : h;
    }

    /**
     * A Record-Route value naming {@code local} over {@code transport} (§16.6 step 4): a loose-routing
     * SIP URI (SIPS when {@code secure}), with the transport parameter for anything but UDP and TLS under
     * SIPS, and {@code user} (the flows) when given.
     */
    static String recordRoute(Transport transport, InetSocketAddress local, Optional<String> user, boolean secure) {
        StringBuilder b = new StringBuilder(64).append(secure ? "<sips:" : "<sip:");
        user.ifPresent(u -> b.append(u).append('@'));
        b.append(hostText(local.getAddress())).append(':').append(local.getPort());
        if (!transport.equals(Transport.UDP) && !(secure && transport.equals(Transport.TLS))) {
            b.append(";transport=").append(transport.name().toLowerCase(Locale.ROOT));
        }
        return b.append(";lr>").toString();
    }
}
