package org.parley.server.admin;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.parley.proxy.location.AddressOfRecord;
import org.parley.proxy.location.Binding;
import org.parley.proxy.location.LocationStore;
import org.parley.transport.Source;

/**
 * The registrations of a {@link LocationStore} as the admin API lists them, for
 * {@link ServerView#registrations(int)}: the first addresses-of-record in the store's key order, each
 * with its live bindings (RFC 3261 §10.3), until {@code limit} bindings. One page of records and one
 * lookup per record, chained on the store's futures: nothing blocks. Thread-safe (stateless over a
 * thread-safe store).
 */
public final class StoreRegistrations {
    private final LocationStore store;
    private final InstantSource clock;

    /** Lists the bindings of {@code store}, their remaining time measured on {@code clock}. */
    public StoreRegistrations(LocationStore store, InstantSource clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Up to {@code limit} live bindings (1 or more). */
    public CompletableFuture<List<RegistrationEntry>> list(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        return store.addressesOfRecord("", limit).thenCompose(aors -> {
            List<CompletableFuture<List<Binding>>> lookups = new ArrayList<>(aors.size());
            for (AddressOfRecord aor : aors) {
                lookups.add(store.lookup(aor));
            }
            return CompletableFuture.allOf(lookups.toArray(CompletableFuture<?>[]::new))
                    .thenApply(done -> entries(lookups, limit));
        });
    }

    private List<RegistrationEntry> entries(List<CompletableFuture<List<Binding>>> lookups, int limit) {
        List<RegistrationEntry> out = new ArrayList<>();
        for (CompletableFuture<List<Binding>> lookup : lookups) {
            for (Binding b : lookup.join()) {
                if (out.size() == limit) {
                    return List.copyOf(out);
                }
                if (!b.isExpiredAt(clock.instant())) {
                    out.add(entry(b));
                }
            }
        }
        return List.copyOf(out);
    }

    private RegistrationEntry entry(Binding b) {
        return new RegistrationEntry(b.aor().key(), b.contact().toString(), b.remainingSeconds(clock.instant()),
                describe(b.source()), b.userAgent().orElse(""));
    }

    /** A source as the API shows it: {@code UDP 127.0.0.1:5070}, IPv6 in brackets. */
    static String describe(Source source) {
        String host = source.remote().getAddress() == null ? source.remote().getHostString()
                : source.remote().getAddress().getHostAddress();
        if (host.indexOf(':') >= 0) {
            host = "[" + host + "]";
        }
        return source.transport().name() + " " + host + ":" + source.remote().getPort();
    }
}
