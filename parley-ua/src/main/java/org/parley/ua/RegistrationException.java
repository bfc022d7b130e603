package org.parley.ua;

import java.io.Serial;
import java.util.Optional;
import org.parley.message.SipResponse;

/**
 * A REGISTER that did not get its binding made, refreshed or removed: the registrar's final
 * non-2xx response (a 403, a 423 still too short after one retry, the 408 or 503 the transaction
 * layer makes for a timeout or transport error), or why the request could not be sent at all.
 */
public final class RegistrationException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** Not serialized: responses are not. */
    private final transient SipResponse response;

    RegistrationException(String message, SipResponse response) {
        super(message);
        this.response = response;
    }

    RegistrationException(String message, Throwable cause) {
        super(message, cause);
        this.response = null;
    }

    /** The final response that refused the REGISTER; empty when it never left (see the cause). */
    public Optional<SipResponse> response() {
        return Optional.ofNullable(response);
    }

    /** The status of that response; 0 when there is none. */
    public int status() {
        return response == null ? 0 : response.statusCode();
    }
}
