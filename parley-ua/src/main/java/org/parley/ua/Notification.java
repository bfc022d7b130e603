package org.parley.ua;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import org.parley.message.SipRequest;
import org.parley.message.header.MediaType;
import org.parley.message.header.SubscriptionState;

/**
 * A NOTIFY received within a {@link Subscription} (RFC 6665 §4.1.3): the state of the subscription
 * it reports and the event package's body. Immutable.
 *
 * @param state the Subscription-State header: active, pending or terminated, with expires or reason
 * @param request the NOTIFY as received, for the Event header and any other
 */
public record Notification(SubscriptionState state, SipRequest request) {
    /** Checks the parts. */
    public Notification {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(request, "request");
    }

    /** The body's type; empty for a NOTIFY without a body. */
    public Optional<MediaType> contentType() {
        return request.contentType();
    }

    /** The body's bytes (the state of the resource in the event package's format). */
    public byte[] body() {
        return request.body();
    }

    /** The body as text: in the type's charset when it names one, UTF-8 otherwise. */
    public String text() {
        Optional<String> charset = contentType().flatMap(t -> t.parameters().get("charset"));
        try {
            return new String(request.body(), charset.map(Charset::forName).orElse(StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return new String(request.body(), StandardCharsets.UTF_8);
        }
    }
}
