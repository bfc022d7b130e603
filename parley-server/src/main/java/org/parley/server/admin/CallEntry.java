package org.parley.server.admin;

import java.time.Instant;
import java.util.Objects;

/**
 * One call the server tracks (an INVITE dialog, RFC 3261 §12) as the admin API lists it. Immutable.
 *
 * @param callId the Call-ID
 * @param from the caller's From URI
 * @param to the callee's To URI
 * @param started when the INVITE arrived
 */
public record CallEntry(String callId, String from, String to, Instant started) {
    /** Checks the parts. */
    public CallEntry {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(started, "started");
    }
}
