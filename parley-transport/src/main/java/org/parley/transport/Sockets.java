package org.parley.transport;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.concurrent.TimeUnit;

/**
 * The kind of socket the layer runs on and the event loops that drive it: one place chooses the
 * I/O implementation, so listeners and outbound connections always agree with their event loops.
 * Thread-safe after construction.
 */
final class Sockets implements AutoCloseable {
    private final EventLoopGroup group;

    Sockets(int ioThreads) {
        this.group = new MultiThreadIoEventLoopGroup(ioThreads, NioIoHandler.newFactory());
    }

    EventLoopGroup group() {
        return group;
    }

    Class<? extends DatagramChannel> datagramChannel() {
        return NioDatagramChannel.class;
    }

    Class<? extends ServerChannel> serverChannel() {
        return NioServerSocketChannel.class;
    }

    Class<? extends SocketChannel> socketChannel() {
        return NioSocketChannel.class;
    }

    /** A name for logs and benchmarks, e.g. "nio". */
    String kind() {
        return "nio";
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 5, TimeUnit.SECONDS)
                .awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
