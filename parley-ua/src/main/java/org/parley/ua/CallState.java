package org.parley.ua;

/**
 * Where a {@link Call} stands, seen from this user agent (RFC 3261 §12, §13):
 *
 * <pre>
 *   CALLING ──18x with To tag / ring()──► EARLY ──2xx (+ ACK)──► ESTABLISHED ──BYE──► ENDED
 *      └───────────────2xx (+ ACK)──────────────────▲                                  ▲
 *      └── CANCEL, error status, timeout ─────────────────────────────────────────────┘
 * </pre>
 *
 * An outgoing call is established when it sends the ACK for the 2xx; an incoming one when the ACK
 * for its 2xx arrives (RFC 3261 §13.3.1.4).
 */
public enum CallState {
    /** The INVITE was sent (outgoing) or received (incoming); no early dialog yet. */
    CALLING,
    /** A provisional response with a To tag made an early dialog (RFC 3261 §12.1): ringing. */
    EARLY,
    /** The 2xx was answered with its ACK: the session is up. */
    ESTABLISHED,
    /** Over: {@link Call#ended()} says why. */
    ENDED
}
