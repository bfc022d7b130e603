package org.parley.proxy.core;

import java.time.Instant;
import java.util.Objects;

/**
 * A call established through the proxy: a dialog created by a 2xx to an INVITE (RFC 3261 §12.1), as
 * the admin API lists it. Immutable.
 *
 * @param callId the dialog's Call-ID
 * @param fromTag the caller's tag
 * @param toTag the callee's tag (one per answered fork)
 * @param from the From URI (the caller)
 * @param to the To URI (the address called)
 * @param started when the 2xx passed through the proxy
 */
public record ActiveCall(String callId, String fromTag, String toTag, String from, String to, Instant started) {
    /** Checks the parts. */
    public ActiveCall {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(fromTag, "fromTag");
        Objects.requireNonNull(toTag, "toTag");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(started, "started");
    }
}
