package org.parley.transport;

import java.util.Locale;
import java.util.Optional;
import org.parley.message.header.Via;
import org.parley.message.uri.Host;
import org.parley.message.uri.SipUri;

/**
 * RFC 3263 §5: where a response goes when RFC 3261 §18.2.2 sends it to the sent-by (no
 * {@code received} for an unreliable transport; the connection to {@code received} failed for a
 * reliable one): a sent-by host name is resolved like a URI whose transport is the Via's. With a
 * port, only A/AAAA records at that port; without, SRV for the Via's transport ({@code _sip._udp},
 * {@code _sip._tcp}, {@code _sips._tcp} for TLS) and then A/AAAA at the transport's default port.
 * Expressing it as a URI lets any {@link org.parley.transport.resolve.ServerLocator} answer it, since
 * RFC 3263 §4 gives exactly these steps for a URI with a {@code transport} parameter. Stateless.
 */
final class ResponseLocation {
    private ResponseLocation() {
    }

    /**
     * The URI to locate for the sent-by of {@code via} when it is a host name; empty for a numeric
     * sent-by, which needs no lookup (RFC 3261 §18.2.2).
     */
    static Optional<SipUri> sentByName(Via via) {
        Host host = Host.parse(via.host());
        if (host.isIpAddress()) {
            return Optional.empty();
        }
        Transport transport = Transport.of(via.transport());
        // RFC 3263 §5 with §4.1: TLS is sips over tcp, WSS is sips over ws (RFC 7118 §5.2).
        boolean secure = transport.isSecure();
        String param = transport.equals(Transport.TLS) ? "tcp"
                : transport.equals(Transport.WSS) ? "ws" : transport.name().toLowerCase(Locale.ROOT);
        String port = via.port().isPresent() ? ":" + via.port().getAsInt() : "";
        return Optional.of(SipUri.parse((secure ? "sips:" : "sip:") + host.text() + port + ";transport=" + param));
    }
}
