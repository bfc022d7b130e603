package org.parley.proxy.auth;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Where subscribers and their HA1 hashes live (SPI): read by {@link DigestServer} for every request
 * it checks, written by administration ({@code ./parley user add|passwd|remove|list}). Implementations:
 * {@link MemorySubscriberStore} here; SQLite and PostgreSQL later.
 *
 * <p>Every method returns at once with a future (shared stores do I/O off the event loops); a failed
 * future means the store could not answer. Implementations are thread-safe.
 */
public interface SubscriberStore {
    /** The subscriber {@code user} of {@code realm}; empty when there is none. */
    CompletableFuture<Optional<Subscriber>> find(String user, String realm);

    /** Adds the subscriber, or replaces the one with the same user and realm (a password change). */
    CompletableFuture<Void> put(Subscriber subscriber);

    /** Removes the subscriber; true when there was one. */
    CompletableFuture<Boolean> remove(String user, String realm);

    /** Every subscriber of {@code realm} ("" for all realms), ordered by realm then user. */
    CompletableFuture<List<Subscriber>> list(String realm);
}
