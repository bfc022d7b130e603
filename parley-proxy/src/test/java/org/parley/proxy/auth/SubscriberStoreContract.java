package org.parley.proxy.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.ua.auth.DigestAlgorithm;

/**
 * What every {@link SubscriberStore} does, whatever holds the subscribers: each implementation's test
 * extends this class and says how to make a fresh store. Subscribers are keyed by user and realm,
 * hold one HA1 per plain algorithm (RFC 7616 §3.4.2), and a put replaces the whole subscriber.
 */
public abstract class SubscriberStoreContract {
    private static final List<DigestAlgorithm> BOTH = List.of(DigestAlgorithm.SHA_256, DigestAlgorithm.MD5);

    private SubscriberStore store;

    /** A new, empty store. */
    protected abstract SubscriberStore newStore() throws Exception;

    @BeforeEach
    void openStore() throws Exception {
        store = newStore();
    }

    @AfterEach
    void closeStore() throws Exception {
        if (store instanceof AutoCloseable c) {
            c.close();
        }
    }

    @Test
    void findsWhatWasPutWithEveryHash() {
        Subscriber alice = Subscriber.withPassword("alice", "example.com", "secret", List.of(DigestAlgorithm.MD5,
                DigestAlgorithm.SHA_256, DigestAlgorithm.SHA_512_256));
        store.put(alice).join();
        assertThat(store.find("alice", "example.com").join()).hasValueSatisfying(s -> {
            assertThat(s.user()).isEqualTo("alice");
            assertThat(s.realm()).isEqualTo("example.com");
            assertThat(s.ha1()).isEqualTo(alice.ha1()).hasSize(3);
        });
    }

    @Test
    void anUnknownUserOrRealmIsEmpty() {
        store.put(Subscriber.withPassword("alice", "example.com", "secret", BOTH)).join();
        assertThat(store.find("bob", "example.com").join()).isEmpty();
        assertThat(store.find("alice", "example.org").join()).isEmpty();
        // Users compare case-sensitively (RFC 3261 §19.1.4), as the digest username does.
        assertThat(store.find("Alice", "example.com").join()).isEmpty();
    }

    @Test
    void aPutReplacesTheWholeSubscriber() {
        store.put(Subscriber.withPassword("alice", "example.com", "old", BOTH)).join();
        Subscriber changed = Subscriber.withPassword("alice", "example.com", "new", List.of(DigestAlgorithm.MD5));
        store.put(changed).join();
        assertThat(store.find("alice", "example.com").join()).get().extracting(Subscriber::ha1)
                .isEqualTo(Map.of(DigestAlgorithm.MD5, changed.ha1().get(DigestAlgorithm.MD5)));
    }

    @Test
    void removesOnlyTheNamedSubscriberAndSaysWhetherItWasThere() {
        store.put(Subscriber.withPassword("alice", "example.com", "secret", BOTH)).join();
        store.put(Subscriber.withPassword("alice", "example.org", "secret", BOTH)).join();
        assertThat(store.remove("alice", "example.com").join()).isTrue();
        assertThat(store.remove("alice", "example.com").join()).isFalse();
        assertThat(store.find("alice", "example.com").join()).isEmpty();
        assertThat(store.find("alice", "example.org").join()).isPresent();
    }

    @Test
    void listsByRealmThenUser() {
        for (String[] ur : new String[][] {{"carol", "b.example"}, {"bob", "a.example"}, {"alice", "b.example"}}) {
            store.put(Subscriber.withPassword(ur[0], ur[1], "pw", BOTH)).join();
        }
        assertThat(store.list("").join()).extracting(s -> s.user() + "@" + s.realm())
                .containsExactly("bob@a.example", "alice@b.example", "carol@b.example");
        assertThat(store.list("b.example").join()).extracting(Subscriber::user).containsExactly("alice", "carol");
        assertThat(store.list("c.example").join()).isEmpty();
    }
}
