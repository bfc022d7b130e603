package org.parley.server.admin;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * Where the admin HTTP server listens. Immutable; checked when built.
 *
 * @param address the address and port to bind (port 0: any free port, read back from
 *     {@link AdminServer#address()}); loopback by default, since the API changes the server's behaviour
 */
public record AdminConfig(InetSocketAddress address) {
    /** 127.0.0.1:8080 (issue #8): reachable from the machine only. */
    public static final AdminConfig DEFAULT = new AdminConfig(new InetSocketAddress("127.0.0.1", 8080));

    /** Checks the address. */
    public AdminConfig {
        Objects.requireNonNull(address, "address");
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("admin address must resolve, was " + address.getHostString());
        }
    }

    /**
     * Parses {@code HOST:PORT}, with an IPv6 host in brackets: {@code 127.0.0.1:8080}, {@code [::1]:0}.
     *
     * @throws IllegalArgumentException naming the value and what was expected
     */
    public static AdminConfig parse(String hostPort) {
        Objects.requireNonNull(hostPort, "hostPort");
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0 || colon == hostPort.length() - 1) {
            throw new IllegalArgumentException("admin address must be HOST:PORT (IPv6 as [::1]:8080), was \""
                    + hostPort + "\"");
        }
        String host = hostPort.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.indexOf(':') >= 0) {
            throw new IllegalArgumentException("an IPv6 admin address needs brackets, e.g. [::1]:8080, was \""
                    + hostPort + "\"");
        }
        int port;
        try {
            port = Integer.parseInt(hostPort.substring(colon + 1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("admin port must be 0..65535, was \"" + hostPort.substring(colon + 1)
                    + "\" in \"" + hostPort + "\"");
        }
        return new AdminConfig(new InetSocketAddress(host, port));
    }
}
