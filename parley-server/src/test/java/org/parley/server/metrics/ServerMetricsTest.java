package org.parley.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.parley.proxy.location.LocationCounts;
import org.parley.server.admin.CallEntry;
import org.parley.server.admin.Health;
import org.parley.server.admin.RegistrationEntry;
import org.parley.server.admin.ServerView;
import org.parley.transaction.TransactionStats;

/** {@link ServerMetrics} and {@link ViewGauges}: the view's figures read at scrape, a gap when a store fails. */
class ServerMetricsTest {
    /** A view whose store answers are set by the test. */
    private static final class View implements ServerView {
        volatile CompletableFuture<LocationCounts> counts = CompletableFuture.completedFuture(new LocationCounts(2, 3));
        volatile CompletableFuture<Integer> live = CompletableFuture.completedFuture(5);
        volatile List<CallEntry> calls = List.of();

        @Override
        public Health health() {
            return Health.UP;
        }

        @Override
        public CompletableFuture<List<RegistrationEntry>> registrations(int limit) {
            return CompletableFuture.completedFuture(List.of());
        }

        @Override
        public CompletableFuture<LocationCounts> registrationCounts() {
            return counts;
        }

        @Override
        public CompletableFuture<Integer> liveTransactions() {
            return live;
        }

        @Override
        public TransactionStats transactionStats() {
            return new TransactionStats();
        }

        @Override
        public List<CallEntry> calls() {
            return calls;
        }
    }

    private final View view = new View();
    private final ServerMetrics metrics = new ServerMetrics(view);

    private double sample(String text, String name) {
        return Scraped.value(text, name).orElseThrow();
    }

    @Test
    void readsTheViewsFiguresAtEachScrape() {
        view.calls = List.of(new CallEntry("c1", "sip:a@x", "sip:b@x", Instant.EPOCH));
        String text = metrics.scrape();
        assertThat(sample(text, "parley_registrations_aors")).isEqualTo(2.0);
        assertThat(sample(text, "parley_registrations_bindings")).isEqualTo(3.0);
        assertThat(sample(text, "parley_transactions_live")).isEqualTo(5.0);
        assertThat(sample(text, "parley_calls_active")).isEqualTo(1.0);
        assertThat(text).contains("process_uptime_seconds").contains("jvm_threads_live_threads");

        view.live = CompletableFuture.completedFuture(0);
        assertThat(sample(metrics.scrape(), "parley_transactions_live")).isZero();
    }

    @Test
    void showsAFailedStoreAsAGapNotAStaleNumber() {
        metrics.scrape();
        view.counts = CompletableFuture.failedFuture(new IllegalStateException("Redis is gone"));
        String text = metrics.scrape();
        assertThat(sample(text, "parley_registrations_bindings")).isNaN();
        assertThat(sample(text, "parley_transactions_live")).as("the other figures still read").isEqualTo(5.0);
    }
}
