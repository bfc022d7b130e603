package org.parley.server.config;

import java.util.Locale;
import java.util.Objects;

/**
 * A domain the server is responsible for (RFC 3261 §10.3 step 1: REGISTERs for other domains are
 * refused) with the digest realm its users authenticate in (RFC 3261 §22.1). Immutable.
 *
 * @param name the domain, in lower case: a host name or an IP address
 * @param realm the realm; {@code parley user add alice@DOMAIN} stores a user in the realm DOMAIN, so
 *     the default realm is the domain itself
 */
public record DomainConfig(String name, String realm) {
    /** Checks the parts and lower-cases the name. */
    public DomainConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(realm, "realm");
        name = name.toLowerCase(Locale.ROOT);
        if (!name.matches("[a-z0-9]([a-z0-9.-]*[a-z0-9])?|\\[?[0-9a-f:.]+]?")) {
            throw new IllegalArgumentException("domain must be a host name or an IP address, was \"" + name + "\"");
        }
        if (realm.isBlank() || realm.indexOf('"') >= 0 || realm.indexOf('\\') >= 0) {
            throw new IllegalArgumentException("realm must be non-empty text without quotes or backslashes"
                    + " (RFC 3261 §25.1 quoted-string), was \"" + realm + "\"");
        }
    }

    /** A domain whose realm is its own name. */
    public static DomainConfig of(String name) {
        return new DomainConfig(name, name.toLowerCase(Locale.ROOT));
    }
}
