package org.parley.server.metrics;

import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Objects;
import org.parley.server.admin.MetricsSource;
import org.parley.server.admin.ServerView;

/**
 * The server's metrics in one place: a Prometheus registry with the SIP metrics ({@link SipMetrics}), the
 * gauges over the server ({@link ViewGauges}) and the JVM's memory, threads, CPU and uptime; the
 * {@link MetricsSource} of {@code /metrics}.
 *
 * <p>Wiring: make it with the server's view; give {@link #sip()} to {@link MeteredTransportLayer} and, as
 * the {@link org.parley.transaction.TransactionObserver}, to the transaction configuration; call
 * {@code sip().bindTransactions(layer.stats())} once the transaction layer exists.
 *
 * <p>Thread-safe.
 */
public final class ServerMetrics implements MetricsSource {
    /** How long a scrape waits for the counts that come from stores (registrations, live transactions). */
    public static final Duration SCRAPE_WAIT = Duration.ofSeconds(2);

    private final PrometheusMeterRegistry registry;
    private final SipMetrics sip;
    private final ViewGauges gauges;

    /** The metrics of the server seen through {@code view}. */
    public ServerMetrics(ServerView view) {
        Objects.requireNonNull(view, "view");
        this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        this.sip = new SipMetrics(registry);
        this.gauges = new ViewGauges(view, registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    /** The SIP counters and timers. */
    public SipMetrics sip() {
        return sip;
    }

    /** The registry, for other components to add their meters to (e.g. the access log's drop counter). */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Reads the server's counts (waiting at most {@link #SCRAPE_WAIT} for stores), then every metric. */
    @Override
    public String scrape() {
        gauges.refresh(SCRAPE_WAIT);
        return registry.scrape();
    }
}
