package org.parley.ua;

import java.time.Duration;
import java.util.Objects;
import org.parley.message.header.Contact;
import org.parley.message.uri.Uri;

/**
 * One binding a registrar reported in its 2xx to REGISTER (RFC 3261 §10.2.4): a Contact of the
 * address-of-record and how long the registrar keeps it. Immutable.
 *
 * @param contact the Contact as the registrar returned it, with its parameters
 * @param expires how long the binding lasts from the response: the Contact's expires parameter, else
 *     the response's Expires header, else the expiry this side asked for (§10.2.4)
 * @param isOurs true for the binding of this user agent's own Contact (URIs equal by §19.1.4)
 */
public record Binding(Contact contact, Duration expires, boolean isOurs) {
    /**
     * Checks the parts.
     *
     * @throws IllegalArgumentException for the wildcard contact or a negative expiry
     */
    public Binding {
        Objects.requireNonNull(contact, "contact");
        Objects.requireNonNull(expires, "expires");
        if (contact.isWildcard()) {
            throw new IllegalArgumentException("a binding names one contact, not the wildcard '*'");
        }
        if (expires.isNegative()) {
            throw new IllegalArgumentException("a binding's expiry must not be negative, was " + expires);
        }
    }

    /** The contact's URI. */
    public Uri uri() {
        return contact.address().orElseThrow().uri();
    }
}
