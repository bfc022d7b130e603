package org.parley.sdp;

import java.util.Locale;

/**
 * The value of {@code a=fingerprint} (RFC 8122 §5): a hash function name and the certificate's
 * fingerprint as colon-separated upper- or lower-case hex pairs. Immutable.
 *
 * @param hashFunction e.g. {@code sha-256}
 * @param fingerprint e.g. {@code 4A:AD:B9:...}
 */
public record Fingerprint(String hashFunction, String fingerprint) {
    /** Checks the hash function token and the hex-pair syntax. */
    public Fingerprint {
        Syntax.requireToken(hashFunction, "hash function");
        if (fingerprint == null || !isHexPairs(fingerprint)) {
            throw new IllegalArgumentException("fingerprint must be colon-separated hex pairs, was \""
                + fingerprint + "\"");
        }
    }

    private static boolean isHexPairs(String s) {
        if (s.length() % 3 != 2) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = i % 3 == 2 ? c == ':' : Character.digit(c, 16) >= 0 && c < 0x80;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /**
     * Parses {@code hash-func SP fingerprint}.
     *
     * @throws SdpParseException naming the problem
     */
    public static Fingerprint parse(String value) {
        int space = value.indexOf(' ');
        if (space > 0 && Syntax.isToken(value.substring(0, space)) && isHexPairs(value.substring(space + 1))) {
            return new Fingerprint(value.substring(0, space), value.substring(space + 1));
        }
        throw SdpParseException.badValue("fingerprint", "expected \"<hash> <XX:XX:...>\", got \"" + value + "\"");
    }

    /** The fingerprint's bytes. */
    public byte[] bytes() {
        byte[] out = new byte[(fingerprint.length() + 1) / 3];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(fingerprint.substring(3 * i, 3 * i + 2).toLowerCase(Locale.ROOT), 16);
        }
        return out;
    }

    /** The attribute value. */
    @Override
    public String toString() {
        return hashFunction + ' ' + fingerprint;
    }
}
