package org.parley.proxy.core;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.parley.message.SipResponse;

/**
 * The calls established through the proxy (dialogs made by a 2xx to an INVITE, RFC 3261 §12.1),
 * for {@link Proxy#calls()}: added when the 2xx is forwarded, removed when a BYE of the dialog gets
 * its final response, or when older than the configured maximum age (a BYE that never came).
 *
 * <p>Thread-safe: a concurrent map keyed by Call-ID and tags; each lane touches its own calls'
 * entries, the admin thread reads a snapshot.
 */
final class Calls {
    private record Key(String callId, String fromTag, String toTag) {
    }

    /** Pruning of calls past their age runs at most this often (on an add). */
    private static final Duration PRUNE_EVERY = Duration.ofMinutes(1);

    private final ConcurrentHashMap<Key, ActiveCall> calls = new ConcurrentHashMap<>();
    private final InstantSource clock;
    private final Duration maxAge;
    private volatile Instant nextPrune;

    Calls(InstantSource clock, Duration maxAge) {
        this.clock = clock;
        this.maxAge = maxAge;
        this.nextPrune = clock.instant().plus(PRUNE_EVERY);
    }

    /** A 2xx to an INVITE passed: the dialog it made is a call (a retransmission changes nothing). */
    void established(SipResponse ok) {
        String fromTag = ok.fromTag().orElse("");
        String toTag = ok.toTag().orElse("");
        Key key = new Key(ok.callId(), fromTag, toTag);
        if (calls.containsKey(key)) {
            return;
        }
        Instant now = clock.instant();
        calls.putIfAbsent(key, new ActiveCall(ok.callId(), fromTag, toTag, ok.from().uri().toString(),
                ok.to().uri().toString(), now));
        if (now.isAfter(nextPrune)) {
            nextPrune = now.plus(PRUNE_EVERY);
            prune(now);
        }
    }

    /** A BYE of the dialog {@code callId} between these tags (either way round) got its final response. */
    void ended(String callId, String tagA, String tagB) {
        if (calls.remove(new Key(callId, tagA, tagB)) == null) {
            calls.remove(new Key(callId, tagB, tagA));
        }
    }

    private void prune(Instant now) {
        Instant oldest = now.minus(maxAge);
        calls.values().removeIf(c -> c.started().isBefore(oldest));
    }

    /** The calls now, oldest first. */
    List<ActiveCall> snapshot() {
        prune(clock.instant());
        return calls.values().stream().sorted(Comparator.comparing(ActiveCall::started)
                .thenComparing(ActiveCall::callId)).toList();
    }
}
