package org.parley.server.admin;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.parley.proxy.location.LocationCounts;
import org.parley.transaction.TransactionStats;

/**
 * What the admin API and the metrics read of a running server (SPI): its health, its registrations,
 * transactions and calls. {@code ParleyServer} implements it; tests implement it with fixed values.
 *
 * <p>Implementations are thread-safe: the admin server calls them on its virtual threads and the
 * metrics on the scraping thread, at any time, concurrently. Methods that reach a store answer with a
 * future; the callers bound their wait.
 */
public interface ServerView {
    /** Where the server is in its life, for {@code /health}. */
    Health health();

    /**
     * Up to {@code limit} live registrations (bindings), in the store's order of addresses-of-record
     * (RFC 3261 §10); see {@link StoreRegistrations} for a location store's.
     */
    CompletableFuture<List<RegistrationEntry>> registrations(int limit);

    /** How many addresses-of-record and live bindings are registered. */
    CompletableFuture<LocationCounts> registrationCounts();

    /** The transactions live now (RFC 3261 §17), client and server. */
    CompletableFuture<Integer> liveTransactions();

    /** The transaction layer's counters. */
    TransactionStats transactionStats();

    /** The calls (INVITE dialogs, RFC 3261 §12) the server tracks now, a snapshot; empty when it tracks none. */
    List<CallEntry> calls();
}
