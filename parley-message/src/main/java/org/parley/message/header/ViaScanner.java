package org.parley.message.header;

import java.util.Locale;
import org.parley.message.Parameters;
import org.parley.message.Syntax;

/**
 * Reads the first Via element straight from the message bytes (RFC 3261 §20.42, §25.1
 * {@code via-parm = sent-protocol LWS sent-by *( SEMI via-params )}), without decoding the header
 * value to a string first: every message's top Via is read, and this is the common case.
 *
 * <p>It accepts only the plain shape: ASCII tokens, SP/HTAB around '/', ':', ';' and '=', a
 * hostname or IPv4 sent-by, an optional port, and parameters whose values are tokens (received:
 * token characters and ':'). Anything else (a quoted string, a bracket, a line fold, non-ASCII or
 * control bytes, a part that fails a check) makes it answer null, and the caller parses the
 * decoded value with {@link Via#parse(String)}, which accepts it or reports exactly what is wrong.
 * Whatever it accepts, {@code Via.parse} accepts with an equal result. Stateless.
 */
final class ViaScanner {
    private static final String[] PROTOCOLS = {"SIP"};
    private static final String[] VERSIONS = {"2.0"};
    private static final String[] TRANSPORTS = {"UDP", "TCP", "TLS", "SCTP", "WS", "WSS"};
    private static final String[] PARAMS = {"branch", "received", "rport", "maddr", "ttl"};

    private ViaScanner() {
    }

    /**
     * The first Via element of the unfolded header value in {@code b[from, to)}, or null when the
     * scan is unsure and the value needs {@link Via#parse(String)}.
     */
    static Via first(byte[] b, int from, int to) {
        int p = Syntax.skipWsp(b, from, to);
        int start = p;
        p = skipToken(b, p, to);
        if (p == start) {
            return null;
        }
        String protocol = word(b, start, p, PROTOCOLS).toUpperCase(Locale.ROOT);
        p = afterSeparator(b, p, to, '/');
        if (p < 0) {
            return null;
        }
        start = p;
        p = skipToken(b, p, to);
        if (p == start) {
            return null;
        }
        String version = word(b, start, p, VERSIONS);
        p = afterSeparator(b, p, to, '/');
        if (p < 0) {
            return null;
        }
        start = p;
        p = skipToken(b, p, to);
        if (p == start) {
            return null;
        }
        String transport = transport(b, start, p);
        // RFC 3261 §25.1: sent-protocol LWS sent-by.
        start = Syntax.skipWsp(b, p, to);
        if (start == p) {
            return null;
        }
        p = start;
        while (p < to && isHostChar(b[p])) {
            p++;
        }
        if (p == start) {
            return null;
        }
        String host = Syntax.latin1(b, start, p);
        int port = -1;
        int q = afterSeparator(b, p, to, ':');
        if (q >= 0) {
            port = 0;
            p = q;
            while (p < to && HostSyntax.isDigit(b[p]) && port <= 65535) {
                port = port * 10 + b[p] - '0';
                p++;
            }
            if (p == q || !Via.isPort(port)) {
                return null;
            }
        }
        Parameters params = parameters(b, p, to);
        if (params == null || !Via.isSentBy(host)) {
            return null;
        }
        return Via.checked(protocol, version, transport, host, port, params);
    }

    /** {@code *( SEMI via-params )} up to the end or the first ','; null when unsure or a check fails. */
    private static Parameters parameters(byte[] b, int p, int to) {
        Parameters.Builder params = null;
        while (true) {
            int q = Syntax.skipWsp(b, p, to);
            if (q == to || b[q] == ',') {
                return params == null ? Parameters.EMPTY : params.build();
            }
            if (b[q] != ';') {
                return null;
            }
            int start = Syntax.skipWsp(b, q + 1, to);
            p = skipToken(b, start, to);
            if (p == start) {
                return null;
            }
            String name = word(b, start, p, PARAMS);
            String value = null;
            q = afterSeparator(b, p, to, '=');
            if (q >= 0) {
                // RFC 3261 §25.1 via-received: an IPv4 or IPv6 address, read as token characters and ':'.
                boolean received = name.equalsIgnoreCase("received");
                p = q;
                while (p < to && (Syntax.isTokenChar(b[p]) || received && b[p] == ':')) {
                    p++;
                }
                if (p == q) {
                    return null;
                }
                value = Syntax.latin1(b, q, p);
            }
            if (Via.problemWith(name, value) != null) {
                return null;
            }
            if (params == null) {
                params = Parameters.builder();
            }
            params.add(name, value);
        }
    }

    /** The index after {@code SWS c SWS} at {@code p}, or -1 when {@code c} does not come next. */
    private static int afterSeparator(byte[] b, int p, int to, char c) {
        int q = Syntax.skipWsp(b, p, to);
        return q < to && b[q] == c ? Syntax.skipWsp(b, q + 1, to) : -1;
    }

    private static int skipToken(byte[] b, int p, int to) {
        while (p < to && Syntax.isTokenChar(b[p])) {
            p++;
        }
        return p;
    }

    /** The entry of {@code vocabulary} spelled exactly like {@code b[from, to)}, or a new string. */
    private static String word(byte[] b, int from, int to, String[] vocabulary) {
        for (String w : vocabulary) {
            if (w.length() == to - from && Syntax.regionEquals(b, from, w)) {
                return w;
            }
        }
        return Syntax.latin1(b, from, to);
    }

    /** The transport, upper-case; a known one in any case allocates nothing. */
    private static String transport(byte[] b, int from, int to) {
        for (String w : TRANSPORTS) {
            if (w.length() == to - from && Syntax.regionEqualsIgnoreCase(b, from, w)) {
                return w;
            }
        }
        return Syntax.latin1(b, from, to).toUpperCase(Locale.ROOT);
    }

    /** RFC 3261 §25.1 hostname and IPv4address characters (IPv6 references go to the full parser). */
    private static boolean isHostChar(int c) {
        return HostSyntax.isAlpha(c) || HostSyntax.isDigit(c) || c == '-' || c == '.';
    }
}
