package org.parley.proxy.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.ua.auth.DigestAlgorithm;

/**
 * What every {@link SubscriberStore} must do, run by each implementation's test (memory, PostgreSQL,
 * …): HA1 hashes per algorithm round-trip (RFC 7616 §3.4.2), a put replaces the whole subscriber, users
 * and realms compare exactly, and lists come ordered by realm then user.
 */
public abstract class SubscriberStoreContract {
    /** Waits on a store's future at most this long: a store that hangs fails the test instead. */
    protected static final long WAIT_SECONDS = 10;
    private static final List<DigestAlgorithm> ALL = List.of(DigestAlgorithm.MD5, DigestAlgorithm.SHA_256,
            DigestAlgorithm.SHA_512_256);

    private SubscriberStore store;

    /** A new, empty store. */
    protected abstract SubscriberStore newStore();

    /** Releases what {@link #newStore} opened. */
    protected void closeStore(SubscriberStore opened) {
    }

    @BeforeEach
    void openStore() {
        store = newStore();
    }

    @AfterEach
    void releaseStore() {
        closeStore(store);
    }

    protected SubscriberStore store() {
        return store;
    }

    protected static <T> T await(CompletableFuture<T> future) {
        return future.orTimeout(WAIT_SECONDS, TimeUnit.SECONDS).join();
    }

    @Test
    void aSubscriberRoundTripsWithTheHashOfEveryAlgorithm() {
        Subscriber alice = Subscriber.withPassword("alice", "example.com", "secret", ALL);
        await(store.put(alice));
        Optional<Subscriber> found = await(store.find("alice", "example.com"));
        assertThat(found).hasValue(alice);
        assertThat(found.orElseThrow().userRealmHash(DigestAlgorithm.SHA_256_SESS))
                .isEqualTo(alice.userRealmHash(DigestAlgorithm.SHA_256));
    }

    @Test
    void anUnknownUserOrRealmIsEmpty() {
        await(store.put(Subscriber.withPassword("alice", "example.com", "secret", ALL)));
        assertThat(await(store.find("bob", "example.com"))).isEmpty();
        assertThat(await(store.find("alice", "example.org"))).isEmpty();
    }

    @Test
    void usersAndRealmsCompareExactly() {
        await(store.put(Subscriber.withPassword("alice", "example.com", "secret", ALL)));
        assertThat(await(store.find("Alice", "example.com"))).isEmpty();
        assertThat(await(store.find("alice", "Example.com"))).isEmpty();
    }

    @Test
    void aPutReplacesEveryHashAndDropsAlgorithmsNoLongerGiven() {
        await(store.put(Subscriber.withPassword("alice", "example.com", "old", ALL)));
        Subscriber changed = Subscriber.withPassword("alice", "example.com", "new", List.of(DigestAlgorithm.SHA_256));
        await(store.put(changed));
        Subscriber found = await(store.find("alice", "example.com")).orElseThrow();
        assertThat(found).isEqualTo(changed);
        assertThat(found.userRealmHash(DigestAlgorithm.MD5)).isEmpty();
    }

    @Test
    void aSubscriberWithoutHashesIsKept() {
        await(store.put(new Subscriber("locked", "example.com", Map.of())));
        assertThat(await(store.find("locked", "example.com"))).hasValueSatisfying(s -> assertThat(s.ha1()).isEmpty());
    }

    @Test
    void removeSaysWhetherThereWasOne() {
        await(store.put(Subscriber.withPassword("alice", "example.com", "secret", ALL)));
        assertThat(await(store.remove("alice", "example.com"))).isTrue();
        assertThat(await(store.remove("alice", "example.com"))).isFalse();
        assertThat(await(store.find("alice", "example.com"))).isEmpty();
    }

    @Test
    void listsByRealmThenUserAndFiltersByRealm() {
        for (String user : List.of("carol", "alice", "bob")) {
            await(store.put(Subscriber.withPassword(user, "b.example.com", "pw", ALL)));
        }
        await(store.put(Subscriber.withPassword("zed", "a.example.com", "pw", ALL)));
        assertThat(await(store.list(""))).extracting(s -> s.realm() + "/" + s.user()).containsExactly(
                "a.example.com/zed", "b.example.com/alice", "b.example.com/bob", "b.example.com/carol");
        assertThat(await(store.list("b.example.com"))).extracting(Subscriber::user)
                .containsExactly("alice", "bob", "carol");
        assertThat(await(store.list("c.example.com"))).isEmpty();
    }

    @Test
    void namesBeyondAsciiRoundTrip() {
        Subscriber jose = Subscriber.withPassword("josé+ü'\"x", "exämple.com", "pässwörd", ALL);
        await(store.put(jose));
        assertThat(await(store.find("josé+ü'\"x", "exämple.com"))).hasValue(jose);
    }
}
