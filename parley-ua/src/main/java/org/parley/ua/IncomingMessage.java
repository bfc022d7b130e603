package org.parley.ua;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import org.parley.message.SipRequest;
import org.parley.message.header.Address;
import org.parley.message.header.MediaType;

/**
 * A MESSAGE received (RFC 3428 §7): who sent it, to whom, and its body. Immutable.
 *
 * @param from the sender (From)
 * @param to the addressee (To)
 * @param contentType the body's type; {@code text/plain} when the request named none
 * @param request the request as received, for any other header
 */
public record IncomingMessage(Address from, Address to, MediaType contentType, SipRequest request) {
    /** Checks the parts. */
    public IncomingMessage {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(request, "request");
    }

    /** The body's bytes. */
    public byte[] body() {
        return request.body();
    }

    /** The body as text: in the type's charset when it names one, UTF-8 otherwise (RFC 3428 §9). */
    public String text() {
        Optional<String> charset = contentType.parameters().get("charset");
        try {
            return new String(request.body(), charset.map(java.nio.charset.Charset::forName)
                    .orElse(StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return new String(request.body(), StandardCharsets.UTF_8);
        }
    }
}
