package org.parley.message.header;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.parley.message.Parameters;
import org.parley.message.SipParseException;
import org.parley.message.Syntax;

/**
 * One Via value (RFC 3261 §20.42, §25.1 via-parm): {@code sent-protocol LWS sent-by *( SEMI
 * via-params )}, e.g. {@code SIP/2.0/UDP 192.0.2.2:5060;branch=z9hG4bK776;rport}.
 *
 * <p>The transport is any token and is kept upper-case (UDP, TCP, TLS, SCTP, WS, WSS, or an
 * unknown one such as "UNKNOWN", RFC 4475 §3.1.1.10). The sent-by host is kept as written: a
 * hostname, an IPv4 address or an IPv6 reference with its brackets ({@code [2001:db8::9:1]}).
 * Parameters keep their order and spelling; the typed accessors read the ones RFC 3261 §18.2 and
 * RFC 3581 define: branch, received, rport, maddr, ttl. A missing branch is accepted (RFC 2543
 * peers send none, RFC 4475 §3.4.1); {@link #isRfc3261Branch()} tells whether the branch can be
 * used for RFC 3261 §17.2.3 transaction matching.
 *
 * <p>{@link #parse(String)} is on the server's hot path: it scans by index, allocates the host and
 * parameter strings and little else, and uses {@link Parameters#EMPTY} when there are none.
 * {@link #parseFirst(byte[], int, int)} reads the plain top Via of a message straight from its
 * bytes, with the same checks, and leaves anything else to {@code parse}.
 *
 * <p>Immutable and thread-safe. Changes go through {@link #toBuilder()}.
 */
public final class Via {
    /** The magic cookie that starts an RFC 3261 branch (RFC 3261 §8.1.1.7). */
    public static final String MAGIC_COOKIE = "z9hG4bK";

    private static final String VIA = "Via";
    private static final String[] PROTOCOLS = {"SIP"};
    private static final String[] VERSIONS = {"2.0"};
    private static final String[] TRANSPORTS = {"UDP", "TCP", "TLS", "SCTP", "WS", "WSS"};
    private static final String[] PARAMS = {"branch", "received", "rport", "maddr", "ttl"};

    private final String protocolName;
    private final String protocolVersion;
    private final String transport;
    private final String host;
    private final int port;
    private final Parameters parameters;

    /** Callers have checked every part. */
    private Via(String protocolName, String protocolVersion, String transport, String host, int port,
            Parameters parameters) {
        this.protocolName = protocolName;
        this.protocolVersion = protocolVersion;
        this.transport = transport;
        this.host = host;
        this.port = port;
        this.parameters = parameters;
    }

    /**
     * Parses one Via element (the header value already split at commas and unfolded). LWS is
     * allowed around '/', ':', ';' and '=' (RFC 3261 §25.1, RFC 4475 §3.1.1.1); the "received"
     * parameter may hold an IPv6 address with or without brackets (RFC 5118 §4.5).
     *
     * @throws SipParseException (400 naming Via) for an empty element, a missing sent-by, a bad
     *     host or port, an empty parameter name (RFC 4475 §3.1.2.1), a ttl outside 0..255, or a
     *     malformed branch, received, rport or maddr
     */
    public static Via parse(String element) {
        HeaderScanner s = new HeaderScanner(VIA, element);
        s.skipLws();
        if (s.atEnd()) {
            throw s.error("empty value");
        }
        String protocol = s.readToken("protocol name", PROTOCOLS);
        s.expect('/', "after protocol name");
        String version = s.readToken("protocol version", VERSIONS);
        s.expect('/', "after protocol version");
        String transport = s.readToken("transport", TRANSPORTS).toUpperCase(Locale.ROOT);
        if (!s.skipLws() && !s.atEnd() && s.peek() != ';') {
            throw s.error("expected whitespace after transport, found " + HeaderScanner.describe(s.peek()));
        }
        String host = readHost(s);
        int port = -1;
        if (s.tryChar(':')) {
            port = (int) s.readNumber("port", 65535);
            if (!isPort(port)) {
                throw s.error("port must be 1..65535");
            }
        }
        Parameters params = readParameters(s);
        s.expectEnd();
        return new Via(protocol.toUpperCase(Locale.ROOT), version, transport, host, port, params);
    }

