package org.parley.proxy.core;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.parley.transport.Source;
import org.parley.transport.Transport;
import org.parley.transport.resolve.Target;

/**
 * A flow (RFC 5626 §3): the transport and remote address a client reached us from, over which
 * requests must go back to it when its Contact is not reachable (behind a NAT, or a connection it
 * opened). The proxy names the flows of a dialog in the user part of the Record-Route it inserts
 * (RFC 5626 §5.3 flow token style), so that in-dialog requests coming back through it carry them in
 * their Route:
 *
 * <pre>
 *   sip:pf.udp-c0a80007-5060.tcp-7f000001-40112@proxy:5060;lr
 *        └─ prefix ─┘└── caller flow ──┘ └── callee flow ──┘
 * </pre>
 *
 * <p>A token is the transport name, the remote IP address in hex and the port. It carries no
 * integrity check: it only says where to send a request the proxy would relay to any loose-routed
 * URI anyway. Immutable.
 *
 * @param transport the flow's transport
 * @param remote the client's address as seen by the proxy (the packet source)
 */
record Flow(Transport transport, InetSocketAddress remote) {
    /** What user parts of our Record-Route start with when they carry flows. */
    static final String PREFIX = "pf";

    /** The flow a request arrived on. */
    static Flow of(Source source) {
        return new Flow(source.transport(), source.remote());
    }

    /** The target that sends over this flow (a stream reuses the open connection to the remote address). */
    Target target() {
        return new Target(transport, remote, remote.getAddress().getHostAddress());
    }

    /** True when {@code source} is this flow. */
    boolean isArrivalOf(Source source) {
        return transport.equals(source.transport()) && remote.equals(source.remote());
    }

    /** The token of this flow. */
    String token() {
        return transport.name().toLowerCase(Locale.ROOT) + "-" + HexFormat.of().formatHex(remote.getAddress()
                .getAddress()) + "-" + remote.getPort();
    }

    /** The user part naming {@code flows}, or empty when there are none. */
    static Optional<String> userPart(List<Flow> flows) {
        if (flows.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder b = new StringBuilder(PREFIX);
        flows.forEach(f -> b.append('.').append(f.token()));
        return Optional.of(b.toString());
    }

    /** The flows named by a user part we made; empty for any other user part or a malformed token. */
    static List<Flow> parse(String user) {
        if (user == null || !user.startsWith(PREFIX + ".")) {
            return List.of();
        }
        String[] tokens = user.substring(PREFIX.length() + 1).split("\\.", 4);
        List<Flow> flows = new ArrayList<>(2);
        for (String token : tokens) {
            Flow f = parseToken(token);
            if (f != null && flows.size() < 2) {
                flows.add(f);
            }
        }
        return List.copyOf(flows);
    }

    private static Flow parseToken(String token) {
        String[] parts = token.split("-", 4);
        if (parts.length != 3 || (parts[1].length() != 8 && parts[1].length() != 32)) {
            return null;
        }
        try {
            Transport t = Transport.of(parts[0]);
            byte[] ip = HexFormat.of().parseHex(parts[1]);
            int port = Integer.parseInt(parts[2]);
            if (port < 1 || port > 65_535) {
                return null;
            }
            return new Flow(t, new InetSocketAddress(InetAddress.getByAddress(ip), port));
        } catch (IllegalArgumentException | UnknownHostException e) {
            return null;
        }
    }
}
