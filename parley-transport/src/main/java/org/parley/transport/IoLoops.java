package org.parley.transport;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kind of socket the layer runs on and the event loops that drive it: one place chooses the
 * I/O implementation, so listeners and outbound connections always agree with their event loops.
 *
 * <p>Native epoll is chosen when {@link TransportConfig#nativeTransport()} allows it and Netty's
 * native library loads ({@link Epoll#isAvailable()}: Linux x86-64 with the bundled library); NIO
 * otherwise. The choice and its reason are logged once, at INFO, when the layer starts. Only epoll
 * offers {@code SO_REUSEPORT}, which lets a UDP listener bind one socket per event loop on the same
 * port ({@link #udpSocketsPerListener()}).
 *
 * <p>Event-loop threads are named {@code parley-io-<pool>-<n>}, so logs and tests can tell which
 * loop handled a message. Thread-safe after construction.
 *
 * <p>Usually made and owned by {@link NettyTransportLayer}. A caller that wants other work on the
 * same threads — the transaction layer's lanes, so that a datagram is parsed, matched, answered and
 * sent on one thread with no hand-off ({@code EventLoopLane.on}) — opens them first with
 * {@link #open}, passes them to {@link NettyTransportLayer#start(TransportConfig, RoutingConfig,
 * InboundHandler, java.time.InstantSource, IoLoops)}, and closes them after the layer.
 */
public final class IoLoops implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IoLoops.class);

    private final boolean epoll;
    private final int ioThreads;
    private final EventLoopGroup group;

    /**
     * Starts {@code ioThreads} event loops, on native epoll when {@code preferNative} and it is
     * available, else on NIO.
     */
    public static IoLoops open(int ioThreads, boolean preferNative) {
        if (ioThreads < 1) {
            throw new IllegalArgumentException("ioThreads must be at least 1, was " + ioThreads);
        }
        return new IoLoops(ioThreads, preferNative);
    }

    private IoLoops(int ioThreads, boolean preferNative) {
        this.ioThreads = ioThreads;
        this.epoll = preferNative && Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        this.group = new MultiThreadIoEventLoopGroup(ioThreads, new DefaultThreadFactory("parley-io"), io);
        if (epoll) {
            LOG.info("transport I/O: native epoll, {} event loops, SO_REUSEPORT on UDP listeners", ioThreads);
        } else if (!preferNative) {
            LOG.info("transport I/O: NIO, {} event loops (native transport disabled by TransportConfig)", ioThreads);
        } else {
            LOG.info("transport I/O: NIO, {} event loops (native epoll unavailable: {})", ioThreads,
                    Epoll.unavailabilityCause().toString());
        }
    }

    EventLoopGroup group() {
        return group;
    }

    /** The event loops, one per I/O thread, in a fixed order. */
    public List<EventLoop> loops() {
        List<EventLoop> loops = new ArrayList<>(ioThreads);
        for (EventExecutor e : group) {
            loops.add((EventLoop) e);
        }
        return List.copyOf(loops);
    }

    /** How many event loops there are. */
    public int ioThreads() {
        return ioThreads;
    }

    Class<? extends DatagramChannel> datagramChannel() {
        return epoll ? EpollDatagramChannel.class : NioDatagramChannel.class;
    }

    Class<? extends ServerChannel> serverChannel() {
        return epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    Class<? extends SocketChannel> socketChannel() {
        return epoll ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    /** True when UDP listeners bind with {@code SO_REUSEPORT} (epoll only). */
    boolean reusePort() {
        return epoll;
    }

    /**
     * How many sockets a UDP listener binds on its port: one per event loop with {@code SO_REUSEPORT},
     * so that the kernel spreads datagrams (by their source and destination addresses) over the loops;
     * one without it.
     */
    int udpSocketsPerListener() {
        return epoll ? ioThreads : 1;
    }

    /** A name for logs and benchmarks: "epoll" or "nio". */
    public String kind() {
        return epoll ? "epoll" : "nio";
    }

    /** Stops the event loops, waiting up to 5 s. */
    @Override
    public void close() {
        group.shutdownGracefully(0, 5, TimeUnit.SECONDS)
                .awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
