package org.parley.proxy.location;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLong;
import org.parley.proxy.location.ChangeResult.Outcome;

/**
 * The location service in memory: one map entry per address-of-record, and an index of the records
 * ordered by their earliest binding's expiry, so lapsed bindings leave in order of their deadline
 * without a scan of the table. The index holds no strings and compares by numbers: small per
 * binding and cheap on the REGISTER path. {@link #removeExpired()} removes exactly the bindings
 * due by the clock's instant; every operation calls it first (a look at the index's head when
 * nothing is due), and a server also calls it from a periodic timer so idle records leave on time.
 * Reads never return a lapsed binding even between sweeps.
 *
 * <p>Bounded: at most {@code maxBindings} bindings in all; a change that would add more answers
 * {@link Outcome#STORE_FULL}. Futures complete before the method returns: nothing here blocks.
 *
 * <p>Thread-safe: a record changes only inside {@link ConcurrentHashMap#compute} on its key (one
 * record's REGISTERs are serialized, others run in parallel); the expiry index is a concurrent
 * skip list updated in the same critical section; the total is reserved by compare-and-set.
 */
public final class MemoryLocationStore implements LocationStore {
    /** The default bound on bindings held: a million, about what 1 GiB of heap holds comfortably. */
    public static final int DEFAULT_MAX_BINDINGS = 1_000_000;

    /** By deadline, then by when the entry was made: every entry is distinct, comparing costs no allocation. */
    private static final Comparator<Due> BY_DEADLINE = Comparator.comparingLong(Due::millis)
            .thenComparingLong(Due::sequence);

    private final InstantSource clock;
    private final int maxBindings;
    private final ConcurrentHashMap<AddressOfRecord, Record> records = new ConcurrentHashMap<>();
    /** One entry per record: its earliest deadline. A record's bindings are few (a per-AOR limit). */
    private final ConcurrentSkipListSet<Due> byDeadline = new ConcurrentSkipListSet<>(BY_DEADLINE);
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLong total = new AtomicLong();

    /**
     * A store reading time from {@code clock} (the system's in production, a virtual one in tests).
     *
     * @throws IllegalArgumentException when {@code maxBindings} is below 1
     */
    public MemoryLocationStore(InstantSource clock, int maxBindings) {
        this.clock = Objects.requireNonNull(clock, "clock");
        if (maxBindings < 1) {
            throw new IllegalArgumentException("maxBindings must be at least 1, was " + maxBindings);
        }
        this.maxBindings = maxBindings;
    }

    /** A store of at most {@link #DEFAULT_MAX_BINDINGS} bindings. */
    public MemoryLocationStore(InstantSource clock) {
        this(clock, DEFAULT_MAX_BINDINGS);
    }

    @Override
    public CompletableFuture<List<Binding>> lookup(AddressOfRecord aor) {
        Objects.requireNonNull(aor, "aor");
        Instant now = clock.instant();
        removeExpired(now);
        Record stored = records.get(aor);
        if (stored == null) {
            return CompletableFuture.completedFuture(List.of());
        }
        return CompletableFuture.completedFuture(liveOf(stored.bindings(), now));
    }

    @Override
    public CompletableFuture<ChangeResult> apply(BindingChange change) {
        Objects.requireNonNull(change, "change");
        removeExpired(clock.instant());
        ChangeResult[] result = new ChangeResult[1];
        records.compute(change.aor(), (aor, stored) -> {
            List<Binding> before = stored == null ? List.of() : stored.bindings();
            ChangeResult r = change.applyTo(before);
            if (r.isApplied() && !reserve(r.bindings().size() - before.size())) {
                r = new ChangeResult(Outcome.STORE_FULL, liveOf(before, change.now()));
            }
            result[0] = r;
            if (!r.isApplied()) {
                return stored;
            }
            return replace(aor, stored, r.bindings());
        });
        return CompletableFuture.completedFuture(result[0]);
    }

    @Override
    public CompletableFuture<List<AddressOfRecord>> addressesOfRecord(String afterKey, int limit) {
        Objects.requireNonNull(afterKey, "afterKey");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        removeExpired(clock.instant());
        List<AddressOfRecord> page = records.keySet().stream().filter(a -> a.key().compareTo(afterKey) > 0)
                .sorted(Comparator.comparing(AddressOfRecord::key)).limit(limit).toList();
        return CompletableFuture.completedFuture(page);
    }

    @Override
    public CompletableFuture<LocationCounts> count() {
        removeExpired(clock.instant());
        return CompletableFuture.completedFuture(new LocationCounts(records.size(), total.get()));
    }

    /**
     * Removes every binding due by the clock's instant, in order of deadline, visiting only the
     * records that have one.
     *
     * @return how many bindings were removed
     */
    public int removeExpired() {
        return removeExpired(clock.instant());
    }

    private int removeExpired(Instant now) {
        long nowMillis = now.toEpochMilli();
        int removed = 0;
        while (!byDeadline.isEmpty()) {
            Due first;
            try {
                first = byDeadline.first();
            } catch (java.util.NoSuchElementException raced) {
                break;
            }
            if (first.millis() > nowMillis) {
                break;
            }
            removed += removeLapsed(first.aor(), now);
            // Normally replaced with its record's next deadline; an entry a concurrent change made stale goes here.
            byDeadline.remove(first);
        }
        return removed;
    }

    private int removeLapsed(AddressOfRecord aor, Instant now) {
        int[] removed = new int[1];
        records.computeIfPresent(aor, (key, stored) -> {
            List<Binding> live = liveOf(stored.bindings(), now);
            if (live.size() == stored.bindings().size()) {
                return stored;
            }
            removed[0] = stored.bindings().size() - live.size();
            total.addAndGet(-removed[0]);
            return replace(key, stored, live);
        });
        return removed[0];
    }

    /** The record that holds {@code bindings} now, indexed by its earliest deadline; null when none is left. */
    private Record replace(AddressOfRecord aor, Record old, List<Binding> bindings) {
        if (old != null) {
            byDeadline.remove(old.due());
        }
        if (bindings.isEmpty()) {
            return null;
        }
        long earliest = Long.MAX_VALUE;
        for (Binding b : bindings) {
            earliest = Math.min(earliest, b.expiresAt().toEpochMilli());
        }
        Due due = new Due(earliest, sequence.incrementAndGet(), aor);
        byDeadline.add(due);
        return new Record(bindings, due);
    }

    private static List<Binding> liveOf(List<Binding> bindings, Instant now) {
        List<Binding> live = new ArrayList<>(bindings.size());
        for (Binding b : bindings) {
            if (!b.isExpiredAt(now)) {
                live.add(b);
            }
        }
        return List.copyOf(live);
    }

    /** Reserves room for {@code delta} more bindings (or frees it when negative); false when full. */
    private boolean reserve(int delta) {
        while (true) {
            long held = total.get();
            if (delta > 0 && held + delta > maxBindings) {
                return false;
            }
            if (total.compareAndSet(held, held + delta)) {
                return true;
            }
        }
    }

    /** An address-of-record's bindings, in order, and its entry in the expiry index. */
    private record Record(List<Binding> bindings, Due due) {
    }

    /** A record's place in the expiry index: its earliest deadline, and a sequence number to tell ties apart. */
    private record Due(long millis, long sequence, AddressOfRecord aor) {
    }
}
