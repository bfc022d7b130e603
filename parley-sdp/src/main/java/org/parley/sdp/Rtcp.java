package org.parley.sdp;

import java.util.Optional;

/**
 * The value of {@code a=rtcp} (RFC 3605 §2.1): the RTCP port, and its connection address when it
 * differs from the media's. Immutable.
 *
 * @param port the RTCP port, 0..65535
 * @param connection the address the RTCP port is on, if given
 */
public record Rtcp(int port, Optional<Connection> connection) {
    /** Checks the port range. */
    public Rtcp {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("rtcp port must be 0..65535, was " + port);
        }
        java.util.Objects.requireNonNull(connection, "connection");
    }

    /**
     * Parses {@code port [nettype addrtype address]}.
     *
     * @throws SdpParseException naming the problem
     */
    public static Rtcp parse(String value) {
        int space = value.indexOf(' ');
        long port = Syntax.number(space < 0 ? value : value.substring(0, space), 5);
        if (port < 0 || port > 65535) {
            throw SdpParseException.badValue("rtcp", "expected \"<port> [IN IP4|IP6 address]\", got \"" + value + "\"");
        }
        Optional<Connection> connection = space < 0 ? Optional.empty()
            : Optional.of(Connection.parse(value.substring(space + 1)));
        return new Rtcp((int) port, connection);
    }

    /** The attribute value. */
    @Override
    public String toString() {
        return connection.map(c -> port + " " + c).orElse(Integer.toString(port));
    }
}
