package org.parley.transport;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A SIP transport protocol as named in the Via header and the {@code transport} URI parameter
 * (RFC 3261 §18, §19.1.1, §20.42): UDP, TCP, TLS, SCTP, WS, WSS or any other token.
 *
 * <p>An open vocabulary (STYLE §4): the constants cover the registered transports and
 * {@link #of(String)} accepts any token, returning the constant when there is one. Two transports
 * are equal when their upper-case names are. Immutable.
 */
public final class Transport {
    /** RFC 3261 default port for {@code sip} over UDP, TCP and SCTP (RFC 3261 §19.1.2). */
    public static final int SIP_PORT = 5060;
    /** RFC 3261 default port for {@code sips}, i.e. TLS (RFC 3261 §19.1.2). */
    public static final int SIPS_PORT = 5061;
    /** WebSocket default port, RFC 6455 §3 (RFC 7118 takes WebSocket URIs from RFC 6455). */
    public static final int WS_PORT = 80;
    /** Secure WebSocket default port, RFC 6455 §3. */
    public static final int WSS_PORT = 443;

    /** UDP (RFC 3261 §18): unreliable, 5060. */
    public static final Transport UDP = new Transport("UDP", false, false, SIP_PORT);
    /** TCP (RFC 3261 §18): reliable, 5060. */
    public static final Transport TCP = new Transport("TCP", true, false, SIP_PORT);
    /** TLS over TCP (RFC 3261 §18, §26.2): reliable, secure, 5061. */
    public static final Transport TLS = new Transport("TLS", true, true, SIPS_PORT);
    /** SCTP (RFC 4168): reliable, 5060. */
    public static final Transport SCTP = new Transport("SCTP", true, false, SIP_PORT);
    /** SIP over WebSocket (RFC 7118): reliable, 80. */
    public static final Transport WS = new Transport("WS", true, false, WS_PORT);
    /** SIP over secure WebSocket (RFC 7118): reliable, secure, 443. */
    public static final Transport WSS = new Transport("WSS", true, true, WSS_PORT);

    private static final Map<String, Transport> KNOWN = Map.of(
        UDP.name, UDP, TCP.name, TCP, TLS.name, TLS, SCTP.name, SCTP, WS.name, WS, WSS.name, WSS);

    private final String name;
    private final boolean reliable;
    private final boolean secure;
    private final int defaultPort;

    private Transport(String name, boolean reliable, boolean secure, int defaultPort) {
        this.name = name;
        this.reliable = reliable;
        this.secure = secure;
        this.defaultPort = defaultPort;
    }

    /**
     * The transport named by {@code token}, in any case: the constant for a known name, otherwise a
     * new unreliable, insecure transport with the default port 5060 (RFC 3261 §19.1.2).
     *
     * @throws IllegalArgumentException when {@code token} is not an RFC 3261 §25.1 token
     */
    public static Transport of(String token) {
        Objects.requireNonNull(token, "token");
        String upper = token.toUpperCase(Locale.ROOT);
        Transport known = KNOWN.get(upper);
        if (known != null) {
            return known;
        }
        if (!isToken(token)) {
            throw new IllegalArgumentException("Transport must be a token (RFC 3261 §25.1), was \"" + token + "\"");
        }
        return new Transport(upper, false, false, SIP_PORT);
    }

    private static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean alnum = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
            if (!alnum && "-.!%*_+`'~".indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    /** The name as written in a Via header, upper case (RFC 3261 §20.42), e.g. "UDP". */
    public String name() {
        return name;
    }

    /** True when the transport delivers reliably and in order (RFC 3261 §17.1.1.2 timers differ). */
    public boolean isReliable() {
        return reliable;
    }

    /** True for TLS and WSS, the transports a {@code sips} URI may use (RFC 3261 §26.2.2). */
    public boolean isSecure() {
        return secure;
    }

    /** The port used when a URI names none (RFC 3261 §19.1.2; RFC 6455 §3 for WS and WSS). */
    public int defaultPort() {
        return defaultPort;
    }

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof Transport t && t.name.equals(name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    /** The Via name, e.g. "TLS". */
    @Override
    public String toString() {
        return name;
    }
}
