package org.parley.transport.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.parley.message.HeaderName;
import org.parley.message.SipParseException;
import org.parley.message.SipRequest;
import org.parley.message.header.Via;
import org.parley.message.uri.Host;

/**
 * Adds what a server transport writes into the top Via of a request it receives: {@code received}
 * when the sent-by host is not the packet's source address (RFC 3261 §18.2.1), and the source port
 * in a bare {@code rport} together with {@code received} (RFC 3581 §4). Stateless.
 */
public final class ViaStamp {
    private ViaStamp() {
    }

    /**
     * The request with its top Via stamped, or the same request when nothing needs adding.
     *
     * @throws SipParseException when the top Via is missing or broken (the caller answers 400)
     */
    public static SipRequest stamp(SipRequest request, InetSocketAddress remote) {
        Via top = request.topVia();
        InetAddress source = remote.getAddress();
        boolean fillRport = top.hasRport() && top.rport().isEmpty();
        boolean sameHost = isSameAddress(top.host(), source);
        if (sameHost && !fillRport) {
            return request;
        }
        // RFC 3261 §25.1: received is an IPv4address or IPv6address, which has no zone ("%0" as epoll reports it).
        Via.Builder stamped = top.toBuilder().received(withoutZone(source));
        if (fillRport) {
            stamped.rport(remote.getPort());
        }
        return request.toBuilder().replaceFirst(HeaderName.VIA, stamped.build().toString()).build();
    }

    /** True when the sent-by host is a numeric address equal to {@code source}. */
    private static boolean isSameAddress(String sentBy, InetAddress source) {
        Host host;
        try {
            host = Host.parse(sentBy);
        } catch (SipParseException e) {
            return false;
        }
        return host.isIpAddress() && host.equals(Host.parse(hostText(source)));
    }

    private static String hostText(InetAddress address) {
        String text = withoutZone(address);
        return text.indexOf(':') >= 0 ? "[" + text + "]" : text;
    }

    private static String withoutZone(InetAddress address) {
        String text = address.getHostAddress();
        int zone = text.indexOf('%');
        return zone >= 0 ? text.substring(0, zone) : text;
    }
}
