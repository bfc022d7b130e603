package org.parley.server.config;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import org.parley.transport.ListenerConfig;
import org.parley.transport.Transport;

/**
 * One listener as a person writes it: {@code TRANSPORT:HOST:PORT}, e.g. {@code udp:0.0.0.0:5060},
 * {@code wss:[::1]:5067}. The host is an IP literal (a listener binds an interface address, so no name
 * is looked up); IPv6 literals are written in brackets as in a SIP URI (RFC 3261 §25.1, RFC 5118 §4).
 * Port 0 binds an ephemeral port. Immutable.
 *
 * @param transport UDP, TCP, TLS, WS or WSS
 * @param host the IP literal, without brackets
 * @param port 0..65535
 */
public record ListenAddress(Transport transport, String host, int port) {
    /** The transports a listener may have. */
    public static final List<Transport> TRANSPORTS = List.of(Transport.UDP, Transport.TCP, Transport.TLS,
            Transport.WS, Transport.WSS);

    private static final Pattern IPV4 = Pattern.compile(
            "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    /** Checks the parts: a listener transport, an IP literal host, a port in range. */
    public ListenAddress {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(host, "host");
        if (!TRANSPORTS.contains(transport)) {
            throw new IllegalArgumentException("transport must be udp, tcp, tls, ws or wss, was \"" + transport + "\"");
        }
        if (!isIpLiteral(host)) {
            throw new IllegalArgumentException("host must be an IP address (e.g. 0.0.0.0, 127.0.0.1, [::1]), was \""
                    + host + "\"");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
    }

    /**
     * Parses {@code TRANSPORT:HOST:PORT}; the transport in any case, an IPv6 host in brackets.
     *
     * @throws IllegalArgumentException saying which part is wrong and what was expected
     */
    public static ListenAddress parse(String text) {
        Objects.requireNonNull(text, "text");
        String expected = "expected TRANSPORT:HOST:PORT such as udp:0.0.0.0:5060 or tls:[::1]:5061, was \"" + text
                + "\"";
        int first = text.indexOf(':');
        int last = text.lastIndexOf(':');
        if (first <= 0 || last == first || last == text.length() - 1) {
            throw new IllegalArgumentException(expected);
        }
        String host = text.substring(first + 1, last);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            throw new IllegalArgumentException("an IPv6 host must be in brackets (udp:[::1]:5060), was \"" + text
                    + "\"");
        }
        Transport transport = transportOf(text.substring(0, first));
        return new ListenAddress(transport, host, portOf(text.substring(last + 1)));
    }

    /**
     * The listener transport named {@code name} (any case).
     *
     * @throws IllegalArgumentException for anything but udp, tcp, tls, ws and wss
     */
    public static Transport transportOf(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (Transport t : TRANSPORTS) {
            if (t.name().toLowerCase(Locale.ROOT).equals(lower)) {
                return t;
            }
        }
        throw new IllegalArgumentException("transport must be udp, tcp, tls, ws or wss, was \"" + name + "\"");
    }

    private static int portOf(String text) {
        if (!text.matches("\\d{1,5}") || Integer.parseInt(text) > 65535) {
            throw new IllegalArgumentException("port must be a number 0..65535, was \"" + text + "\"");
        }
        return Integer.parseInt(text);
    }

    /**
     * Parses {@code HOST:PORT} (an IPv6 host in brackets) into a socket address, e.g. the admin
     * endpoint's {@code 127.0.0.1:8080}.
     *
     * @throws IllegalArgumentException saying what was expected
     */
    public static InetSocketAddress parseHostPort(String text) {
        Objects.requireNonNull(text, "text");
        int last = text.lastIndexOf(':');
        if (last <= 0 || last == text.length() - 1) {
            throw new IllegalArgumentException("expected HOST:PORT such as 127.0.0.1:8080 or [::1]:8080, was \""
                    + text + "\"");
        }
        String host = text.substring(0, last);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            throw new IllegalArgumentException("an IPv6 host must be in brackets ([::1]:8080), was \"" + text + "\"");
        }
        if (!isIpLiteral(host)) {
            throw new IllegalArgumentException("host must be an IP address, was \"" + host + "\"");
        }
        return new InetSocketAddress(toAddress(host), portOf(text.substring(last + 1)));
    }

    /** {@code HOST:PORT} of {@code address}, an IPv6 host in brackets. */
    public static String format(InetSocketAddress address) {
        String h = address.getAddress().getHostAddress();
        int scope = h.indexOf('%');
        if (scope >= 0) {
            h = h.substring(0, scope);
        }
        return (h.contains(":") ? "[" + h + "]" : h) + ":" + address.getPort();
    }

    /** Whether {@code host} is an IPv4 or IPv6 literal (without brackets). */
    static boolean isIpLiteral(String host) {
        return IPV4.matcher(host).matches() || IPV6.matcher(host).matches() && toAddress(host) != null;
    }

    private static InetAddress toAddress(String literal) {
        try {
            // A literal (checked above) is converted without a name lookup.
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** The socket address to bind. */
    public InetSocketAddress socketAddress() {
        return new InetSocketAddress(toAddress(host), port);
    }

    /** The transport layer's listener for this address. */
    public ListenerConfig toListenerConfig() {
        return new ListenerConfig(transport, socketAddress());
    }

    /** Whether the host is a wildcard address (0.0.0.0 or ::): every interface. */
    public boolean isWildcard() {
        return socketAddress().getAddress().isAnyLocalAddress();
    }

    /** {@code transport:host:port} in lower case, an IPv6 host in brackets: what {@link #parse} reads. */
    @Override
    public String toString() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return transport.name().toLowerCase(Locale.ROOT) + ":" + h + ":" + port;
    }
}
