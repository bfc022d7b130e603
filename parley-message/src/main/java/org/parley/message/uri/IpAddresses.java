package org.parley.message.uri;

import java.util.Arrays;

/**
 * Reads the textual forms of IPv4 (RFC 3261 §25.1 IPv4address) and IPv6 addresses (RFC 4291 §2.2)
 * into numbers, without any name lookup. Stateless.
 */
final class IpAddresses {
    private IpAddresses() {
    }

    /**
     * The value of the dotted quad {@code s[from, to)} (four groups of one to three digits, each at
     * most 255), or -1 when it is not one.
     */
    static long parseIpv4(String s, int from, int to) {
        long value = 0;
        int parts = 0;
        int i = from;
        while (true) {
            int start = i;
            int part = 0;
            while (i < to && UriChars.isDigit(s.charAt(i))) {
                if (i - start == 3) {
                    return -1;
                }
                part = part * 10 + s.charAt(i) - '0';
                i++;
            }
            if (i == start || part > 255) {
                return -1;
            }
            value = value << 8 | part;
            parts++;
            if (i == to) {
                return parts == 4 ? value : -1;
            }
            if (s.charAt(i) != '.' || parts == 4) {
                return -1;
            }
            i++;
        }
    }

    /**
     * Reads the IPv6 address {@code s[from, to)} (no brackets) into {@code out[0]} (high 64 bits)
     * and {@code out[1]} (low 64 bits). Accepts the forms of RFC 4291 §2.2: eight groups, "::"
     * compression and a trailing dotted quad. Also accepts ":::" right before a trailing dotted quad
     * ({@code 2001:db8:::192.0.2.1}): RFC 3261's ABNF, copied from RFC 2373, derives it, and
     * RFC 5118 §4.10 asks parsers to be robust to it; it means the same as "::".
     *
     * @return null on success, else what is wrong
     */
    static String parseIpv6(String s, int from, int to, long[] out) {
        if (from == to) {
            return "empty IPv6 address";
        }
        Ipv6Reader reader = new Ipv6Reader(s, from, to);
        String problem = reader.read();
        return problem != null ? problem : reader.finish(out);
    }

    /** One pass over an IPv6 text: the groups read so far and where "::" stood. */
    private static final class Ipv6Reader {
        private final String s;
        private final int to;
        private final int[] groups = new int[8];
        private int i;
        private int count;
        private int gap = -1;

        Ipv6Reader(String s, int from, int to) {
            this.s = s;
            this.i = from;
            this.to = to;
        }

        /** Reads all groups; returns what is wrong, or null. */
        String read() {
            if (s.charAt(i) == ':') {
                if (to - i < 2 || s.charAt(i + 1) != ':') {
                    return "IPv6 address starts with a single ':'";
                }
                gap = 0;
                i = skipThirdColon(s, i + 2, to);
            }
            while (i < to) {
                String problem = group();
                if (problem != null || i == to) {
                    return problem;
                }
                problem = separator();
                if (problem != null) {
                    return problem;
                }
            }
            return null;
        }

        /** Reads one group of up to four hex digits, or the dotted quad that ends the address. */
        private String group() {
            int start = i;
            int value = 0;
            int digit;
            while (i < to && (digit = UriChars.hexValue(s.charAt(i))) >= 0) {
                value = (value << 4 | digit) & 0xfffff;
                i++;
            }
            if (i < to && s.charAt(i) == '.') {
                long v4 = parseIpv4(s, start, to);
                if (v4 < 0) {
                    return "bad IPv4 part in IPv6 address";
                }
                if (count > 6) {
                    return tooMany();
                }
                i = to;
                add((int) (v4 >>> 16));
                add((int) (v4 & 0xffff));
                return null;
            }
            if (i == start) {
                return i < to && s.charAt(i) != ':' ? invalid() : "empty group in IPv6 address";
            }
            if (i - start > 4) {
                return "group of more than 4 hex digits in IPv6 address";
            }
            return add(value) ? null : tooMany();
        }

        /** Reads the ':' after a group, or the "::" that stands for the missing groups. */
        private String separator() {
            if (s.charAt(i) != ':') {
                return invalid();
            }
            i++;
            if (i == to) {
                return "IPv6 address ends with a single ':'";
            }
            if (s.charAt(i) == ':') {
                if (gap >= 0) {
                    return "more than one \"::\" in IPv6 address";
                }
                gap = count;
                i = skipThirdColon(s, i + 1, to);
            }
            return null;
        }

        private boolean add(int group) {
            if (count == 8) {
                return false;
            }
            groups[count++] = group;
            return true;
        }

        private String tooMany() {
            return "too many groups in IPv6 address";
        }

        private String invalid() {
            return "invalid character " + UriChars.show(s.charAt(i)) + " in IPv6 address";
        }

        /** Expands "::" and writes the 128 bits; returns what is wrong, or null. */
        String finish(long[] out) {
            if (gap < 0 && count != 8) {
                return "IPv6 address needs 8 groups or \"::\"";
            }
            if (gap >= 0) {
                if (count == 8) {
                    return "\"::\" in an IPv6 address of 8 groups";
                }
                int tail = count - gap;
                System.arraycopy(groups, gap, groups, 8 - tail, tail);
                Arrays.fill(groups, gap, 8 - tail, 0);
            }
            out[0] = (long) groups[0] << 48 | (long) groups[1] << 32 | (long) groups[2] << 16 | groups[3];
            out[1] = (long) groups[4] << 48 | (long) groups[5] << 32 | (long) groups[6] << 16 | groups[7];
            return null;
        }
    }

    /** After "::" at {@code i}: skips a third ':' when a dotted quad follows it (RFC 5118 §4.10). */
    private static int skipThirdColon(String s, int i, int to) {
        if (i < to && s.charAt(i) == ':' && parseIpv4(s, i + 1, to) >= 0) {
            return i + 1;
        }
        return i;
    }
}
