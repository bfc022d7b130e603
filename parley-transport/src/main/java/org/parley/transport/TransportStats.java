package org.parley.transport;

import java.util.Collections;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.parley.transport.internal.TransportCounters;

/**
 * Counters of the transport layer (STYLE.md §8: every drop and refused connection is counted).
 * Thread-safe: the event loops add, anyone reads.
 */
public final class TransportStats {
    static {
        // Lets another TransportLayer (parley-testkit's memory endpoints) count without making the
        // counters writable by users (internal/TransportCounters).
        TransportCounters.grant(s -> new TransportCounters.Counters(s.received, s.malformed, s.handlerFailures));
    }

    final LongAdder received = new LongAdder();
    final LongAdder malformed = new LongAdder();
    final LongAdder answeredMalformed = new LongAdder();
    final LongAdder handlerFailures = new LongAdder();
    final LongAdder refusedConnections = new LongAdder();
    final LongAdder keepAlivePings = new LongAdder();
    final LongAdder idleClosed = new LongAdder();
    final LongAdder refusedUpgrades = new LongAdder();
    final LongAdder tlsHandshakeFailures = new LongAdder();
    /** Open stream connections by transport: an entry per transport ever connected, none made per message. */
    private final ConcurrentHashMap<Transport, AtomicInteger> openConnections = new ConcurrentHashMap<>();

    /** Messages parsed and handed to the handler. */
    public long received() {
        return received.sum();
    }

    /** Inbound messages that could not be parsed or framed (answered or dropped). */
    public long malformed() {
        return malformed.sum();
    }

    /** Malformed requests answered with the status their parse error names (400, 505, 513 ...). */
    public long answeredMalformed() {
        return answeredMalformed.sum();
    }

    /** Exceptions the inbound handler threw. */
    public long handlerFailures() {
        return handlerFailures.sum();
    }

    /** Stream connections closed at once for exceeding a connection limit. */
    public long refusedConnections() {
        return refusedConnections.sum();
    }

    /** CRLFCRLF keep-alive pings answered with a CRLF pong (RFC 5626 §3.5.1). */
    public long keepAlivePings() {
        return keepAlivePings.sum();
    }

    /** Stream connections closed after the idle timeout without traffic. */
    public long idleClosed() {
        return idleClosed.sum();
    }

    /** WebSocket upgrade requests refused: wrong path, origin or subprotocol, not an upgrade (RFC 7118 §4). */
    public long refusedUpgrades() {
        return refusedUpgrades.sum();
    }

    /** TLS handshakes that failed, inbound or outbound (untrusted or missing certificate, protocol). */
    public long tlsHandshakeFailures() {
        return tlsHandshakeFailures.sum();
    }

    /** Stream connections open now over {@code transport} (inbound and outbound; 0 for UDP, which has none). */
    public int openConnections(Transport transport) {
        AtomicInteger n = openConnections.get(transport);
        return n == null ? 0 : n.get();
    }

    /** Stream connections open now, by transport name; transports that never had one are absent. A snapshot. */
    public Map<Transport, Integer> openConnections() {
        Map<Transport, Integer> snapshot = new TreeMap<>(
                Comparator.comparing(Transport::name));
        openConnections.forEach((t, n) -> snapshot.put(t, n.get()));
        return Collections.unmodifiableMap(snapshot);
    }

    /** A connection over {@code transport} was registered. */
    void connectionOpened(Transport transport) {
        AtomicInteger n = openConnections.get(transport);
        if (n == null) {
            n = openConnections.computeIfAbsent(transport, t -> new AtomicInteger());
        }
        n.incrementAndGet();
    }

    /** A registered connection over {@code transport} closed. */
    void connectionClosed(Transport transport) {
        openConnections.get(transport).decrementAndGet();
    }
}
