package org.parley.sdp;

import java.util.Optional;

/**
 * The value of {@code a=candidate} (ICE, RFC 8839 §5.1): foundation, component, transport, priority,
 * address, port, type and the rest ({@code raddr}, {@code rport}, extensions) kept as written.
 * Immutable.
 *
 * @param foundation the foundation (1 to 32 ice-chars)
 * @param component the component id, 1..256
 * @param transport the transport, e.g. {@code UDP}
 * @param priority the priority, 1..2^31-1
 * @param address the connection address (IP or FQDN)
 * @param port the port, 0..65535
 * @param type the candidate type: host, srflx, prflx, relay or an extension token
 * @param extensions the rest after the type, or the empty string
 */
public record Candidate(String foundation, int component, String transport, long priority, String address,
        int port, String type, String extensions) {
    /** Checks ranges and tokens. */
    public Candidate {
        Syntax.requireNonWhitespace(foundation, "candidate foundation");
        if (component < 1 || component > 256) {
            throw new IllegalArgumentException("candidate component must be 1..256, was " + component);
        }
        Syntax.requireToken(transport, "candidate transport");
        if (priority < 1 || priority > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("candidate priority must be 1..2^31-1, was " + priority);
        }
        Syntax.requireNonWhitespace(address, "candidate address");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("candidate port must be 0..65535, was " + port);
        }
        Syntax.requireToken(type, "candidate type");
        Syntax.requireText(extensions, "candidate extensions");
    }

    /**
     * Parses {@code foundation component transport priority address port typ type [rest]}.
     *
     * @throws SdpParseException naming the problem
     */
    public static Candidate parse(String value) {
        String[] p = value.split(" ", 9);
        if (p.length < 8 || !"typ".equals(p[6])) {
            throw bad(value);
        }
        long component = Syntax.number(p[1], 3);
        long priority = Syntax.number(p[3], 10);
        long port = Syntax.number(p[5], 5);
        try {
            return new Candidate(p[0], (int) component, p[2], priority, p[4], (int) port, p[7],
                p.length == 9 ? p[8] : "");
        } catch (IllegalArgumentException e) {
            throw SdpParseException.badValue("candidate", e.getMessage() + " in \"" + value + "\"");
        }
    }

    private static SdpParseException bad(String value) {
        return SdpParseException.badValue("candidate",
            "expected \"<foundation> <component> <transport> <priority> <address> <port> typ <type>\", got \""
                + value + "\"");
    }

    /** The related address ({@code raddr}) of a reflexive or relayed candidate, if given. */
    public Optional<String> relatedAddress() {
        String[] words = extensions.split(" ");
        for (int i = 0; i + 1 < words.length; i += 2) {
            if ("raddr".equals(words[i])) {
                return Optional.of(words[i + 1]);
            }
        }
        return Optional.empty();
    }

    /** The attribute value. */
    @Override
    public String toString() {
        String base = foundation + ' ' + component + ' ' + transport + ' ' + priority + ' ' + address + ' ' + port
            + " typ " + type;
        return extensions.isEmpty() ? base : base + ' ' + extensions;
    }
}
