package org.parley.transport;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import org.parley.message.HeaderName;
import org.parley.message.SipMessage;
import org.parley.message.SipRequest;
import org.parley.message.header.Via;
import org.parley.transport.resolve.Target;
import org.parley.transport.resolve.TargetSet;
import org.parley.transport.resolve.TargetsExhaustedException;

/**
 * Tries the targets of a {@link TargetSet} one after another until a send succeeds (RFC 3263 §4.3,
 * §5 for responses). A failure at the transport level (connection refused or timed out, TLS
 * handshake failed, no listener for the target's transport or address family) moves on to the next
 * target; a fault of the message itself ({@link IllegalArgumentException}: over the size bound, an
 * unsupported transport) would fail the same way everywhere and ends the attempt at once.
 *
 * <p>Stateless; the futures complete on the transport's threads.
 */
final class Failover {
    private Failover() {
    }

    /**
     * Sends a request or response along {@code targets}; a request's top Via gets the transport of
     * the target each attempt uses (RFC 3261 §18.1.1).
     */
    static CompletableFuture<Target> send(TransportLayer layer, SipMessage message, TargetSet targets) {
        Objects.requireNonNull(message, "message");
        return attempt(targets, t -> layer.send(forTransport(message, t.transport()), t));
    }

    /** Tries {@code send} on each target in turn; completes with the first that succeeded. */
    static CompletableFuture<Target> attempt(TargetSet targets, Function<Target, CompletableFuture<Void>> send) {
        Objects.requireNonNull(targets, "targets");
        CompletableFuture<Target> result = new CompletableFuture<>();
        next(targets, send, result);
        return result;
    }

    private static void next(TargetSet targets, Function<Target, CompletableFuture<Void>> send,
            CompletableFuture<Target> result) {
        Target target = targets.next().orElse(null);
        if (target == null) {
            TargetsExhaustedException exhausted = targets.exhausted();
            result.completeExceptionally(exhausted);
            return;
        }
        CompletableFuture<Void> sent;
        try {
            sent = send.apply(target);
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        sent.whenComplete((ok, error) -> {
            if (error == null) {
                result.complete(target);
                return;
            }
            Throwable cause = error instanceof CompletionException && error.getCause() != null
                    ? error.getCause() : error;
            targets.failed(target, String.valueOf(cause.getMessage()));
            if (cause instanceof IllegalArgumentException) {
                // The message itself is at fault; another target would refuse it the same way.
                result.completeExceptionally(cause);
                return;
            }
            next(targets, send, result);
        });
    }

    /** RFC 3261 §18.1.1: the top Via of a request names the transport it is sent over. */
    static SipMessage forTransport(SipMessage message, Transport transport) {
        if (!(message instanceof SipRequest request)) {
            return message;
        }
        Via top = request.topVia();
        if (Transport.of(top.transport()).equals(transport)) {
            return request;
        }
        return request.toBuilder()
                .replaceFirst(HeaderName.VIA, top.toBuilder().transport(transport.name()).build().toString())
                .build();
    }
}
