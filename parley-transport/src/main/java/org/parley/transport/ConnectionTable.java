package org.parley.transport;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The open stream connections: by id (a response goes back over the connection its request came
 * on, RFC 3261 §18.2.2), by transport and remote address (a request to a peer reuses a connection to
 * it, §18.1.1, but never a TCP connection for TLS or the other way round),
 * by RFC 5923 alias (a request to the sent-by a peer announced reuses the connection it came on),
 * and counted against the limits. A connection's aliases go when it closes. Thread-safe: concurrent
 * maps and atomics, no lock.
 */
final class ConnectionTable {
    static final AttributeKey<Long> ID = AttributeKey.valueOf("parley.connectionId");
    private static final AttributeKey<Set<ConnectionAlias>> ALIASES = AttributeKey.valueOf("parley.aliases");

    private final int maxConnections;
    private final int maxPerAddress;
    private final AtomicLong nextId = new AtomicLong(1);
    private final AtomicInteger open = new AtomicInteger();
    private final ConcurrentHashMap<Long, Channel> byId = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Remote, Channel> byRemote = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<InetAddress, AtomicInteger> perAddress = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<ConnectionAlias, Channel> byAlias = new ConcurrentHashMap<>();
    private final TransportStats stats;

    /** A connection's key for reuse: the transport is part of it. */
    private record Remote(Transport transport, InetSocketAddress address) {
    }

    ConnectionTable(int maxConnections, int maxPerAddress) {
        this(maxConnections, maxPerAddress, new TransportStats());
    }

    /** A table that keeps {@code stats}' open connection counts per transport. */
    ConnectionTable(int maxConnections, int maxPerAddress, TransportStats stats) {
        this.maxConnections = maxConnections;
        this.maxPerAddress = maxPerAddress;
        this.stats = stats;
    }

    /**
     * Registers a connection that just became active; false when a limit refuses it (the caller
     * closes it). {@code inbound} connections also count against the per-address limit.
     */
    boolean add(Channel channel, Transport transport, boolean inbound) {
        InetSocketAddress address = (InetSocketAddress) channel.remoteAddress();
        Remote remote = new Remote(transport, address);
        if (open.incrementAndGet() > maxConnections) {
            open.decrementAndGet();
            return false;
        }
        if (inbound) {
            AtomicInteger count = perAddress.computeIfAbsent(address.getAddress(), a -> new AtomicInteger());
            if (count.incrementAndGet() > maxPerAddress) {
                count.decrementAndGet();
                open.decrementAndGet();
                return false;
            }
        }
        long id = nextId.getAndIncrement();
        channel.attr(ID).set(id);
        byId.put(id, channel);
        byRemote.put(remote, channel);
        stats.connectionOpened(transport);
        channel.closeFuture().addListener(f -> remove(channel, id, remote, inbound));
        return true;
    }

    private void remove(Channel channel, long id, Remote remote, boolean inbound) {
        byId.remove(id);
        byRemote.remove(remote, channel);
        Set<ConnectionAlias> aliases = channel.attr(ALIASES).get();
        if (aliases != null) {
            // RFC 5923 §5: an alias lives only as long as its connection.
            aliases.forEach(a -> byAlias.remove(a, channel));
        }
        open.decrementAndGet();
        stats.connectionClosed(remote.transport());
        if (inbound) {
            perAddress.computeIfPresent(remote.address().getAddress(), (a, c) -> c.decrementAndGet() == 0 ? null : c);
        }
    }

    /** Every connection in the table, for closing them all when the layer stops. */
    List<Channel> all() {
        return List.copyOf(byId.values());
    }

    /** The open connection with this id, or null. */
    Channel byId(long id) {
        Channel c = byId.get(id);
        return c != null && c.isActive() ? c : null;
    }

    /** An open connection over {@code transport} to this remote address, or null. */
    Channel toRemote(Transport transport, InetSocketAddress remote) {
        Channel c = byRemote.get(new Remote(transport, remote));
        return c != null && c.isActive() ? c : null;
    }

    /**
     * Registers {@code alias} for a registered, open connection; a newer alias for the same sent-by
     * replaces an older one (the peer's latest connection is the one it keeps open). False when the
     * connection is no longer open.
     */
    boolean alias(Channel channel, ConnectionAlias alias) {
        if (!channel.isActive() || channel.attr(ID).get() == null) {
            return false;
        }
        channel.attr(ALIASES).setIfAbsent(ConcurrentHashMap.newKeySet());
        channel.attr(ALIASES).get().add(alias);
        byAlias.put(alias, channel);
        if (!channel.isActive()) {
            // Closed meanwhile: its close listener may have run before the put.
            byAlias.remove(alias, channel);
            return false;
        }
        return true;
    }

    /** The open connection aliased to {@code alias}, or null. */
    Channel aliased(ConnectionAlias alias) {
        Channel c = byAlias.get(alias);
        return c != null && c.isActive() ? c : null;
    }

    /** How many aliases are registered (for tests and metrics). */
    int aliasCount() {
        return byAlias.size();
    }

    /** The id of a registered connection. */
    static long idOf(Channel channel) {
        Long id = channel.attr(ID).get();
        return id == null ? 0 : id;
    }
}
