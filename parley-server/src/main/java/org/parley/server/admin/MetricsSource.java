package org.parley.server.admin;

/**
 * Where {@code /metrics} gets its text (SPI): the Prometheus text exposition format, version 0.0.4.
 * {@code org.parley.server.metrics.ServerMetrics} is the server's. Thread-safe: called on the admin
 * server's virtual threads, possibly at once.
 */
@FunctionalInterface
public interface MetricsSource {
    /** The metrics now, in the Prometheus text format. */
    String scrape();
}
