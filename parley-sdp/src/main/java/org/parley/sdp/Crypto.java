package org.parley.sdp;

/**
 * The value of {@code a=crypto} (SDES, RFC 4568 §9.1): a tag, a crypto suite such as
 * {@code AES_CM_128_HMAC_SHA1_80}, the key parameters (e.g. {@code inline:<base64 key||salt>}) and
 * optional session parameters, kept as written. Immutable.
 *
 * @param tag the decimal tag, 0..999999999
 * @param suite the crypto suite
 * @param keyParams the key parameters (no spaces)
 * @param sessionParams the session parameters, or the empty string
 */
public record Crypto(int tag, String suite, String keyParams, String sessionParams) {
    /** Checks the tag and that the fields have no spaces where the grammar has none. */
    public Crypto {
        if (tag < 0 || tag > 999_999_999) {
            throw new IllegalArgumentException("crypto tag must be 0..999999999, was " + tag);
        }
        Syntax.requireNonWhitespace(suite, "crypto suite");
        Syntax.requireNonWhitespace(keyParams, "crypto key parameters");
        Syntax.requireText(sessionParams, "crypto session parameters");
    }

    /**
     * Parses {@code tag SP suite SP key-params *(SP session-param)}.
     *
     * @throws SdpParseException naming the problem
     */
    public static Crypto parse(String value) {
        String[] parts = value.split(" ", 4);
        long tag = parts.length >= 3 ? Syntax.number(parts[0], 9) : -1;
        if (tag < 0 || !Syntax.isNonWhitespace(parts[1]) || !Syntax.isNonWhitespace(parts[2])) {
            throw SdpParseException.badValue("crypto",
                "expected \"<tag> <suite> <key params> [session params]\", got \"" + value + "\"");
        }
        return new Crypto((int) tag, parts[1], parts[2], parts.length == 4 ? parts[3] : "");
    }

    /** The attribute value. */
    @Override
    public String toString() {
        String base = tag + " " + suite + ' ' + keyParams;
        return sessionParams.isEmpty() ? base : base + ' ' + sessionParams;
    }
}
