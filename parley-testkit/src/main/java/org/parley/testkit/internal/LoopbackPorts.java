package org.parley.testkit.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Ports that are free on a loopback address at the moment of the call, for programs that must be
 * told a port (they cannot bind 0 and report it). Another process may take a port before the
 * program binds it; the launchers then start the program again on a new one. Stateless.
 */
public final class LoopbackPorts {
    /** How many ports to draw before giving up. */
    private static final int ATTEMPTS = 50;

    private LoopbackPorts() {
    }

    /**
     * A port {@code p} free on {@code address} for UDP and TCP, with {@code p + 1} free for TCP too
     * when {@code withNext} (a SIP stack that listens for TLS on the next port).
     */
    public static int freeSip(InetAddress address, boolean withNext) {
        for (int i = 0; i < ATTEMPTS; i++) {
            try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(address, 0))) {
                int port = udp.getLocalPort();
                if (port < 65_535 && isTcpFree(address, port) && (!withNext || isTcpFree(address, port + 1))) {
                    return port;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot bind a UDP socket on " + address.getHostAddress(), e);
            }
        }
        throw new IllegalStateException("no SIP port free on UDP and TCP on " + address.getHostAddress() + " after "
                + ATTEMPTS + " attempts");
    }

    /** A TCP port free on {@code address}. */
    public static int freeTcp(InetAddress address) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(address, 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind a TCP socket on " + address.getHostAddress(), e);
        }
    }

    /** A UDP port free on {@code address}. */
    public static int freeUdp(InetAddress address) {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(address, 0))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind a UDP socket on " + address.getHostAddress(), e);
        }
    }

    private static boolean isTcpFree(InetAddress address, int port) {
        try (ServerSocket tcp = new ServerSocket()) {
            tcp.bind(new InetSocketAddress(address, port));
            return true;
        } catch (IOException taken) {
            return false;
        }
    }
}
