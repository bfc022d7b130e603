package org.parley.sdp;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * A {@code c=} line (RFC 8866 §5.7): network type, address type and connection address, with a TTL
 * (IPv4 multicast only) and a number of addresses (multicast) when present. Immutable.
 */
public final class Connection {
    /** The Internet network type. */
    public static final String IN = "IN";
    /** IPv4 address type. */
    public static final String IP4 = "IP4";
    /** IPv6 address type. */
    public static final String IP6 = "IP6";

    private final String netType;
    private final String addressType;
    private final String address;
    private final int ttl;
    private final int numberOfAddresses;

    private Connection(String netType, String addressType, String address, int ttl, int numberOfAddresses) {
        this.netType = Syntax.requireToken(netType, "connection network type");
        this.addressType = Syntax.requireToken(addressType, "connection address type");
        this.address = Syntax.requireNonWhitespace(address, "connection address");
        if (address.indexOf('/') >= 0) {
            throw new IllegalArgumentException("connection address must not contain '/', was \"" + address + "\"");
        }
        if (ttl < -1 || ttl > 255) {
            throw new IllegalArgumentException("connection TTL must be 0..255, was " + ttl);
        }
        if (numberOfAddresses == 0 || numberOfAddresses < -1) {
            throw new IllegalArgumentException("number of addresses must be >= 1, was " + numberOfAddresses);
        }
        if (IP6.equals(addressType) && ttl >= 0) {
            throw new IllegalArgumentException("IP6 connection addresses have no TTL (RFC 8866 §5.7)");
        }
        this.ttl = ttl;
        this.numberOfAddresses = numberOfAddresses;
    }

    /** A unicast {@code IN} connection; the address type is IP6 when the address has a colon, else IP4. */
    public static Connection of(String address) {
        return new Connection(IN, addressTypeOf(address), address, -1, -1);
    }

    /**
     * A connection with every part given.
     *
     * @param ttl the multicast TTL 0..255 (IP4 only), or -1 for none
     * @param numberOfAddresses the number of multicast addresses (>= 1), or -1 for none
     */
    public static Connection of(String netType, String addressType, String address, int ttl, int numberOfAddresses) {
        return new Connection(netType, addressType, address, ttl, numberOfAddresses);
    }

    static String addressTypeOf(String address) {
        Objects.requireNonNull(address, "address");
        return address.indexOf(':') >= 0 ? IP6 : IP4;
    }

    /**
     * Parses the value of a {@code c=} line: {@code nettype addrtype address[/ttl][/number]}. For IP4 the
     * first suffix is the TTL and the second the number of addresses; for IP6 the only suffix is the
     * number of addresses (RFC 8866 §5.7).
     *
     * @throws SdpParseException naming the problem
     */
    public static Connection parse(String value) {
        String[] parts = value.split(" ", -1);
        if (parts.length != 3) {
            throw SdpParseException.badValue("connection", "expected \"IN IP4|IP6 address\", got \"" + value + "\"");
        }
        String[] address = parts[2].split("/", -1);
        boolean ip6 = IP6.equals(parts[1]);
        if (address.length > (ip6 ? 2 : 3)) {
            throw SdpParseException.badValue("connection", "too many '/' parts in \"" + parts[2] + "\"");
        }
        int ttl = -1;
        int count = -1;
        if (address.length >= 2) {
            long first = Syntax.number(address[1], 5);
            if (first < 0) {
                throw SdpParseException.badValue("connection", "\"" + address[1] + "\" is not a number");
            }
            if (ip6) {
                count = (int) first;
            } else {
                ttl = (int) first;
            }
        }
        if (address.length == 3) {
            long second = Syntax.number(address[2], 5);
            if (second < 0) {
                throw SdpParseException.badValue("connection", "\"" + address[2] + "\" is not a number");
            }
            count = (int) second;
        }
        try {
            return new Connection(parts[0], parts[1], address[0], ttl, count);
        } catch (IllegalArgumentException e) {
            throw SdpParseException.badValue("connection", e.getMessage());
        }
    }

    /** The network type, {@code IN} on the Internet. */
    public String netType() {
        return netType;
    }

    /** {@code IP4}, {@code IP6} or another token. */
    public String addressType() {
        return addressType;
    }

    /** The address (or host name), without TTL or count. */
    public String address() {
        return address;
    }

    /** The multicast TTL (IP4), if given. */
    public OptionalInt ttl() {
        return ttl < 0 ? OptionalInt.empty() : OptionalInt.of(ttl);
    }

    /** The number of multicast addresses, if given. */
    public OptionalInt numberOfAddresses() {
        return numberOfAddresses < 0 ? OptionalInt.empty() : OptionalInt.of(numberOfAddresses);
    }

    /** The value of the {@code c=} line. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(netType).append(' ').append(addressType).append(' ').append(address);
        if (ttl >= 0) {
            s.append('/').append(ttl);
        }
        if (numberOfAddresses >= 0) {
            s.append('/').append(numberOfAddresses);
        }
        return s.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Connection c && c.toString().equals(toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }
}
