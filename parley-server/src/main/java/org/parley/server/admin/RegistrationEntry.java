package org.parley.server.admin;

import java.util.Objects;

/**
 * One registration (binding, RFC 3261 §10.3) as the admin API lists it. Immutable.
 *
 * @param aor the address-of-record, e.g. {@code sip:alice@example.test}
 * @param contact the Contact as registered, with its parameters
 * @param expires seconds until it lapses
 * @param source where the REGISTER came from: transport, remote address and port, e.g. {@code UDP 127.0.0.1:5070}
 * @param userAgent the REGISTER's User-Agent, empty when it had none
 */
public record RegistrationEntry(String aor, String contact, long expires, String source, String userAgent) {
    /** Checks the parts. */
    public RegistrationEntry {
        Objects.requireNonNull(aor, "aor");
        Objects.requireNonNull(contact, "contact");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(userAgent, "userAgent");
        if (expires < 0) {
            throw new IllegalArgumentException("expires must be at least 0, was " + expires);
        }
    }
}