    private static String readHost(HeaderScanner s) {
        int start = s.position();
        if (s.peek() == '[') {
            s.readUntil(']', "']' after IPv6 address");
            s.position(s.position() + 1);
        } else {
            int c = s.peek();
            while (HostSyntax.isAlpha(c) || HostSyntax.isDigit(c) || c == '-' || c == '.') {
                s.position(s.position() + 1);
                c = s.peek();
            }
        }
        String host = s.textFrom(start);
        if (host.isEmpty()) {
            throw s.error("missing sent-by");
        }
        if (!isSentBy(host)) {
            throw s.error("bad sent-by host");
        }
        return host;
    }

    /**
     * Parses the first element of a Via header value straight from the message bytes
     * {@code bytes[from, to)} (the unfolded value of the first Via line), as
     * {@code parse(HeaderValues.first("Via", value))} would, without decoding the value to a string.
     * Meant for Parley's own message parser ({@code SipMessage.topVia()}), which needs it across
     * packages; other code should use {@link #parse(String)}.
     *
     * @return the Via, equal to what {@link #parse(String)} gives; empty when the value is not of
     *     the plain form the byte scan handles (a quoted string, an IPv6 reference, a line fold,
     *     non-ASCII bytes) or breaks the grammar: {@link #parse(String)} then decides and reports
     * @throws IndexOutOfBoundsException when the range is not inside {@code bytes}
     */
    public static Optional<Via> parseFirst(byte[] bytes, int from, int to) {
        Objects.checkFromToIndex(from, to, bytes.length);
        return Optional.ofNullable(ViaScanner.first(bytes, from, to));
    }

    /** A Via from parts {@link ViaScanner} read and checked with the checks {@link #parse} applies. */
    static Via checked(String protocolName, String protocolVersion, String transport, String host, int port,
            Parameters parameters) {
        return new Via(protocolName, protocolVersion, transport, host, port, parameters);
    }

    /** RFC 3261 §25.1 sent-by host: a hostname, IPv4 address or bracketed IPv6 reference. */
    static boolean isSentBy(String host) {
        return !host.isEmpty() && HostSyntax.isHost(host);
    }

    /** RFC 3261 §25.1 sent-by port (1*DIGIT) as Parley takes it: 1..65535. */
    static boolean isPort(int port) {
        return port >= 1 && port <= 65535;
    }

    private static Parameters readParameters(HeaderScanner s) {
        Parameters.Builder params = null;
        while (s.tryChar(';')) {
            String name = s.readParameterName(PARAMS);
            String value = null;
            if (s.tryChar('=')) {
                value = name.equalsIgnoreCase("received") ? readAddress(s) : s.readGenericValue();
            }
            String problem = problemWith(name, value);
            if (problem != null) {
                throw s.error(problem);
            }
            if (params == null) {
                params = Parameters.builder();
            }
            params.add(name, value);
        }
        return params == null ? Parameters.EMPTY : params.build();
    }

    /** An address: IPv6 in brackets, or token characters and ':' (IPv4, bare IPv6). */
    private static String readAddress(HeaderScanner s) {
        if (s.peek() == '[') {
            return s.readGenericValue();
        }
        int start = s.position();
        int c = s.peek();
        while (Syntax.isTokenChar(c) || c == ':') {
            s.position(s.position() + 1);
            c = s.peek();
        }
        if (s.position() == start) {
            throw s.error("missing received address");
        }
        return s.textFrom(start);
    }

