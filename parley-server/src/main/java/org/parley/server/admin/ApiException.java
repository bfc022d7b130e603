package org.parley.server.admin;

/** A request the admin API refuses: its HTTP status and a message naming the problem, sent as JSON. */
final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The HTTP status: 400, 401, 404, 405, 413 or 503. */
    final int status;
    /** For 405, the methods allowed (the Allow header, RFC 9110 §10.2.1); else empty. */
    final String allow;

    ApiException(int status, String message) {
        this(status, message, "");
    }

    ApiException(int status, String message, String allow) {
        super(message, null, false, false);
        this.status = status;
        this.allow = allow;
    }
}
