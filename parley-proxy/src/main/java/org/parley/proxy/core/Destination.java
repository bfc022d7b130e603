package org.parley.proxy.core;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.parley.message.header.Address;
import org.parley.message.uri.Uri;

/**
 * One target of the target set (RFC 3261 §16.5) and how to reach it. Immutable.
 *
 * @param requestUri the Request-URI of the copy sent to it (§16.6 step 2)
 * @param path Route values to push on top of the copy (the binding's Path, RFC 3327 §5.3), topmost first
 * @param flow the flow to send over instead of locating the next hop (RFC 5626 §5.3), when the target
 *     registered from behind a NAT or over a connection
 * @param q the target's q-value in thousandths (1000 when it gave none), for the fork order
 */
record Destination(Uri requestUri, List<Address> path, Optional<Flow> flow, int q) {
    /** Checks the parts and copies the list. */
    Destination {
        Objects.requireNonNull(requestUri, "requestUri");
        path = List.copyOf(path);
        Objects.requireNonNull(flow, "flow");
    }

    /** A target reached the plain way: by the next hop of the request (§16.6 step 7). */
    static Destination of(Uri requestUri) {
        return new Destination(requestUri, List.of(), Optional.empty(), 1000);
    }
}
