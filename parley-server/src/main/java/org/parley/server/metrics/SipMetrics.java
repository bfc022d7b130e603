package org.parley.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.ToDoubleFunction;
import org.parley.message.Method;
import org.parley.message.SipMessage;
import org.parley.message.SipRequest;
import org.parley.message.SipResponse;
import org.parley.transaction.ClientTransaction;
import org.parley.transaction.ServerTransaction;
import org.parley.transaction.TransactionObserver;
import org.parley.transaction.TransactionStats;
import org.parley.transport.Transport;
import org.parley.transport.TransportStats;

/**
 * The server's SIP metrics on a Micrometer registry (issue #8): messages in and out by method or status
 * and transport, authentication failures, and transaction durations by method (as a
 * {@link TransactionObserver}); {@link #bindTransport} and {@link #bindTransactions} add the lower layers'
 * counters as function counters read at scrape time. Metric names are listed in the package Javadoc.
 *
 * <p>The hot path makes no object per message: a message's counter is found by small integer indexes
 * (method, status code, transport) in an array, and made once, on first use, for each combination; methods,
 * codes and transports outside the known sets share one "other" counter per kind.
 *
 * <p>Thread-safe: called from the network event loops and transaction lanes at once; the counter arrays
 * are atomic and Micrometer's meters are thread-safe.
 */
