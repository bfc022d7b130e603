package org.parley.proxy.location;

import java.util.Locale;
import java.util.Objects;
import org.parley.message.uri.SipUri;

/**
 * The key of the location service: an address-of-record in canonical form, {@code sip:user@domain}
 * (RFC 3261 §10.3 step 5: URI parameters dropped, escapes undone; the host in lower case because
 * host names compare ignoring case, §19.1.4). A {@code sips} To names the same record as {@code sip}:
 * the scheme says how to reach the user, not who the user is. Immutable.
 *
 * @param user the decoded user part, case kept (§19.1.4 compares users case-sensitively)
 * @param domain the host in lower case, without a port
 */
public record AddressOfRecord(String user, String domain) {
    /** Checks that both parts are present. */
    public AddressOfRecord {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(domain, "domain");
        if (user.isEmpty() || domain.isEmpty()) {
            throw new IllegalArgumentException("an address-of-record needs a user and a domain, was \""
                    + user + "@" + domain + "\"");
        }
        domain = domain.toLowerCase(Locale.ROOT);
    }

    /**
     * The record a SIP or SIPS URI names (RFC 3261 §10.3 step 5).
     *
     * @throws IllegalArgumentException when the URI has no user part
     */
    public static AddressOfRecord of(SipUri uri) {
        String user = uri.decodedUser().orElseThrow(
                () -> new IllegalArgumentException("an address-of-record needs a user part, was " + uri));
        return new AddressOfRecord(user, uri.host().text());
    }

    /**
     * Parses the canonical text {@code sip:user@domain}.
     *
     * @throws IllegalArgumentException when the text is not of that form
     */
    public static AddressOfRecord parse(String key) {
        int at = key.lastIndexOf('@');
        if (!key.startsWith("sip:") || at < 5 || at == key.length() - 1) {
            throw new IllegalArgumentException("an address-of-record key is sip:user@domain, was \"" + key + "\"");
        }
        return new AddressOfRecord(key.substring(4, at), key.substring(at + 1));
    }

    /** The canonical key, {@code sip:user@domain}: what stores index by. */
    public String key() {
        return "sip:" + user + "@" + domain;
    }

    @Override
    public String toString() {
        return key();
    }
}
