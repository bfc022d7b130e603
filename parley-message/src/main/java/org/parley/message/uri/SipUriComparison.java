package org.parley.message.uri;

import java.util.Arrays;
import org.parley.message.Parameters;

/**
 * The comparison rules of RFC 3261 §19.1.4 for the parts of two SIP URIs that need more than
 * {@code equals}: escapes, parameters and headers. Stateless.
 */
final class SipUriComparison {
    /** RFC 3261 §19.1.4: these must match when either URI has them. */
    private static final String[] ALWAYS_COMPARED = {"user", "ttl", "method", "maddr", "transport"};

    private SipUriComparison() {
    }

    /** Userinfo is case-sensitive; a character outside the reserved set equals its escape. */
    static boolean sameUserinfo(String a, String b) {
        if (a == null || b == null) {
            return a == b;
        }
        return a.equals(b) || UriEscapes.normalize(a).equals(UriEscapes.normalize(b));
    }

    /**
     * The user, ttl, method, maddr and transport parameters must be in both or in neither and then
     * match; any other parameter is compared only when both URIs have it.
     */
    static boolean sameParameters(Parameters a, Parameters b) {
        if (a.isEmpty() && b.isEmpty()) {
            return true;
        }
        for (String name : ALWAYS_COMPARED) {
            boolean inA = a.has(name);
            if (inA != b.has(name) || inA && !sameValue(name, a.getOrNull(name), b.getOrNull(name))) {
                return false;
            }
        }
        NameIndex inB = NameIndex.of(b, a.size());
        for (int i = 0; i < a.size(); i++) {
            String name = a.name(i);
            int j = isAlwaysCompared(name) ? -1 : inB.indexOf(name);
            if (j >= 0 && !sameValue(name, a.value(i).orElse(null), b.value(j).orElse(null))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The same headers, as a multiset: names ignoring case, values exactly once escapes of
     * unreserved characters are undone. Sorting keeps this O(n log n) for hostile header counts.
     */
    static boolean sameHeaders(Parameters a, Parameters b) {
        if (a.size() != b.size()) {
            return false;
        }
        if (a.isEmpty() || a.equals(b)) {
            return true;
        }
        String[] x = headerKeys(a);
        String[] y = headerKeys(b);
        Arrays.sort(x);
        Arrays.sort(y);
        return Arrays.equals(x, y);
    }

    /** "name=value" per header, normalized; '=' is reserved, so it stays escaped inside a name. */
    private static String[] headerKeys(Parameters headers) {
        String[] keys = new String[headers.size()];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = asciiLower(UriEscapes.normalize(headers.name(i))) + "="
                    + UriEscapes.normalize(headers.value(i).orElse(""));
        }
        return keys;
    }

    private static boolean isAlwaysCompared(String name) {
        for (String known : ALWAYS_COMPARED) {
            if (known.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    /** Parameter values compare ignoring case (RFC 3261 §19.1.4); maddr as a host. */
    private static boolean sameValue(String name, String a, String b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a.equalsIgnoreCase(b)) {
            return true;
        }
        if (name.equalsIgnoreCase("maddr")) {
            return Host.parse(a).equals(Host.parse(b));
        }
        return asciiEqualsIgnoreCase(UriEscapes.normalize(a), UriEscapes.normalize(b));
    }

    /**
     * A hash consistent with {@link #sameParameters}: it covers the parameters that must match when
     * present (maddr by presence only, since addresses compare by value).
     */
    static int hashOfComparedParameters(Parameters parameters) {
        if (parameters.isEmpty()) {
            return 0;
        }
        int h = 0;
        for (String name : ALWAYS_COMPARED) {
            h *= 31;
            if (parameters.has(name)) {
                String v = parameters.getOrNull(name);
                h += v == null || name.equals("maddr") ? 1 : asciiLowerHash(UriEscapes.normalize(v));
            }
        }
        return h;
    }

    /** Equal ignoring the case of ASCII letters only; other characters must be identical. */
    static boolean asciiEqualsIgnoreCase(String a, String b) {
        if (a.length() != b.length()) {
            return false;
        }
        for (int i = 0; i < a.length(); i++) {
            if (asciiLower(a.charAt(i)) != asciiLower(b.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** A hash consistent with {@link #asciiEqualsIgnoreCase}. */
    static int asciiLowerHash(String s) {
        int h = 0;
        for (int i = 0; i < s.length(); i++) {
            h = 31 * h + asciiLower(s.charAt(i));
        }
        return h;
    }

    private static String asciiLower(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                char[] chars = s.toCharArray();
                for (int k = i; k < chars.length; k++) {
                    chars[k] = asciiLower(chars[k]);
                }
                return new String(chars);
            }
        }
        return s;
    }

    private static char asciiLower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
    }
}