    /**
     * What is wrong with a parameter RFC 3261 §25.1 or RFC 3581 gives a grammar, or null. The
     * message never quotes the value: parse errors become reason phrases.
     */
    static String problemWith(String name, String value) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "branch" -> value != null && Syntax.isToken(value) ? null : "branch must be a token";
            case "received" -> value != null && HostSyntax.isAddress(value) ? null : "received must be an IP address";
            case "maddr" -> value != null && HostSyntax.isHost(value) ? null : "maddr must be a host";
            case "ttl" -> value != null && Checks.isNumberAtMost(value, 255) ? null : "ttl must be 0..255";
            case "rport" -> value == null || Checks.isNumberAtMost(value, 65535) && Integer.parseInt(value) > 0
                    ? null : "rport must be empty or 1..65535";
            default -> null;
        };
    }

    /** A builder with protocol SIP/2.0 and nothing else set. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this value's parts. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The protocol name, upper-case: "SIP". */
    public String protocolName() {
        return protocolName;
    }

    /** The protocol version as written: "2.0". */
    public String protocolVersion() {
        return protocolVersion;
    }

    /** The transport, upper-case: "UDP", "TCP", "TLS", "SCTP", "WS", "WSS" or an extension token. */
    public String transport() {
        return transport;
    }

    /** The sent-by host as written; an IPv6 reference keeps its brackets. */
    public String host() {
        return host;
    }

    /** The sent-by port, when there is one. */
    public OptionalInt port() {
        return port < 0 ? OptionalInt.empty() : OptionalInt.of(port);
    }

    /** The sent-by part as written on the wire: host, or host:port. */
    public String sentBy() {
        return port < 0 ? host : host + ':' + port;
    }

    /** All parameters, in order, values as written. */
    public Parameters parameters() {
        return parameters;
    }

    /** The branch parameter (RFC 3261 §8.1.1.7). */
    public Optional<String> branch() {
        return parameters.get("branch");
    }

    /**
     * True when the branch starts with the magic cookie "z9hG4bK" and has more after it, so that
     * it can identify a transaction (RFC 3261 §17.2.3). A bare cookie (RFC 4475 §3.2.1) is not.
     */
    public boolean isRfc3261Branch() {
        String branch = parameters.getOrNull("branch");
        return branch != null && branch.length() > MAGIC_COOKIE.length() && branch.startsWith(MAGIC_COOKIE);
    }

    /**
     * The received parameter (RFC 3261 §18.2.1) in the form {@link #host()} uses: an IPv6 address
     * is given in brackets whether or not the wire had them (RFC 5118 §4.5).
     */
    public Optional<String> received() {
        String received = parameters.getOrNull("received");
        if (received == null) {
            return Optional.empty();
        }
        return Optional.of(received.indexOf(':') >= 0 && received.charAt(0) != '[' ? '[' + received + ']' : received);
    }

    /** True when an rport parameter is present, with or without a value (RFC 3581 §3, §4). */
    public boolean hasRport() {
        return parameters.has("rport");
    }

    /** The value of the rport parameter, filled in by a server (RFC 3581 §4); empty for a bare flag. */
    public OptionalInt rport() {
        String rport = parameters.getOrNull("rport");
        return rport == null ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(rport));
    }

    /** The maddr parameter (RFC 3261 §18.2.2). */
    public Optional<String> maddr() {
        return parameters.get("maddr");
    }

    /** The ttl parameter, 0..255 (RFC 3261 §18.2.2). */
    public OptionalInt ttl() {
        String ttl = parameters.getOrNull("ttl");
        return ttl == null ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(ttl));
    }

    /** The wire form: {@code SIP/2.0/UDP host[:port][;params]}. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(48 + 16 * parameters.size());
        out.append(protocolName).append('/').append(protocolVersion).append('/').append(transport)
                .append(' ').append(host);
        if (port >= 0) {
            out.append(':').append(port);
        }
        parameters.appendTo(out);
        return out.toString();
    }

    /** Same parts; the host compares ignoring case, parameters as {@link Parameters#equals}. */
    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof Via v && v.port == port && v.transport.equals(transport)
                && v.host.equalsIgnoreCase(host) && v.protocolName.equals(protocolName)
                && v.protocolVersion.equals(protocolVersion) && v.parameters.equals(parameters);
    }

    @Override
    public int hashCode() {
        return Objects.hash(transport, host.toLowerCase(Locale.ROOT), port, parameters);
    }

    /** Builds a {@link Via}; every setter checks its argument. Not thread-safe. */
    public static final class Builder {
        private String protocolName = "SIP";
        private String protocolVersion = "2.0";
        private String transport;
        private String host;
        private int port = -1;
        private final Parameters.Builder params;

        private Builder() {
            params = Parameters.builder();
        }

        private Builder(Via via) {
            protocolName = via.protocolName;
            protocolVersion = via.protocolVersion;
            transport = via.transport;
            host = via.host;
            port = via.port;
            params = via.parameters.toBuilder();
        }

        /** The protocol name and version, "SIP" and "2.0" unless set. */
        public Builder protocol(String name, String version) {
            protocolName = Checks.requireToken("protocol name", name).toUpperCase(Locale.ROOT);
            protocolVersion = Checks.requireToken("protocol version", version);
            return this;
        }

        /** The transport, any token; kept upper-case. */
        public Builder transport(String transport) {
            this.transport = Checks.requireToken("transport", transport).toUpperCase(Locale.ROOT);
            return this;
        }

        /** The sent-by host: a hostname, an IPv4 address, or an IPv6 address with or without brackets. */
        public Builder host(String host) {
            Objects.requireNonNull(host, "host");
            String h = HostSyntax.isIpv6(host, 0, host.length()) ? '[' + host + ']' : host;
            if (!HostSyntax.isHost(h)) {
                throw new IllegalArgumentException("Via host must be a hostname, IPv4 or IPv6 address, was \""
                        + host + "\"");
            }
            this.host = h;
            return this;
        }

        /** The sent-by port, 1..65535. */
        public Builder port(int port) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("Via port must be 1..65535, was " + port);
            }
            this.port = port;
            return this;
        }

        /** Removes the sent-by port. */
        public Builder noPort() {
            this.port = -1;
            return this;
        }

        /** Sets the branch, a token (RFC 3261 §8.1.1.7: start it with {@link #MAGIC_COOKIE}). */
        public Builder branch(String branch) {
            return parameter("branch", Objects.requireNonNull(branch, "branch"));
        }

        /**
         * Sets the received address: IPv4, or IPv6 with or without brackets; IPv6 is written
         * without them, as RFC 3261 §25.1 via-received has it.
         */
        public Builder received(String address) {
            Objects.requireNonNull(address, "address");
            String a = address.startsWith("[") && address.endsWith("]")
                    ? address.substring(1, address.length() - 1) : address;
            return parameter("received", a);
        }

        /** Adds a bare rport flag, asking the server to fill it in (RFC 3581 §3). */
        public Builder rport() {
            params.flag("rport");
            return this;
        }

        /** Sets rport to the port a request came from (RFC 3581 §4), 1..65535. */
        public Builder rport(int port) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("Via rport must be 1..65535, was " + port);
            }
            return parameter("rport", Integer.toString(port));
        }

        /** Sets the maddr parameter, a host. */
        public Builder maddr(String host) {
            return parameter("maddr", Objects.requireNonNull(host, "host"));
        }

        /** Sets the ttl parameter, 0..255. */
        public Builder ttl(int ttl) {
            if (ttl < 0 || ttl > 255) {
                throw new IllegalArgumentException("Via ttl must be 0..255, was " + ttl);
            }
            return parameter("ttl", Integer.toString(ttl));
        }

        /**
         * Sets a parameter (replacing the first of that name): a token name and a gen-value as it
         * is to be written (token, host or quoted-string), or null for a flag. The parameters with
         * a grammar of their own (branch, received, maddr, ttl, rport) are checked against it.
         */
        public Builder parameter(String name, String value) {
            Checks.requireToken("Via parameter name", name);
            String problem = problemWith(name, value);
            if (problem != null) {
                throw new IllegalArgumentException("Via " + problem + ", was "
                        + (value == null ? "no value" : "\"" + value + "\""));
            }
            if (!name.equalsIgnoreCase("received")) {
                // via-received alone may hold a bare IPv6 address; everything else is a gen-value.
                Checks.requireGenericValue("Via parameter " + name, value);
            }
            params.set(name, value);
            return this;
        }

        /** Removes every parameter of this name. */
        public Builder removeParameter(String name) {
            params.remove(name);
            return this;
        }

        /**
         * The Via.
         *
         * @throws IllegalStateException when the transport or the host is not set
         */
        public Via build() {
            if (transport == null || host == null) {
                throw new IllegalStateException("Via needs a transport and a host, had transport "
                        + transport + " and host " + host);
            }
            return new Via(protocolName, protocolVersion, transport, host, port, params.build());
        }
    }
}
