package org.parley.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.ssl.SslHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.parley.message.HeaderName;
import org.parley.message.SipMessage;
import org.parley.message.SipParser;
import org.parley.message.SipRequest;
import org.parley.message.SipResponse;
import org.parley.message.header.Via;
import org.parley.message.uri.Host;
import org.parley.message.uri.SipUri;
import org.parley.transport.internal.TlsContexts;
import org.parley.transport.resolve.Target;
import org.parley.transport.resolve.TargetSet;

/**
 * The {@link TransportLayer} of RFC 3261 §18 over real UDP, TCP, TLS and WebSocket (RFC 7118)
 * sockets: listeners that parse what arrives and hand it to an {@link InboundHandler}, and the
 * sending of requests and responses.
 *
 * <p>Inbound: a datagram is one message (§18.3); a TCP stream is framed by Content-Length, with
 * CRLF keep-alives answered (RFC 5626 §3.5.1); a WS connection is upgraded from HTTP/1.1 with
 * subprotocol {@code sip} and carries one message per WebSocket message (RFC 7118 §4, §5.1). A
 * request's top Via gets {@code received} and a filled {@code rport} (§18.2.1, RFC 3581). A
 * malformed request that names where to answer gets the status its parse error gives (400, 505,
 * 513); anything else malformed is dropped; both are counted and logged at a limited rate. Stream
 * connections are bounded in total and per remote address, and closed after
 * {@link TransportConfig#idleTimeout()} without traffic.
 *
 * <p>TLS (RFC 3261 §26.2, RFC 5922) follows {@link TransportConfig#tls()}: listeners present its
 * identity (chosen by SNI when several are configured) and ask for client certificates as it says;
 * a TLS send verifies the server's chain and its name against {@link Target#hostName()}, which it
 * also sends in SNI, and fails with the reason when the handshake does. A TLS connection is reused
 * only for TLS targets, a TCP one only for TCP targets.
 *
 * <p>Outbound: {@link #send} writes to a target, reusing an open connection of the same transport
 * to it (a new WS connection is used once its handshake succeeded), and moves a request over 1300
 * bytes from UDP to TCP (§18.1.1); {@link #respond} sends a response the way §18.2.2 says, and a
 * WS response only over its request's connection (RFC 7118 §5). Messages over the configured size
 * bound are refused.
 *
 * <p>I/O: native epoll where available and allowed by {@link TransportConfig#nativeTransport()}, NIO
 * otherwise ({@link #ioKind()}). With epoll a UDP listener is {@code ioThreads} sockets bound to the
 * same address and port with {@code SO_REUSEPORT}, one per event loop: the kernel spreads datagrams
 * over them by a hash of source and destination address, so several loops read one port, and a
 * response leaves from the listener's port whichever socket sends it. One remote address and port
 * (one flow) always reaches the same socket. {@code SO_REUSEPORT} lets any process of the same user
 * bind the same port too; an ephemeral port (0) is therefore first reserved without it, so it is one
 * no other socket holds.
 *
 * <p>Thread model: thread-safe. Inbound handling runs on Netty event loops; the handler must not
 * block. Sends may be called from any thread and complete their futures on an event loop.
 */
public final class NettyTransportLayer implements TransportLayer {
    /** RFC 3261 §18.1.1: above 1300 bytes a request does not go over UDP when the path MTU is unknown. */
    static final int UDP_MTU_LIMIT = 1300;
    /** RFC 5626 §4.4.1: the double-CRLF keep-alive ping over a stream flow. */
    private static final byte[] KEEP_ALIVE_PING = {'\r', '\n', '\r', '\n'};
    /**
     * 4 MiB asked for each UDP socket's receive buffer (the kernel caps it at net.core.rmem_max):
     * the default ~208 KiB holds only ~90 datagrams as the kernel counts them (~2.3 KiB each), so a
     * pause of the reading loop (a GC, a busy neighbour) of 20 ms at 4,000 requests/s loses
     * requests; SIP servers commonly raise it for the same reason.
     */
    static final int UDP_RECEIVE_BUFFER = 4 * 1024 * 1024;

