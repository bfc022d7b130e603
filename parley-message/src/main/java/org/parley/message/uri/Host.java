package org.parley.message.uri;

import java.util.Objects;
import org.parley.message.SipParseException;

/**
 * The host of a SIP URI, a Via sent-by or a {@code maddr}/{@code received} parameter: a host name,
 * an IPv4 address or an IPv6 address (RFC 3261 §25.1 {@code host}, RFC 5118).
 *
 * <p>{@link #text()} is the host as written, IPv6 without brackets; {@link #toString()} is the wire
 * form, IPv6 in brackets. Host names compare case-insensitively (RFC 3261 §19.1.4); addresses
 * compare by value (RFC 5954 §4), so {@code 2001:db8::10} equals {@code 2001:0db8:0:0::10}.
 * Addresses are read from their text only: no name is ever looked up. Immutable.
 */
public final class Host {
    /** What a host is. The grammar allows these three and no other. */
    public enum Kind {
        /** A host name (RFC 3261 §25.1 hostname). */
        NAME,
        /** A dotted-quad IPv4 address. */
        IPV4,
        /** An IPv6 address (RFC 4291 §2.2). */
        IPV6
    }

    private static final String CONTEXT = "Host";

    private final Kind kind;
    private final String text;
    private final String wire;
    /** IPv6: the high 64 bits; IPv4: 0. */
    private final long high;
    /** IPv6: the low 64 bits; IPv4: the address. */
    private final long low;

    private Host(Kind kind, String text, String wire, long high, long low) {
        this.kind = kind;
        this.text = text;
        this.wire = wire;
        this.high = high;
        this.low = low;
    }

    /**
     * Parses a host as RFC 3261 §25.1 writes it in a SIP URI or a Via sent-by: a host name, an IPv4
     * address, or an IPv6 reference in brackets. A bare IPv6 address is refused (RFC 5118 §4.2).
     *
     * @throws SipParseException (400) when {@code text} is not a host
     */
    public static Host parse(String text) {
        Objects.requireNonNull(text, "text");
        return parse(text, 0, text.length(), false, CONTEXT);
    }

    /**
     * Parses a host, also accepting an IPv6 address without brackets. Meant for the Via
     * {@code received} parameter, whose grammar is {@code IPv4address / IPv6address} (RFC 3261
     * §20.42) while implementations also send the bracketed form; RFC 5118 §4.5 asks receivers to
     * accept both.
     *
     * @throws SipParseException (400) when {@code text} is not a host
     */
    public static Host parseLenient(String text) {
        Objects.requireNonNull(text, "text");
        return parse(text, 0, text.length(), true, CONTEXT);
    }

    /**
     * The host for this text, for code that builds URIs: a host name, an IPv4 address or an IPv6
     * address with or without brackets.
     *
     * @throws IllegalArgumentException when {@code text} is not a host
     */
    public static Host of(String text) {
        Objects.requireNonNull(text, "text");
        try {
            return parse(text, 0, text.length(), true, CONTEXT);
        } catch (SipParseException e) {
            throw new IllegalArgumentException("host must be a host name, IPv4 or IPv6 address, was \""
                    + UriChars.quote(text, 0, text.length()) + "\": " + e.reason(), e);
        }
    }

    /**
     * Parses {@code s[from, to)}; errors name {@code context} and carry the offset within {@code s}.
     */
    static Host parse(String s, int from, int to, boolean bareIpv6, String context) {
        if (from < to && s.charAt(from) != '[' && !(bareIpv6 && hasColon(s, from, to))) {
            checkNameOrIpv4(s, from, to, context);
            return nameOrIpv4(s, from, to);
        }
        if (from == to) {
            throw error(context, "empty host", from);
        }
        if (s.charAt(from) == '[') {
            if (to - from < 2 || s.charAt(to - 1) != ']') {
                throw error(context, "'[' without ']' around IPv6 address", from);
            }
            return ipv6(s, from + 1, to - 1, context);
        }
        return ipv6(s, from, to, context);
    }

