package org.parley.proxy.location;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The location service (SPI): the bindings of each address-of-record that the registrar writes and
 * the proxy reads (RFC 3261 §10, §16.5). Implementations: {@link MemoryLocationStore} in this module;
 * SQLite, and Redis for several nodes, later.
 *
 * <p>Every method returns at once with a future, because shared stores do their I/O off the event
 * loops; a caller on an event loop must not block on it. A failed future means the store could not
 * answer (the registrar then answers 500, RFC 3261 §10.3 step 7). Implementations are thread-safe,
 * never return a lapsed binding, and remove lapsed ones on their own, without a scan of the whole
 * table.
 */
public interface LocationStore {
    /** The live bindings of {@code aor}, in the order they were first added; empty when none. */
    CompletableFuture<List<Binding>> lookup(AddressOfRecord aor);

    /**
     * Applies one REGISTER's changes atomically: reads the record, runs {@link BindingChange#applyTo}
     * on it, and writes the result only when it says {@link ChangeResult.Outcome#APPLIED}, with no other
     * change to the record in between. May answer {@link ChangeResult.Outcome#STORE_FULL} when adding
     * would pass the store's own bound.
     */
    CompletableFuture<ChangeResult> apply(BindingChange change);

    /**
     * Up to {@code limit} records with live bindings, in order of their canonical keys, starting after
     * {@code afterKey} ("" for the first page): paging for administration.
     */
    CompletableFuture<List<AddressOfRecord>> addressesOfRecord(String afterKey, int limit);

    /** How many records and live bindings the store holds. */
    CompletableFuture<LocationCounts> count();
}
