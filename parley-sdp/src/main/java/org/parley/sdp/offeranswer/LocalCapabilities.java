package org.parley.sdp.offeranswer;

import java.util.List;
import java.util.Objects;

/**
 * A user agent's side of a session: the username and address for {@code o=} and {@code c=}, the session
 * name, and one {@link MediaCapability} per stream it can run. Immutable.
 *
 * @param username the {@code o=} username, {@code "-"} when there is none to give
 * @param address the address media is received on (IPv4 or IPv6)
 * @param sessionName the {@code s=} text
 * @param media the streams, in the order offers list them
 */
public record LocalCapabilities(String username, String address, String sessionName, List<MediaCapability> media) {
    /** Checks the fields and copies the list. */
    public LocalCapabilities {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(sessionName, "sessionName");
        media = List.copyOf(media);
        if (media.isEmpty()) {
            throw new IllegalArgumentException("local capabilities need at least one media capability");
        }
    }

    /** Capabilities with username {@code "-"} and session name {@code "-"}. */
    public static LocalCapabilities of(String address, MediaCapability... media) {
        return new LocalCapabilities("-", address, "-", List.of(media));
    }
}
