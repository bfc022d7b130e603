package org.parley.ua.dialog;

/**
 * The states of a dialog (RFC 3261 §12): early after a provisional response with a To tag, confirmed
 * after a 2xx, terminated after BYE, a non-2xx final response, or a 481/408 to a request within it
 * (§12.3, §12.2.1.2).
 */
public enum DialogState {
    /** Created by a 101-199 response with a To tag (RFC 3261 §12.1). */
    EARLY,
    /** Created or confirmed by a 2xx response (RFC 3261 §12.1, §13.2.2.4). */
    CONFIRMED,
    /** Ended (RFC 3261 §12.3); no request may be sent or accepted within it any more. */
    TERMINATED
}
