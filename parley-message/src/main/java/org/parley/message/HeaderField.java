package org.parley.message;

import java.util.Objects;

/**
 * One header line of a message: the name as it was written (long or compact form, its own case)
 * and the value with folded lines joined and surrounding whitespace removed (RFC 3261 §7.3.1).
 * Immutable.
 *
 * @param name the header name as written
 * @param value the field value, unfolded and trimmed
 */
public record HeaderField(String name, String value) {
    /** Checks that both parts are present and that the value has no line break. */
    public HeaderField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (!Syntax.isToken(name)) {
            throw new IllegalArgumentException("header name must be a token, was \"" + name + "\"");
        }
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("header value must not contain CR or LF, was \"" + value + "\"");
        }
    }

    /** The header this line belongs to (known constant or an extension name). */
    public HeaderName headerName() {
        return HeaderName.of(name);
    }
}