public final class SipMetrics implements TransactionObserver {
    /** Methods counted under their own name (RFC 3261 §7.1 and the extensions a server meets); others are "other". */
    static final List<Method> METHODS = List.of(Method.INVITE, Method.ACK, Method.BYE, Method.CANCEL,
            Method.OPTIONS, Method.REGISTER, Method.PRACK, Method.SUBSCRIBE, Method.NOTIFY, Method.PUBLISH,
            Method.INFO, Method.REFER, Method.MESSAGE, Method.UPDATE);
    /** Transports counted under their own name (RFC 3261 §18, RFC 4168, RFC 7118); others are "other". */
    static final List<Transport> TRANSPORTS = List.of(Transport.UDP, Transport.TCP, Transport.TLS, Transport.SCTP,
            Transport.WS, Transport.WSS);
    /** Status codes counted under their own code; others under their class ("4xx"), sorted for binary search. */
    static final int[] CODES = {100, 180, 181, 182, 183, 200, 202, 204, 301, 302, 400, 401, 403, 404, 405, 407,
        408, 410, 415, 420, 423, 480, 481, 482, 483, 484, 486, 487, 488, 489, 491, 500, 501, 502, 503, 504, 505,
        513, 600, 603, 604, 606};
    /** The buckets of the duration histograms: from 1 ms to 64·T1 (RFC 3261 §17, Timers B and F). */
    static final Duration[] BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(10),
        Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
        Duration.ofSeconds(10), Duration.ofSeconds(32)};

    private static final String[] DIRECTIONS = {"in", "out"};
    private static final int OTHER_METHOD = METHODS.size();
    private static final int OTHER_TRANSPORT = TRANSPORTS.size();
    private static final int METHOD_SLOTS = METHODS.size() + 1;
    private static final int TRANSPORT_SLOTS = TRANSPORTS.size() + 1;
    /** The known codes, then one slot per class 1xx..6xx, then one for a status outside 100..699. */
    private static final int STATUS_SLOTS = CODES.length + 7;

    private final MeterRegistry registry;
    private final AtomicReferenceArray<Counter> requests =
            new AtomicReferenceArray<>(2 * METHOD_SLOTS * TRANSPORT_SLOTS);
    private final AtomicReferenceArray<Counter> responses =
            new AtomicReferenceArray<>(2 * STATUS_SLOTS * TRANSPORT_SLOTS);
    private final AtomicReferenceArray<Timer> serverDurations = new AtomicReferenceArray<>(METHOD_SLOTS);
    private final AtomicReferenceArray<Timer> clientDurations = new AtomicReferenceArray<>(METHOD_SLOTS);
    private final Counter authenticationFailures;
    private final AtomicBoolean transportBound = new AtomicBoolean();
    private final AtomicBoolean transactionsBound = new AtomicBoolean();

    /** Metrics on {@code registry}. */
    public SipMetrics(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.authenticationFailures = Counter.builder("parley.auth.failures")
                .description("Requests refused for failed digest authentication (RFC 3261 §22): wrong or unknown "
                        + "credentials, stale or replayed nonces")
                .register(registry);
    }

    /** The registry the metrics are on. */
    public MeterRegistry registry() {
        return registry;
    }

    /** Counts a message the transport layer received over {@code transport}. */
    public void received(SipMessage message, Transport transport) {
        count(message, transport, 0);
    }

    /** Counts a message handed to the transport layer to send over {@code transport}. */
    public void sent(SipMessage message, Transport transport) {
        count(message, transport, 1);
    }

    /** Counts a request refused for failed authentication; the server's authentication stage calls it. */
    public void authenticationFailed() {
        authenticationFailures.increment();
    }

    private void count(SipMessage message, Transport transport, int direction) {
        int t = transportSlot(transport);
        if (message instanceof SipRequest request) {
            int m = methodSlot(request.method());
            int i = (direction * METHOD_SLOTS + m) * TRANSPORT_SLOTS + t;
            Counter c = requests.get(i);
            if (c == null) {
                c = requestCounter(i, direction, m, t);
            }
            c.increment();
        } else {
            int s = statusSlot(((SipResponse) message).statusCode());
            int i = (direction * STATUS_SLOTS + s) * TRANSPORT_SLOTS + t;
            Counter c = responses.get(i);
            if (c == null) {
                c = responseCounter(i, direction, s, t);
            }
            c.increment();
        }
    }

    private Counter requestCounter(int index, int direction, int method, int transport) {
        Counter c = Counter.builder("parley.sip.requests").description("SIP requests received (in) and sent (out)")
                .tag("direction", DIRECTIONS[direction]).tag("method", methodName(method))
                .tag("transport", transportName(transport)).register(registry);
        requests.compareAndSet(index, null, c);
        return c;
    }

    private Counter responseCounter(int index, int direction, int status, int transport) {
        Counter c = Counter.builder("parley.sip.responses")
                .description("SIP responses received (in) and sent (out), by status code; codes without a series "
                        + "of their own are counted under code=\"other\" with their class")
                .tag("direction", DIRECTIONS[direction]).tag("class", statusClass(status))
                .tag("code", statusCode(status)).tag("transport", transportName(transport)).register(registry);
        responses.compareAndSet(index, null, c);
        return c;
    }

    /** RFC 3261 §17.2: a server transaction sent its final response; its duration by method. */
    @Override
    public void onServerAnswered(ServerTransaction transaction, int status, long durationNanos) {
        timer(serverDurations, "parley.sip.server.transaction.duration",
                "Server transactions from request received to final response sent, by method",
                methodSlot(transaction.request().method())).record(durationNanos, TimeUnit.NANOSECONDS);
    }

    /** RFC 3261 §17.1: a client transaction has its outcome; its duration by method. */
    @Override
    public void onClientCompleted(ClientTransaction transaction, int status, long durationNanos) {
        timer(clientDurations, "parley.sip.client.transaction.duration",
                "Client transactions from request sent to final response (or timeout) received, by method",
                methodSlot(transaction.request().method())).record(durationNanos, TimeUnit.NANOSECONDS);
    }

    private Timer timer(AtomicReferenceArray<Timer> timers, String name, String description, int method) {
        Timer t = timers.get(method);
        if (t == null) {
            t = Timer.builder(name).description(description).tag("method", methodName(method))
                    .serviceLevelObjectives(BUCKETS).register(registry);
            timers.compareAndSet(method, null, t);
        }
        return t;
    }

    /**
     * Adds the transport layer's counters (parse errors, refused connections, TLS failures ...) as function
     * counters read from {@code stats} when scraped, and a gauge of open connections per stream transport.
     *
     * @throws IllegalStateException when a transport layer was bound already (Micrometer would keep reading
     *     the first one's counters under these names)
     */
    public void bindTransport(TransportStats stats) {
        Objects.requireNonNull(stats, "stats");
        if (!transportBound.compareAndSet(false, true)) {
            throw new IllegalStateException("a transport layer's counters are bound to these metrics already");
        }
        transportCounter(stats, "malformed", "Inbound messages that could not be parsed or framed",
                TransportStats::malformed);
        transportCounter(stats, "malformed.answered",
                "Malformed requests answered with the status their parse error names",
                TransportStats::answeredMalformed);
        transportCounter(stats, "handler.failures", "Exceptions the inbound handler threw",
                TransportStats::handlerFailures);
        transportCounter(stats, "connections.refused", "Stream connections refused over a connection limit",
                TransportStats::refusedConnections);
        transportCounter(stats, "connections.idle.closed", "Stream connections closed after the idle timeout",
                TransportStats::idleClosed);
        transportCounter(stats, "keepalive.pings", "CRLFCRLF keep-alive pings answered (RFC 5626 §3.5.1)",
                TransportStats::keepAlivePings);
        transportCounter(stats, "websocket.upgrades.refused", "WebSocket upgrades refused (RFC 7118 §4)",
                TransportStats::refusedUpgrades);
        transportCounter(stats, "tls.handshake.failures", "TLS handshakes that failed",
                TransportStats::tlsHandshakeFailures);
        for (Transport t : TRANSPORTS) {
            if (t.isReliable()) {
                Gauge.builder("parley.transport.connections", stats, s -> s.openConnections(t))
                        .description("Stream connections open now").tag("transport", t.name()).register(registry);
            }
        }
    }

    private void transportCounter(TransportStats stats, String name, String description,
            ToDoubleFunction<TransportStats> f) {
        FunctionCounter.builder("parley.transport." + name, stats, f).description(description).register(registry);
    }

    /**
     * Adds the transaction layer's counters (RFC 3261 §17) as function counters read from {@code stats}.
     *
     * @throws IllegalStateException when a transaction layer was bound already
     */
    public void bindTransactions(TransactionStats stats) {
        Objects.requireNonNull(stats, "stats");
        if (!transactionsBound.compareAndSet(false, true)) {
            throw new IllegalStateException("a transaction layer's counters are bound to these metrics already");
        }
        FunctionCounter.builder("parley.transactions.started", stats, TransactionStats::clientTransactions)
                .description("Transactions started").tag("side", "client").register(registry);
        FunctionCounter.builder("parley.transactions.started", stats, TransactionStats::serverTransactions)
                .description("Transactions started").tag("side", "server").register(registry);
        transactionCounter(stats, "retransmissions", "Requests and responses sent again (Timers A, E, G)",
                TransactionStats::retransmissions);
        transactionCounter(stats, "timeouts", "Client transactions ended by Timer B or F, and INVITE server "
                + "transactions by Timer H", TransactionStats::timeouts);
        transactionCounter(stats, "transport.errors", "Sends the transport refused or failed",
                TransactionStats::transportErrors);
        transactionCounter(stats, "strays", "Messages that matched no transaction", TransactionStats::strays);
        transactionCounter(stats, "unreadable", "Messages whose Call-ID, CSeq or Via could not be read",
                TransactionStats::unreadable);
        transactionCounter(stats, "refused.responses", "Responses the user tried to send after the final one",
                TransactionStats::refusedResponses);
        transactionCounter(stats, "failovers", "Client transactions retried at the next RFC 3263 target",
                TransactionStats::failovers);
        transactionCounter(stats, "merged.requests", "Merged requests answered 482 (RFC 3261 §8.2.2.2)",
                TransactionStats::mergedRequests);
    }

    private void transactionCounter(TransactionStats stats, String name, String description,
            ToDoubleFunction<TransactionStats> f) {
        FunctionCounter.builder("parley.transaction." + name, stats, f).description(description).register(registry);
    }

    static int methodSlot(Method method) {
        int i = METHODS.indexOf(method);
        return i < 0 ? OTHER_METHOD : i;
    }

    private static String methodName(int slot) {
        return slot == OTHER_METHOD ? "other" : METHODS.get(slot).name();
    }

    static int transportSlot(Transport transport) {
        int i = TRANSPORTS.indexOf(transport);
        return i < 0 ? OTHER_TRANSPORT : i;
    }

    private static String transportName(int slot) {
        return slot == OTHER_TRANSPORT ? "other" : TRANSPORTS.get(slot).name();
    }

    static int statusSlot(int status) {
        int i = Arrays.binarySearch(CODES, status);
        if (i >= 0) {
            return i;
        }
        return status >= 100 && status <= 699 ? CODES.length + status / 100 - 1 : CODES.length + 6;
    }

    private static String statusCode(int slot) {
        return slot < CODES.length ? Integer.toString(CODES[slot]) : "other";
    }

    private static String statusClass(int slot) {
        if (slot < CODES.length) {
            return CODES[slot] / 100 + "xx";
        }
        int c = slot - CODES.length + 1;
        return c <= 6 ? c + "xx" : "other";
    }
}
