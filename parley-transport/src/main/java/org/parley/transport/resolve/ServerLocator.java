package org.parley.transport.resolve;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.parley.message.uri.SipUri;

/**
 * SPI: finds where to send a request for a SIP or SIPS URI (RFC 3263 §4).
 *
 * <p>The result is the ordered list of targets to try. The caller sends to the first; when that
 * attempt fails with a transport error or a timeout (a transaction timeout, or the transport
 * failure RFC 3261 §8.1.3.1 reports as 503), it tries the next, and so on until one answers or the
 * list is exhausted (RFC 3263 §4.3). Any response, even an error response, ends the failover: the
 * next target is tried only when the current one could not be reached.
 *
 * <p>Implementations are thread-safe and never block the calling thread; the future completes on
 * an implementation thread, so callers must not run blocking work in its callbacks. A failed lookup
 * completes the future exceptionally with a {@link LocationException}.
 */
@FunctionalInterface
public interface ServerLocator {
    /**
     * Locates the servers for {@code uri}.
     *
     * @param uri a {@code sip} or {@code sips} URI, e.g. a Request-URI or the top Route
     * @return a future of a non-empty ordered list of targets, or failed with {@link LocationException}
     */
    CompletableFuture<List<Target>> locate(SipUri uri);
}
