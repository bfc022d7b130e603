package org.parley.transport;

import java.util.Objects;
import org.parley.message.SipMessage;

/**
 * A message the transport layer received, with where it came from. For a request, the top Via
 * already carries {@code received} and a filled {@code rport} where RFC 3261 §18.2.1 and RFC 3581
 * §4 ask for them. Immutable.
 *
 * @param message the message
 * @param source where it came from
 */
public record Inbound(SipMessage message, Source source) {
    /** Checks the parts. */
    public Inbound {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(source, "source");
    }
}