    private final TransportConfig config;
    private final IoLoops sockets;
    /** False when the caller passed its own loops in, and closes them itself. */
    private final boolean ownsLoops;
    private final TransportStats stats = new TransportStats();
    private final Optional<TlsContexts> tls;
    private final Delivery delivery;
    private final ConnectionTable connections;
    private final StreamChannels streams;
    private final RoutingConfig routing;
    private final ConnectionAliases aliases;
    private final List<Bound> listeners = new ArrayList<>();

    /** Attempts to bind {@code SO_REUSEPORT} sockets to a port just found free, should another socket take it. */
    private static final int REUSE_PORT_BIND_ATTEMPTS = 3;

    /** A listener's configuration and its bound channels: one, or one per event loop for UDP with epoll. */
    private record Bound(ListenerConfig config, List<Channel> channels) {
        Bound {
            channels = List.copyOf(channels);
        }

        InetSocketAddress localAddress() {
            return (InetSocketAddress) channels.get(0).localAddress();
        }

        /**
         * The channel to send a datagram from: the one of the calling event loop when there is one
         * (no hand-off between threads when a handler responds), else any.
         */
        Channel sender() {
            if (channels.size() == 1) {
                return channels.get(0);
            }
            for (Channel c : channels) {
                if (c.eventLoop().inEventLoop()) {
                    return c;
                }
            }
            return channels.get(ThreadLocalRandom.current().nextInt(channels.size()));
        }
    }

    private NettyTransportLayer(TransportConfig config, RoutingConfig routing, InboundHandler handler,
            InstantSource clock, IoLoops loops) {
        this.config = config;
        // Built first: a TLS configuration that cannot be used fails before any thread starts.
        this.tls = config.tls().map(TlsContexts::of);
        this.routing = routing;
        this.ownsLoops = loops == null;
        this.sockets = ownsLoops ? IoLoops.open(config.ioThreads(), config.nativeTransport()) : loops;
        this.connections = new ConnectionTable(config.maxConnections(), config.maxConnectionsPerAddress(), stats);
        this.aliases = new ConnectionAliases(connections, routing.aliasOverTcp());
        this.delivery = new Delivery(aliases.registeringBefore(handler), stats, clock);
        this.streams = new StreamChannels(config, delivery, connections, stats, tls);
    }

    /**
     * Binds every listener of {@code config} and starts delivering to {@code handler}. Blocks until
     * the sockets are bound; call it from an ordinary thread, never from an event loop.
     *
     * @throws IllegalStateException when a listener cannot be bound, or a TLS listener has no TLS
     *         identity to present (the message names the listener)
     */
    public static NettyTransportLayer start(TransportConfig config, InboundHandler handler) {
        return start(config, handler, InstantSource.system());
    }

    /** As {@link #start(TransportConfig, InboundHandler)}, with the clock its rate limits use. */
    public static NettyTransportLayer start(TransportConfig config, InboundHandler handler, InstantSource clock) {
        return start(config, RoutingConfig.DEFAULT, handler, clock);
    }

    /**
     * As {@link #start(TransportConfig, InboundHandler, InstantSource)}, with RFC 5923 aliasing and
     * RFC 3263 §5 response location as {@code routing} says.
     */
    public static NettyTransportLayer start(TransportConfig config, RoutingConfig routing, InboundHandler handler,
            InstantSource clock) {
        return start(config, routing, handler, clock, null);
    }

    /**
     * As {@link #start(TransportConfig, RoutingConfig, InboundHandler, InstantSource)}, on event loops
     * the caller opened and will close after this layer ({@link IoLoops}); the loops' thread count
     * and I/O kind stand in for {@link TransportConfig#ioThreads()} and
     * {@link TransportConfig#nativeTransport()}. {@link #close()} leaves them running. {@code handler}
     * is called on these loops, so whatever else runs there must never block.
     */
    public static NettyTransportLayer start(TransportConfig config, RoutingConfig routing, InboundHandler handler,
            InstantSource clock, IoLoops loops) {
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(config, "config");
        for (ListenerConfig listener : config.listeners()) {
            boolean tlsListener = listener.transport().isSecure();
            if (tlsListener && config.tls().flatMap(t -> t.identity()).isEmpty()) {
                String fix = config.tls().isEmpty() ? "use TransportConfig.withTls" : "set TlsConfig.identity";
                throw new IllegalStateException("TLS listener " + listener.address() + " needs a TLS identity: " + fix);
            }
        }
        NettyTransportLayer layer = new NettyTransportLayer(Objects.requireNonNull(config, "config"),
                Objects.requireNonNull(routing, "routing"), handler, Objects.requireNonNull(clock, "clock"), loops);
        try {
            for (ListenerConfig listener : config.listeners()) {
                layer.listeners.add(new Bound(listener, layer.bind(listener)));
            }
        } catch (RuntimeException e) {
            layer.close();
            throw e;
        }
        return layer;
    }

