package org.parley.transport.resolve;

import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A bounded cache of one record type's answers, each kept for its TTL (RFC 1035 §3.2.1, RFC 2181
 * §5.2: an RRset's TTL is its smallest). An empty list is a negative answer (NXDOMAIN or NODATA),
 * kept for the TTL RFC 2308 §5 gives it. Least recently used entries go first when full, negative
 * ones included, so the bound holds whatever a peer makes us look up. Guarded by the lock on
 * {@code this}.
 *
 * @param <T> the decoded record type
 */
final class RecordCache<T> {
    private record Cached<T>(List<T> records, Instant expires) { }

    private final InstantSource clock;
    private final int maxEntries;
    private final Map<String, Cached<T>> entries;

    RecordCache(InstantSource clock, int maxEntries) {
        this.clock = clock;
        this.maxEntries = maxEntries;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Cached<T>> eldest) {
                return size() > RecordCache.this.maxEntries;
            }
        };
    }

    synchronized Optional<List<T>> get(String key) {
        Cached<T> e = entries.get(key);
        if (e == null) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(e.expires())) {
            entries.remove(key);
            return Optional.empty();
        }
        return Optional.of(e.records());
    }

    synchronized void put(String key, List<T> records, long ttlSeconds) {
        if (maxEntries == 0 || ttlSeconds <= 0) {
            return;
        }
        entries.put(key, new Cached<>(List.copyOf(records), clock.instant().plusSeconds(ttlSeconds)));
    }
}
