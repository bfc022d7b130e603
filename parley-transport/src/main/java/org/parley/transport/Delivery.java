package org.parley.transport;

import java.time.InstantSource;
import java.util.Optional;
import org.parley.message.SipMessage;
import org.parley.message.SipParseException;
import org.parley.message.SipRequest;
import org.parley.transport.internal.BadRequestAnswer;
import org.parley.transport.internal.ViaStamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every listener does with bytes it received: stamp a request's top Via (RFC 3261 §18.2.1),
 * hand the message to the handler, and turn a malformed request into the answer it deserves.
 * Thread-safe: stateless but for counters and the rate limit of its warning.
 */
final class Delivery {
    private static final Logger LOG = LoggerFactory.getLogger(Delivery.class);
    /** At most one warning about malformed input every ten seconds (STYLE.md §8: rate-limited). */
    private static final long WARN_INTERVAL_MILLIS = 10_000;

    private final InboundHandler handler;
    private final TransportStats stats;
    private final InstantSource clock;
    private volatile long lastWarning = Long.MIN_VALUE / 2;

    Delivery(InboundHandler handler, TransportStats stats, InstantSource clock) {
        this.handler = handler;
        this.stats = stats;
        this.clock = clock;
    }

    /** Delivers a parsed message; a request whose top Via is broken is refused like a malformed one. */
    Optional<byte[]> deliver(SipMessage message, Source source, byte[] bytes) {
        SipMessage delivered = message;
        if (message instanceof SipRequest request) {
            try {
                delivered = ViaStamp.stamp(request, source.remote());
            } catch (SipParseException e) {
                return malformed(bytes, e, source);
            }
        }
        stats.received.increment();
        try {
            handler.onMessage(new Inbound(delivered, source));
        } catch (RuntimeException e) {
            stats.handlerFailures.increment();
            LOG.error("inbound handler failed on a message from {}", source.remote(), e);
        }
        return Optional.empty();
    }

    /** Counts a stream connection closed for being idle. */
    void countIdleClose() {
        stats.idleClosed.increment();
    }

    /** Counts a failed TLS handshake; the connection closes. */
    void countHandshakeFailure(Source source, Throwable cause) {
        stats.tlsHandshakeFailures.increment();
        LOG.debug("TLS handshake with {} failed: {}", source.remote(), cause.getMessage());
    }

    /** Counts a keep-alive ping answered with a pong. */
    void countPing() {
        stats.keepAlivePings.increment();
    }

    /** Counts a malformed message and returns the answer to send, if one can be addressed. */
    Optional<byte[]> malformed(byte[] bytes, SipParseException error, Source source) {
        stats.malformed.increment();
        long now = clock.millis();
        if (now - lastWarning > WARN_INTERVAL_MILLIS) {
            lastWarning = now;
            LOG.warn("malformed message from {} over {}: {} (further ones are counted, logged at most every 10 s)",
                    source.remote(), source.transport(), error.reason());
        }
        Optional<byte[]> answer = bytes == null ? Optional.empty() : BadRequestAnswer.of(bytes, error);
        answer.ifPresent(a -> stats.answeredMalformed.increment());
        return answer;
    }
}
