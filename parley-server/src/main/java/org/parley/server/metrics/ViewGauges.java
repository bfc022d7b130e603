package org.parley.server.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.parley.proxy.location.LocationCounts;
import org.parley.server.admin.ServerView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gauges over a {@link ServerView}: registrations (addresses-of-record and bindings), live transactions
 * and active calls. The view answers counts from stores with futures, and a gauge must answer at once, so
 * the values are read by {@link #refresh(Duration)} — which {@link ServerMetrics#scrape()} calls before each
 * scrape, waiting a bounded time — and the gauges report the last values read; NaN until the first read
 * and after a read that failed or took too long, so a stalled store shows as a gap, not a stale number.
 *
 * <p>Thread-safe: the values are volatile; concurrent refreshes each write whole values.
 */
public final class ViewGauges {
    private static final Logger LOG = LoggerFactory.getLogger(ViewGauges.class);

    private final ServerView view;
    private volatile double aors = Double.NaN;
    private volatile double bindings = Double.NaN;
    private volatile double liveTransactions = Double.NaN;
    private volatile double calls = Double.NaN;

    /** Registers the gauges for {@code view} on {@code registry}. */
    public ViewGauges(ServerView view, MeterRegistry registry) {
        this.view = Objects.requireNonNull(view, "view");
        Gauge.builder("parley.registrations.aors", this, g -> g.aors)
                .description("Addresses-of-record with at least one live binding (RFC 3261 §10)").register(registry);
        Gauge.builder("parley.registrations.bindings", this, g -> g.bindings)
                .description("Live bindings (registered contacts) over all addresses-of-record").register(registry);
        Gauge.builder("parley.transactions.live", this, g -> g.liveTransactions)
                .description("Client and server transactions live now (RFC 3261 §17)").register(registry);
        Gauge.builder("parley.calls.active", this, g -> g.calls)
                .description("Calls (INVITE dialogs, RFC 3261 §12) the server tracks now").register(registry);
    }

    /**
     * Reads the view's counts, waiting at most {@code wait} for each of the two that come as futures (both
     * are asked for at once, so the whole wait is about {@code wait} unless the first is slow).
     */
    public void refresh(Duration wait) {
        long nanos = wait.toNanos();
        CompletableFuture<LocationCounts> counts = view.registrationCounts();
        CompletableFuture<Integer> live = view.liveTransactions();
        calls = view.calls().size();
        LocationCounts c = await(counts, nanos, "registration counts");
        aors = c == null ? Double.NaN : c.addressesOfRecord();
        bindings = c == null ? Double.NaN : c.bindings();
        Integer n = await(live, nanos, "live transactions");
        liveTransactions = n == null ? Double.NaN : n;
    }

    private static <T> T await(CompletableFuture<T> future, long nanos, String what) {
        try {
            return future.get(nanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            LOG.warn("metrics: no {} within the scrape's wait", what);
        } catch (ExecutionException e) {
            LOG.warn("metrics: {} failed: {}", what, e.getCause().toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return null;
    }
}
