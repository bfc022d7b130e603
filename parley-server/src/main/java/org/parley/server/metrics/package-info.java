/**
 * The server's Prometheus metrics (issue #8), on Micrometer.
 *
 * <pre>
 *   network ──► NettyTransportLayer ──► MeteredTransportLayer.counting(handler) ──► TransactionLayer
 *                      ▲                         (received: by method / status, transport)
 *                      └── MeteredTransportLayer.send / respond (sent)  ◄── TransactionLayer
 *   TransactionLayer ──TransactionObserver──► SipMetrics (durations by method)
 *   /metrics ──► ServerMetrics.scrape(): ViewGauges.refresh (ServerView) + PrometheusMeterRegistry.scrape()
 * </pre>
 *
 * <p>Metric names as Prometheus shows them:
 * <ul>
 *   <li>{@code parley_sip_requests_total{direction="in|out",method,transport}} and
 *       {@code parley_sip_responses_total{direction,class="2xx",code="200|other",transport}};</li>
 *   <li>{@code parley_sip_server_transaction_duration_seconds{method}} (request in → final response out,
 *       RFC 3261 §17.2) and {@code parley_sip_client_transaction_duration_seconds{method}}: histograms with
 *       buckets from 1 ms to 32 s;</li>
 *   <li>{@code parley_auth_failures_total};</li>
 *   <li>{@code parley_transport_malformed_total}, {@code parley_transport_malformed_answered_total},
 *       {@code parley_transport_handler_failures_total}, {@code parley_transport_connections_refused_total},
 *       {@code parley_transport_connections_idle_closed_total}, {@code parley_transport_keepalive_pings_total},
 *       {@code parley_transport_websocket_upgrades_refused_total},
 *       {@code parley_transport_tls_handshake_failures_total}, and the gauge
 *       {@code parley_transport_connections{transport}} (stream connections open now);</li>
 *   <li>{@code parley_transactions_started_total{side="client|server"}},
 *       {@code parley_transaction_retransmissions_total}, {@code _timeouts_total}, {@code _transport_errors_total},
 *       {@code _strays_total}, {@code _unreadable_total}, {@code _refused_responses_total},
 *       {@code _failovers_total}, {@code _merged_requests_total}, and the gauge {@code parley_transactions_live};</li>
 *   <li>gauges {@code parley_registrations_aors}, {@code parley_registrations_bindings},
 *       {@code parley_calls_active};</li>
 *   <li>{@code parley_access_log_dropped_total} (see {@code org.parley.server.log.AccessLog}), and the JVM's
 *       {@code jvm_memory_*}, {@code jvm_threads_*}, {@code process_cpu_usage}, {@code process_uptime_seconds}.</li>
 * </ul>
 *
 * <p>Thread model: counting runs on the network event loops and transaction lanes, never blocks and makes no
 * object per message; scraping runs on the admin server's threads and waits a bounded time for stores.
 * Depends on parley-transport, parley-transaction, parley-proxy (location counts), Micrometer, and the
 * {@code org.parley.server.admin} SPI ({@code ServerView}, {@code MetricsSource}).
 */
package org.parley.server.metrics;
