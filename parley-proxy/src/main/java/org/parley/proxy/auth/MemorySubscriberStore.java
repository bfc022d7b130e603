package org.parley.proxy.auth;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Subscribers in memory, for tests and for servers configured from a file. Futures complete before
 * the methods return. Thread-safe: a {@link ConcurrentHashMap} keyed by realm and user.
 */
public final class MemorySubscriberStore implements SubscriberStore {
    private final ConcurrentHashMap<Key, Subscriber> subscribers = new ConcurrentHashMap<>();

    @Override
    public CompletableFuture<Optional<Subscriber>> find(String user, String realm) {
        return CompletableFuture.completedFuture(Optional.ofNullable(subscribers.get(new Key(user, realm))));
    }

    @Override
    public CompletableFuture<Void> put(Subscriber subscriber) {
        Objects.requireNonNull(subscriber, "subscriber");
        subscribers.put(new Key(subscriber.user(), subscriber.realm()), subscriber);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Boolean> remove(String user, String realm) {
        return CompletableFuture.completedFuture(subscribers.remove(new Key(user, realm)) != null);
    }

    @Override
    public CompletableFuture<List<Subscriber>> list(String realm) {
        Objects.requireNonNull(realm, "realm");
        List<Subscriber> all = subscribers.values().stream()
                .filter(s -> realm.isEmpty() || s.realm().equals(realm))
                .sorted(Comparator.comparing(Subscriber::realm).thenComparing(Subscriber::user)).toList();
        return CompletableFuture.completedFuture(all);
    }

    private record Key(String user, String realm) {
        Key {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(realm, "realm");
        }
    }
}
