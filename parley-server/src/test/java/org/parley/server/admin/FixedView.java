package org.parley.server.admin;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.parley.proxy.location.LocationCounts;
import org.parley.transaction.TransactionStats;

/** A server view with values the test sets. Thread-safe enough for tests: volatile fields. */
final class FixedView implements ServerView {
    volatile Health health = Health.UP;
    volatile List<RegistrationEntry> registrations = List.of();
    volatile CompletableFuture<List<RegistrationEntry>> registrationsAnswer;
    volatile int lastLimit;
    volatile List<CallEntry> calls = List.of();
    volatile int live;
    final TransactionStats stats = new TransactionStats();

    @Override
    public Health health() {
        return health;
    }

    @Override
    public CompletableFuture<List<RegistrationEntry>> registrations(int limit) {
        lastLimit = limit;
        if (registrationsAnswer != null) {
            return registrationsAnswer;
        }
        return CompletableFuture.completedFuture(registrations.stream().limit(limit).toList());
    }

    @Override
    public CompletableFuture<LocationCounts> registrationCounts() {
        return CompletableFuture.completedFuture(new LocationCounts(registrations.size(), registrations.size()));
    }

    @Override
    public CompletableFuture<Integer> liveTransactions() {
        return CompletableFuture.completedFuture(live);
    }

    @Override
    public TransactionStats transactionStats() {
        return stats;
    }

    @Override
    public List<CallEntry> calls() {
        return calls;
    }
}