    private static boolean hasColon(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == ':') {
                return true;
            }
        }
        return false;
    }

    /**
     * Checks {@code s[from, to)} as {@code parse(s, from, to, false, context)} does, with the same
     * errors, without building anything: true for a host name or an IPv4 address, which
     * {@link #nameOrIpv4} then builds when the host is first asked for; false for an IPv6 reference
     * in brackets, which the caller parses at once.
     */
    static boolean checkNameOrIpv4(String s, int from, int to, String context) {
        if (from == to) {
            throw error(context, "empty host", from);
        }
        if (s.charAt(from) == '[') {
            return false;
        }
        boolean digitsAndDots = true;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == ':') {
                throw error(context, "IPv6 address must be enclosed in '[' ']' (RFC 5118 §4.2)", from);
            }
            digitsAndDots &= c == '.' || UriChars.isDigit(c);
        }
        if (digitsAndDots) {
            if (IpAddresses.parseIpv4(s, from, to) < 0) {
                throw error(context, "bad IPv4 address \"" + UriChars.quote(s, from, to) + "\"", from);
            }
            return true;
        }
        int bad = hostnameProblem(s, from, to);
        if (bad >= 0) {
            throw error(context, "bad host name \"" + UriChars.quote(s, from, to) + "\" at "
                    + UriChars.show(s.charAt(bad)), bad);
        }
        return true;
    }

    /** The host name or IPv4 address {@code s[from, to)}, which {@link #checkNameOrIpv4} accepted. */
    static Host nameOrIpv4(String s, int from, int to) {
        String text = s.substring(from, to);
        long v4 = IpAddresses.parseIpv4(s, from, to);
        return v4 >= 0 ? new Host(Kind.IPV4, text, text, 0, v4) : new Host(Kind.NAME, text, text, 0, 0);
    }

    private static Host ipv6(String s, int from, int to, String context) {
        long[] value = new long[2];
        String problem = IpAddresses.parseIpv6(s, from, to, value);
        if (problem != null) {
            throw error(context, problem, from);
        }
        String text = s.substring(from, to);
        return new Host(Kind.IPV6, text, "[" + text + "]", value[0], value[1]);
    }

    /**
     * RFC 3261 §25.1: hostname = *( domainlabel "." ) toplabel [ "." ]; labels are alphanumerics
     * and inner hyphens, and the top label starts with a letter.
     *
     * @return the index of the offending character, or -1 when the name is well formed
     */
    static int hostnameProblem(String s, int from, int to) {
        int labelStart = from;
        int previousLabelStart = from;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '.') {
                if (i == labelStart || s.charAt(i - 1) == '-') {
                    return i == labelStart ? i : i - 1;
                }
                previousLabelStart = labelStart;
                labelStart = i + 1;
            } else if (c == '-' ? i == labelStart : !UriChars.isAlphanum(c)) {
                return i;
            }
        }
        int top = labelStart;
        if (labelStart == to) {
            top = previousLabelStart;
        } else if (s.charAt(to - 1) == '-') {
            return to - 1;
        }
        return UriChars.isAlpha(s.charAt(top)) ? -1 : top;
    }

    private static SipParseException error(String context, String problem, int offset) {
        return SipParseException.badHeader(context, problem).at(offset);
    }

    /** Whether this is a name, an IPv4 or an IPv6 address. */
    public Kind kind() {
        return kind;
    }

    /** True for an IPv4 or IPv6 address. */
    public boolean isIpAddress() {
        return kind != Kind.NAME;
    }

    /** The host as written; an IPv6 address without brackets. */
    public String text() {
        return text;
    }

    /** Host names ignoring ASCII case; addresses by value (RFC 3261 §19.1.4, RFC 5954 §4). */
    @Override
    public boolean equals(Object o) {
        if (o == this) {
            return true;
        }
        if (!(o instanceof Host h) || h.kind != kind) {
            return false;
        }
        return kind == Kind.NAME ? h.text.equalsIgnoreCase(text) : h.high == high && h.low == low;
    }

    @Override
    public int hashCode() {
        if (kind != Kind.NAME) {
            return 31 * Long.hashCode(high) + Long.hashCode(low);
        }
        int h = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            h = 31 * h + (c >= 'A' && c <= 'Z' ? c + 32 : c);
        }
        return h;
    }

    /** The wire form: the text, with brackets around an IPv6 address. */
    @Override
    public String toString() {
        return wire;
    }
}