    private List<Channel> bind(ListenerConfig listener) {
        if (listener.transport().equals(Transport.UDP)) {
            return sockets.reusePort() ? bindReusePort(listener) : List.of(bindDatagram(listener, listener.address()));
        }
        ChannelFuture bound = new ServerBootstrap().group(sockets.group()).channel(sockets.serverChannel())
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(streams.accepted(listener.transport()))
                .bind(listener.address());
        return List.of(awaitBound(listener, bound));
    }

    private Channel bindDatagram(ListenerConfig listener, InetSocketAddress address) {
        // Each channel has its own parser: a parser is confined to the event loop that reads with it.
        Bootstrap b = new Bootstrap().group(sockets.group()).channel(sockets.datagramChannel())
                .option(ChannelOption.SO_RCVBUF, UDP_RECEIVE_BUFFER)
                .handler(new DatagramInbound(new SipParser(config.parser()), delivery));
        if (sockets.reusePort()) {
            b.option(EpollChannelOption.SO_REUSEPORT, true);
        }
        return awaitBound(listener, b.bind(address));
    }

    /**
     * Binds one {@code SO_REUSEPORT} socket per event loop to the listener's address. Each bind
     * registers its channel with the group's next loop, so the sockets land on distinct loops. An
     * ephemeral port is first found with a plain socket, which the kernel gives only a port nobody
     * holds (with {@code SO_REUSEPORT} it could hand out a port another process of this user shares).
     */
    private List<Channel> bindReusePort(ListenerConfig listener) {
        InetSocketAddress wanted = listener.address();
        for (int attempt = 1;; attempt++) {
            InetSocketAddress address = wanted.getPort() != 0 ? wanted : freeUdpPort(wanted);
            List<Channel> bound = new ArrayList<>();
            try {
                for (int i = 0; i < sockets.udpSocketsPerListener(); i++) {
                    bound.add(bindDatagram(listener, address));
                }
                return bound;
            } catch (IllegalStateException e) {
                bound.forEach(Channel::close);
                if (wanted.getPort() != 0 || attempt == REUSE_PORT_BIND_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private static InetSocketAddress freeUdpPort(InetSocketAddress address) {
        try (DatagramChannel probe = DatagramChannel.open()) {
            probe.bind(address);
            return new InetSocketAddress(address.getAddress(), ((InetSocketAddress) probe.getLocalAddress()).getPort());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free UDP port on " + address.getAddress(), e);
        }
    }

    private static Channel awaitBound(ListenerConfig listener, ChannelFuture bound) {
        bound.awaitUninterruptibly();
        if (!bound.isSuccess()) {
            throw new IllegalStateException("cannot listen on " + listener.transport() + " "
                    + listener.address() + ": " + bound.cause().getMessage(), bound.cause());
        }
        return bound.channel();
    }

    @Override
    public List<InetSocketAddress> localAddresses(Transport transport) {
        return listeners.stream().filter(b -> b.config().transport().equals(transport)).map(Bound::localAddress)
                .toList();
    }

    /**
     * The I/O implementation in use: {@code "epoll"} (native, UDP listeners read by every event loop
     * through {@code SO_REUSEPORT}) or {@code "nio"}. For logs, diagnostics and benchmarks.
     */
    public String ioKind() {
        return sockets.kind();
    }

    /** How many sockets the listeners of this transport have bound, all together (UDP with epoll: one per loop). */
    int socketsBound(Transport transport) {
        return listeners.stream().filter(b -> b.config().transport().equals(transport))
                .mapToInt(b -> b.channels().size()).sum();
    }

    @Override
    public TransportStats stats() {
        return stats;
    }

    /**
     * Sends a message to a target: over UDP from the listener of the target's address family, over
     * TCP, TLS or WS on an open connection of that transport to the target or a new one (RFC 3261
     * §18.1.1, RFC 7118 §4). The future fails with a clear exception when no listener can send, the
     * connection cannot be made, or the TLS or WebSocket handshake fails.
     */
    @Override
    public CompletableFuture<Void> send(SipMessage message, Target target) {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(target, "target");
        if (message.size() > config.parser().maxMessageBytes()) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("message of " + message.size()
                    + " bytes exceeds the limit of " + config.parser().maxMessageBytes()));
        }
        byte[] bytes = message.toBytes();
        Channel aliased = aliases.lookup(target);
        if (aliased != null) {
            // RFC 5923 §5: the peer offered this connection for requests to the sent-by it named.
            return completion(aliased.writeAndFlush(Unpooled.wrappedBuffer(bytes)));
        }
        if (target.transport().equals(Transport.UDP)) {
            if (message instanceof SipRequest request && request.size() > UDP_MTU_LIMIT) {
                return sendLargeRequest(request, bytes, target.address());
            }
            return sendDatagram(bytes, target.address());
        }
        if (StreamChannels.STREAM_TRANSPORTS.contains(target.transport())) {
            return sendStream(bytes, target);
        }
        return CompletableFuture.failedFuture(new IllegalArgumentException(
                "this transport layer sends over UDP, TCP, TLS, WS and WSS only, not " + target.transport()));
    }

    /**
     * RFC 3261 §18.1.1: a request larger than 1300 bytes (path MTU unknown) goes over TCP, with its
     * top Via saying so; when the TCP connection cannot be made, it is retried over UDP as sent.
     */
    private CompletableFuture<Void> sendLargeRequest(SipRequest request, byte[] udpBytes, InetSocketAddress to) {
        byte[] tcpBytes;
        try {
            Via top = request.topVia();
            tcpBytes = request.toBuilder()
                    .replaceFirst(HeaderName.VIA, top.toBuilder().transport(Transport.TCP.name()).build().toString())
                    .build().toBytes();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        Target tcp = new Target(Transport.TCP, to, to.getAddress().getHostAddress());
        return sendStream(tcpBytes, tcp).handle((ok, failure) -> failure)
                .thenCompose(failure -> failure == null ? CompletableFuture.completedFuture(null)
                        : sendDatagram(udpBytes, to));
    }

    /**
     * Sends a response the way RFC 3261 §18.2.2 says: over the connection its request came on while
     * it is open, else to the top Via's {@code received} address (or numeric sent-by) at its
     * {@code rport} (RFC 3581 §4) or sent-by port. A sent-by host name, when there is no
     * {@code received} or (for a reliable transport) the connection to it fails, is located as
     * RFC 3263 §5 says with {@link RoutingConfig#responseLocator()}, and the targets found are tried
     * in order. A WS response whose connection is gone fails: RFC 7118 §5 leaves no other way to
     * the client.
     */
    @Override
    public CompletableFuture<Void> respond(SipResponse response, Source source) {
        Objects.requireNonNull(response, "response");
        Objects.requireNonNull(source, "source");
        byte[] bytes = response.toBytes();
        boolean webSocket = StreamChannels.isWebSocket(source.transport());
        if (source.transport().isReliable()) {
            Channel c = connections.byId(source.connectionId());
            if (c != null) {
                CompletableFuture<Void> sent = completion(c.writeAndFlush(Unpooled.wrappedBuffer(bytes)));
                // A WS connection closing as the response is written is as gone as a closed one.
                return webSocket ? sent.exceptionallyCompose(e -> CompletableFuture.failedFuture(
                        webSocketGone(source, e))) : sent;
            }
        }
        if (webSocket) {
            return CompletableFuture.failedFuture(webSocketGone(source, null));
        }
        Via top;
        Optional<SipUri> sentByName;
        InetSocketAddress to;
        try {
            top = response.topVia();
            sentByName = ResponseLocation.sentByName(top);
            if (top.received().isEmpty() && sentByName.isPresent()) {
                // RFC 3261 §18.2.2, RFC 3263 §5: no address to use, so locate the sent-by name.
                return respondByName(response, sentByName.get());
            }
            to = responseAddress(top, source.transport());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        if (!source.transport().isReliable()) {
            return sendDatagram(bytes, to);
        }
        // RFC 5922 §7.3 via RFC 3261 §18.2.2: a new TLS connection is checked against the Via sent-by host.
        CompletableFuture<Void> direct = sendStream(bytes, new Target(source.transport(), to, top.host()));
        if (sentByName.isEmpty()) {
            return direct;
        }
        // RFC 3261 §18.2.2: when the connection to received fails, RFC 3263 §5 on the sent-by name.
        return direct.handle((ok, failure) -> failure).thenCompose(failure -> failure == null
                ? CompletableFuture.completedFuture(null) : respondByName(response, sentByName.get()));
    }

    /**
     * Writes a keep-alive on the open connection of {@code flow} (RFC 5626 §4.4.1: CRLFCRLF over TCP
     * and TLS; a WebSocket Ping frame over WS and WSS, RFC 6455 §5.5.2). Fails when the connection
     * is closed, or its id now names a connection to another address.
     */
    @Override
    public CompletableFuture<Void> sendKeepAlive(Source flow) {
        Objects.requireNonNull(flow, "flow");
        if (!flow.transport().isReliable()) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("a keep-alive ping goes over a stream "
                    + "flow (RFC 5626 §4.4.1), not " + flow.transport() + " from " + flow.remote()));
        }
        Channel c = connections.byId(flow.connectionId());
        if (c == null || !flow.remote().equals(c.remoteAddress())) {
            return CompletableFuture.failedFuture(new IllegalStateException("the " + flow.transport()
                    + " flow " + flow.connectionId() + " from " + flow.remote() + " is closed"));
        }
        Object ping = StreamChannels.isWebSocket(flow.transport()) ? new PingWebSocketFrame()
                : Unpooled.wrappedBuffer(KEEP_ALIVE_PING);
        return completion(c.writeAndFlush(ping));
    }

    /** RFC 7118 §5: a WebSocket client cannot be connected to; a response has only its request's connection. */
    private static IllegalStateException webSocketGone(Source source, Throwable cause) {
        return new IllegalStateException("cannot send the response: the " + source.transport() + " connection "
                + source.connectionId() + " from " + source.remote() + " that carried the request is closed, and "
                + "a response cannot open a new one (RFC 7118 §5)", cause);
    }

    /** RFC 3263 §5: the sent-by name's SRV/A/AAAA targets, each tried in turn until one takes it. */
    private CompletableFuture<Void> respondByName(SipResponse response, SipUri sentBy) {
        return routing.responseLocator().locate(sentBy)
                .thenCompose(found -> send(response, TargetSet.of(found))).thenApply(used -> null);
    }

    /** RFC 3261 §18.2.2 and RFC 3581 §4: where a response goes when no connection carries it. */
    private static InetSocketAddress responseAddress(Via via, Transport transport) {
        String hostText = via.received().orElse(via.host());
        Host host = Host.parse(hostText);
        if (!host.isIpAddress()) {
            // Only a received parameter gets here with a name: a sent-by name is located instead.
            throw new IllegalArgumentException("Via received must be an IP address (RFC 3261 §18.2.1), was "
                    + hostText);
        }
        int port = via.rport().orElse(via.port().orElse(transport.defaultPort()));
        return new InetSocketAddress(host.text(), port);
    }

    private CompletableFuture<Void> sendDatagram(byte[] bytes, InetSocketAddress to) {
        boolean v6 = to.getAddress() instanceof Inet6Address;
        for (Bound b : listeners) {
            // By the address configured: a native socket bound to 0.0.0.0 may report the IPv6 wildcard. An IPv6
            // wildcard listener is dual-stack (Linux's default bindv6only=0) and sends to both families.
            InetAddress configured = b.config().address().getAddress();
            boolean sameFamily = configured instanceof Inet6Address
                    ? v6 || configured.isAnyLocalAddress() : !v6;
            if (b.config().transport().equals(Transport.UDP) && sameFamily) {
                DatagramPacket packet = new DatagramPacket(Unpooled.wrappedBuffer(bytes), to);
                return completion(b.sender().writeAndFlush(packet));
            }
        }
        return CompletableFuture.failedFuture(new IllegalStateException(
                "no UDP listener for " + (v6 ? "IPv6" : "IPv4") + " to send to " + to + " from"));
    }

    /**
     * Sends over an open connection of the target's transport to its address, or a new one; a new
     * WS connection is used once its handshake succeeded (RFC 7118 §4).
     */
    private CompletableFuture<Void> sendStream(byte[] bytes, Target target) {
        Transport transport = target.transport();
        InetSocketAddress to = target.address();
        if (transport.isSecure() && tls.isEmpty()) {
            return CompletableFuture.failedFuture(new IllegalStateException("cannot send over " + transport + " to "
                    + to + ": no TLS configuration (TransportConfig.withTls)"));
        }
        Channel open = connections.toRemote(transport, to);
        if (open != null) {
            // An accepted WS connection is in the table from its first byte; it carries SIP once upgraded.
            return StreamChannels.ready(open).thenCompose(v -> completion(open.writeAndFlush(
                    Unpooled.wrappedBuffer(bytes))));
        }
        ChannelInitializer<SocketChannel> initializer;
        try {
            initializer = streams.opened(target);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<Channel> connected = new CompletableFuture<>();
        new Bootstrap().group(sockets.group()).channel(sockets.socketChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5_000)
                .handler(initializer)
                .connect(to).addListener((ChannelFuture f) -> {
                    if (!f.isSuccess()) {
                        connected.completeExceptionally(new IllegalStateException("cannot connect over " + transport
                                + " to " + to + ": " + f.cause().getMessage(), f.cause()));
                    } else if (transport.equals(Transport.TLS)) {
                        // Registered for reuse only once the peer proved who it is.
                        f.channel().pipeline().get(SslHandler.class).handshakeFuture().addListener(h -> {
                            if (h.isSuccess()) {
                                register(f.channel(), target, connected);
                            } else {
                                f.channel().close();
                                String why = TlsContexts.describeFailure(h.cause());
                                connected.completeExceptionally(new IllegalStateException("cannot connect over TLS to "
                                        + to + " (" + target.hostName() + "): " + why, h.cause()));
                            }
                        });
                    } else {
                        // A WS or WSS connection carries SIP once its upgrade (after TLS for WSS) succeeded
                        // (RFC 7118 §4); TCP at once.
                        StreamChannels.ready(f.channel()).whenComplete((ok, failure) -> {
                            if (failure == null) {
                                register(f.channel(), target, connected);
                            } else {
                                f.channel().close();
                                connected.completeExceptionally(new IllegalStateException("cannot open " + transport
                                        + " to " + to + ": " + failure.getMessage(), failure));
                            }
                        });
                    }
                });
        return connected.thenCompose(c -> completion(c.writeAndFlush(Unpooled.wrappedBuffer(bytes))));
    }

    private void register(Channel channel, Target target, CompletableFuture<Channel> connected) {
        if (!connections.add(channel, target.transport(), false)) {
            stats.refusedConnections.increment();
            channel.close();
            connected.completeExceptionally(new IllegalStateException("connection to " + target.address()
                    + " refused: " + config.maxConnections() + " connections open"));
        } else {
            connected.complete(channel);
        }
    }

    private static CompletableFuture<Void> completion(ChannelFuture f) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        f.addListener(r -> {
            if (r.isSuccess()) {
                done.complete(null);
            } else {
                done.completeExceptionally(new IllegalStateException("send failed: " + r.cause().getMessage(),
                        r.cause()));
            }
        });
        return done;
    }

    /**
     * Closes every listener and connection and stops the event loops, unless the caller passed them
     * in; waits up to 5 seconds.
     */
    @Override
    public void close() {
        for (Bound b : listeners) {
            for (Channel c : b.channels()) {
                c.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
            }
        }
        if (ownsLoops) {
            sockets.close();
        } else {
            // The loops outlive this layer: its connections are closed one by one instead.
            for (Channel c : connections.all()) {
                c.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
            }
        }
    }
}
