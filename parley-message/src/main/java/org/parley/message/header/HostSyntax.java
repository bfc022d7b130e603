package org.parley.message.header;

/**
 * Checks the host forms header values carry (RFC 3261 §25.1 {@code host}, {@code IPv4address},
 * {@code IPv6reference}; RFC 4291 §2.2 for the IPv6 text form). Package-private: the URI package
 * has its own {@code Host} type; headers here keep hosts as the strings they were written as.
 * Stateless.
 */
final class HostSyntax {
    private HostSyntax() {
    }

    /** True for a hostname, an IPv4 address or a bracketed IPv6 reference. */
    static boolean isHost(CharSequence s) {
        int n = s.length();
        if (n > 1 && s.charAt(0) == '[') {
            return s.charAt(n - 1) == ']' && isIpv6(s, 1, n - 1);
        }
        return isHostnameOrIpv4(s, 0, n);
    }

    /**
     * True for an IPv4 address or an IPv6 address with or without brackets: the forms a Via
     * "received" parameter is met with (RFC 3261 §20.42 and RFC 5118 §4.5).
     */
    static boolean isAddress(CharSequence s) {
        int n = s.length();
        if (n > 1 && s.charAt(0) == '[') {
            return s.charAt(n - 1) == ']' && isIpv6(s, 1, n - 1);
        }
        return isIpv4(s, 0, n) || isIpv6(s, 0, n);
    }

    /**
     * True for {@code hostname / IPv4address} in {@code s[from, to)}. A name made only of digits
     * and dots must be an IPv4 address; otherwise labels are alphanumerics with inner hyphens and
     * the top label starts with a letter (RFC 3261 §25.1 toplabel). A final dot is allowed.
     */
    static boolean isHostnameOrIpv4(CharSequence s, int from, int to) {
        if (from >= to) {
            return false;
        }
        boolean numeric = true;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c != '.' && (c < '0' || c > '9')) {
                numeric = false;
                break;
            }
        }
        if (numeric) {
            return isIpv4(s, from, to);
        }
        int end = s.charAt(to - 1) == '.' ? to - 1 : to;
        int labelStart = from;
        for (int i = from; i <= end; i++) {
            if (i == end || s.charAt(i) == '.') {
                if (!isLabel(s, labelStart, i)) {
                    return false;
                }
                if (i == end) {
                    return isAlpha(s.charAt(labelStart));
                }
                labelStart = i + 1;
            }
        }
        return false;
    }

    private static boolean isLabel(CharSequence s, int from, int to) {
        if (from >= to || s.charAt(from) == '-' || s.charAt(to - 1) == '-') {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!isAlpha(c) && !isDigit(c) && c != '-') {
                return false;
            }
        }
        return true;
    }

    /** True for a dotted-quad IPv4 address in {@code s[from, to)}, each part 0..255. */
    static boolean isIpv4(CharSequence s, int from, int to) {
        int parts = 0;
        int i = from;
        while (true) {
            int start = i;
            int value = 0;
            while (i < to && isDigit(s.charAt(i)) && i - start < 3) {
                value = value * 10 + s.charAt(i) - '0';
                i++;
            }
            if (i == start || value > 255) {
                return false;
            }
            parts++;
            if (i == to) {
                return parts == 4;
            }
            if (s.charAt(i) != '.' || parts == 4) {
                return false;
            }
            i++;
        }
    }

    /**
     * True for an IPv6 address (no brackets) in {@code s[from, to)}: up to eight groups of 1..4 hex
     * digits, at most one "::", optionally ending in an IPv4 address (RFC 4291 §2.2).
     */
    static boolean isIpv6(CharSequence s, int from, int to) {
        if (to - from < 2) {
            return false;
        }
        int groups = 0;
        boolean compressed = false;
        int i = from;
        if (s.charAt(i) == ':') {
            if (s.charAt(i + 1) != ':') {
                return false;
            }
            compressed = true;
            i += 2;
            if (i == to) {
                return true;
            }
        }
        while (true) {
            int start = i;
            while (i < to && isHex(s.charAt(i))) {
                i++;
            }
            if (i < to && s.charAt(i) == '.') {
                if (!isIpv4(s, start, to)) {
                    return false;
                }
                groups += 2;
                break;
            }
            if (i == start || i - start > 4) {
                return false;
            }
            groups++;
            if (i == to) {
                break;
            }
            if (s.charAt(i) != ':' || groups > 8) {
                return false;
            }
            i++;
            if (i < to && s.charAt(i) == ':') {
                if (compressed) {
                    return false;
                }
                compressed = true;
                i++;
                if (i == to) {
                    break;
                }
            } else if (i == to) {
                return false;
            }
        }
        return compressed ? groups <= 7 : groups == 8;
    }

    static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    static boolean isAlpha(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    static boolean isHex(int c) {
        return isDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }
}
