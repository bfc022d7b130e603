package org.parley.testkit;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.parley.transport.Transport;

/**
 * The open connections of a {@link MemoryNetwork}'s reliable transports: one per transport and pair
 * of endpoints, reused by both ends (RFC 3261 §18.2.2: responses go back over the request's
 * connection), with ids from 1. Guarded by the network's lock.
 */
final class Connections {
    /** One open connection between endpoints {@code a} (the one that opened it) and {@code b}. */
    record Connection(long id, Transport transport, InetSocketAddress a, InetSocketAddress b) {
        boolean joins(InetSocketAddress end) {
            return a.equals(end) || b.equals(end);
        }

        InetSocketAddress peerOf(InetSocketAddress end) {
            return a.equals(end) ? b : a;
        }
    }

    private final Map<Long, Connection> byId = new HashMap<>();
    private long nextId = 1;

    /** The open connection over {@code transport} between the two ends, either way round. */
    Optional<Connection> between(Transport transport, InetSocketAddress x, InetSocketAddress y) {
        return byId.values().stream()
                .filter(c -> c.transport().equals(transport) && c.joins(x) && c.peerOf(x).equals(y))
                .findFirst();
    }

    Optional<Connection> byId(long id) {
        return Optional.ofNullable(byId.get(id));
    }

    boolean isOpen(long id) {
        return byId.containsKey(id);
    }

    Connection open(Transport transport, InetSocketAddress from, InetSocketAddress to) {
        Connection c = new Connection(nextId++, transport, from, to);
        byId.put(c.id(), c);
        return c;
    }

    /** Closes every connection between {@code x} and {@code y} (or of {@code x} when y is null). */
    int close(InetSocketAddress x, InetSocketAddress y) {
        List<Long> closing = new ArrayList<>();
        for (Connection c : byId.values()) {
            if (c.joins(x) && (y == null || c.peerOf(x).equals(y))) {
                closing.add(c.id());
            }
        }
        closing.forEach(byId::remove);
        return closing.size();
    }

    int size() {
        return byId.size();
    }
}
