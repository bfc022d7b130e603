package org.parley.testkit.baresip;

import java.util.Objects;

/**
 * A SIP MESSAGE (RFC 3428) baresip received and printed. Immutable.
 *
 * @param peer the sender as baresip printed it (the From URI)
 * @param text the message body
 */
public record BaresipMessage(String peer, String text) {
    /** Checks the members are present. */
    public BaresipMessage {
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(text, "text");
    }
}
