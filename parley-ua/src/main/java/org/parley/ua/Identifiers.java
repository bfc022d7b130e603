package org.parley.ua;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The random identifiers a user agent makes: tags of at least 32 random bits (RFC 3261 §19.3) and
 * Call-IDs unique in space and time (§8.1.1.4), both from {@link SecureRandom} so that no one can
 * guess them and inject requests into a dialog. Branches come from the transaction layer.
 */
final class Identifiers {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Identifiers() {
    }

    /** A From/To tag: 64 random bits in hex. */
    static String tag() {
        return hex(8);
    }

    /** A Call-ID: 128 random bits in hex, at the local host (§8.1.1.4 suggests the host). */
    static String callId(String host) {
        return hex(16) + "@" + host;
    }

    private static String hex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
