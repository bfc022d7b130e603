package org.parley.transport.resolve;

/**
 * Server location found no target for a URI: the name does not exist, has no usable records, or the
 * DNS did not answer in time. The message names the host and what was tried. Unchecked (STYLE §5);
 * a client transaction turns it into a 503 (RFC 3261 §8.1.3.1, RFC 3263 §4.3).
 */
public final class LocationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message names the host and the lookups tried
     */
    public LocationException(String message) {
        super(message);
    }

    /**
     * Creates the exception with the failure that caused it, e.g. a DNS query timeout.
     *
     * @param message names the host and the lookups tried
     * @param cause   the underlying failure
     */
    public LocationException(String message, Throwable cause) {
        super(message, cause);
    }
}
