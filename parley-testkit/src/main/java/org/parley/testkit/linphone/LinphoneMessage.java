package org.parley.testkit.linphone;

import java.util.Objects;

/**
 * A SIP MESSAGE (RFC 3428) linphonec received and printed. Immutable.
 *
 * @param peer the sender's URI as linphonec printed it
 * @param text the message body
 */
public record LinphoneMessage(String peer, String text) {
    /** Checks the members are present. */
    public LinphoneMessage {
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(text, "text");
    }
}
