package org.parley.transaction;

import java.util.Objects;

/**
 * Told when transactions finish, for metrics and access logs (SPI): when a server transaction sends
 * its final response (RFC 3261 §17.2.1, §17.2.2) and when a client transaction learns its outcome —
 * the first final response, or the synthetic 408 or 503 of a timeout or transport error (§8.1.3.1).
 * Durations are measured on the lane's clock ({@link Lane#nanoTime()}): real time on an
 * {@link EventLoopLane}, virtual time on a {@link VirtualLane}.
 *
 * <p>Called on the transaction's lane, once per transaction, with no object made for the call: an
 * implementation must return quickly, never block and not throw (an exception it throws is logged and
 * ignored). The transaction may be read during the call only.
 */
public interface TransactionObserver {
    /** The observer that does nothing, the default of {@link TransactionConfig}. */
    TransactionObserver NONE = new TransactionObserver() {
        @Override
        public void onServerAnswered(ServerTransaction transaction, int status, long durationNanos) {
            // Nothing to observe.
        }

        @Override
        public void onClientCompleted(ClientTransaction transaction, int status, long durationNanos) {
            // Nothing to observe.
        }

        @Override
        public String toString() {
            return "NONE";
        }
    };

    /**
     * A server transaction sent its final response (200..699), {@code durationNanos} after its request
     * arrived. Not called for the 2xx retransmissions an INVITE server transaction passes on in Accepted
     * (RFC 6026 §8.7).
     */
    void onServerAnswered(ServerTransaction transaction, int status, long durationNanos);

    /**
     * A client transaction got its first final response, or ended with a synthetic 408 (Timer B or F)
     * or 503 (transport error), {@code durationNanos} after it started.
     */
    void onClientCompleted(ClientTransaction transaction, int status, long durationNanos);

    /**
     * An observer that tells this one, then {@code next} (e.g. metrics, then the access log); made once,
     * when the layer is configured. An exception from this one does not keep {@code next} from being told.
     */
    default TransactionObserver andThen(TransactionObserver next) {
        Objects.requireNonNull(next, "next");
        TransactionObserver first = this;
        return new TransactionObserver() {
            @Override
            public void onServerAnswered(ServerTransaction transaction, int status, long durationNanos) {
                try {
                    first.onServerAnswered(transaction, status, durationNanos);
                } finally {
                    next.onServerAnswered(transaction, status, durationNanos);
                }
            }

            @Override
            public void onClientCompleted(ClientTransaction transaction, int status, long durationNanos) {
                try {
                    first.onClientCompleted(transaction, status, durationNanos);
                } finally {
                    next.onClientCompleted(transaction, status, durationNanos);
                }
            }
        };
    }
}
