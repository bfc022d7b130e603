package org.parley.testkit.sipp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.parley.transport.Transport;

/**
 * Local ports for SIPp: one the kernel gives as free on both UDP and TCP (SIPp's {@code -p 0}
 * means 5060, so a port must be chosen for it), and whether a process has bound a port yet, read
 * from {@code /proc/net} (Linux, where SIPp runs here) so that the check never binds the port itself
 * and so never races SIPp for it. Stateless.
 */
final class LocalPorts {
    /** {@code /proc/net/tcp*} state of a listening socket. */
    private static final String TCP_LISTEN = "0A";

    private LocalPorts() {
    }

    /**
     * A port free on {@code address} for UDP and TCP at the moment of the call: the kernel's ephemeral
     * UDP port, kept only when TCP can bind it too. Another process may still take it before SIPp
     * binds it; the runner retries with a new port when SIPp says so.
     */
    static int free(InetAddress address, int attempts) {
        for (int i = 0; i < attempts; i++) {
            try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(address, 0))) {
                int port = udp.getLocalPort();
                try (ServerSocket tcp = new ServerSocket()) {
                    tcp.bind(new InetSocketAddress(address, port));
                    return port;
                } catch (IOException takenOnTcp) {
                    // The UDP port is held on TCP by someone else: draw another one.
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot bind a UDP socket on " + address.getHostAddress(), e);
            }
        }
        throw new IllegalStateException("no port free on both UDP and TCP on " + address.getHostAddress()
                + " after " + attempts + " attempts");
    }

    /**
     * Whether a socket of {@code transport} (UDP bound, or TCP listening) exists on {@code port} of
     * {@code address}'s family, as {@code /proc/net/udp[6]} or {@code /proc/net/tcp[6]} show it.
     */
    static boolean isBound(Transport transport, InetAddress address, int port) {
        boolean udp = transport.equals(Transport.UDP);
        String table = (udp ? "udp" : "tcp") + (address instanceof Inet6Address ? "6" : "");
        Path file = Path.of("/proc/net", table);
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " to see whether SIPp bound port " + port
                    + " (the SIPp harness needs Linux)", e);
        }
        String hexPort = String.format(Locale.ROOT, ":%04X", port);
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            // Columns: sl local_address rem_address st ...; the local address ends with ":PORT" in hex.
            String[] columns = line.trim().split("\\s+");
            if (columns.length > 3 && columns[1].endsWith(hexPort) && (udp || columns[3].equals(TCP_LISTEN))) {
                return true;
            }
        }
        return false;
    }
}
