package org.parley.proxy.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
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
 * <p>Thread-safe: the listeners do not change after start; the memory of local addresses is concurrent.
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
     * The address to name for {@code transport} toward {@code peer}: that transport's listener, else
     * the first listener (a connection we open carries the answers back, §18.2.2).
     */
    InetSocketAddress sentBy(Transport transport, InetSocketAddress peer) {
        InetSocketAddress bound = listeners.stream().filter(l -> l.transport.equals(transport)).findFirst()
                .orElse(listeners.get(0)).address;
        if (!bound.getAddress().isAnyLocalAddress()) {
            return bound;
        }
        return new InetSocketAddress(routeTo(peer, bound.getAddress()), bound.getPort());
    }

    /** The address named when a request arrived at {@code local} (a wildcard one resolved toward {@code peer}). */
    static InetSocketAddress named(InetSocketAddress local, InetSocketAddress peer) {
        if (!local.getAddress().isAnyLocalAddress()) {
            return local;
        }
        return new InetSocketAddress(routeTo(peer, local.getAddress()), local.getPort());
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
     * SIP URI, with the transport parameter for anything but UDP, and {@code user} (the flows) when given.
     */
    static String recordRoute(Transport transport, InetSocketAddress local, Optional<String> user) {
        StringBuilder b = new StringBuilder(64).append("<sip:");
        user.ifPresent(u -> b.append(u).append('@'));
        b.append(hostText(local.getAddress())).append(':').append(local.getPort());
        if (!transport.equals(Transport.UDP)) {
            b.append(";transport=").append(transport.name().toLowerCase(Locale.ROOT));
        }
        return b.append(";lr>").toString();
    }
}
