package org.parley.bench.transport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ceiling of the transport benchmark's rig: the cheapest UDP answer SIPp accepts, with no SIP
 * stack behind it.
 *
 * <p>Exactly what it does: one thread, one blocking JDK {@link DatagramChannel} bound to 127.0.0.1
 * on an ephemeral port (written as {@code udp=P} to the file named by the only argument). For each
 * datagram received into one reused heap buffer: if it starts with {@code "ACK "} nothing is sent;
 * otherwise it writes into a second reused buffer the fixed line {@code SIP/2.0 200 OK}, then copies
 * byte for byte every header line, up to the first empty line, whose name is exactly
 * {@code Via:}, {@code From:}, {@code To:}, {@code Call-ID:} or {@code CSeq:} (case as SIPp writes
 * them; compact forms and other spellings are not recognized), appending {@code ;tag=echo} to the To
 * line when it has no {@code ;tag=}, then the fixed {@code Content-Length: 0} and the empty line, and
 * sends that to the datagram's source address. It parses and validates nothing else, adds no
 * {@code received} or {@code rport}, and keeps no state: a datagram without those lines gets a
 * response without them. It logs once when ready and runs until the process is stopped.
 *
 * <p>Thread model: the main thread only.
 */
public final class BareUdpEcho {
    private static final Logger LOG = LoggerFactory.getLogger(BareUdpEcho.class);
    private static final byte[] STATUS_LINE = "SIP/2.0 200 OK\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "Content-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TAG = ";tag=echo".getBytes(StandardCharsets.US_ASCII);
    private static final byte[][] COPIED = {ascii("Via:"), ascii("From:"), ascii("To:"), ascii("Call-ID:"),
        ascii("CSeq:")};
    private static final byte[] TO = ascii("To:");
    private static final byte[] TAG_PARAM = ascii(";tag=");
    private static final byte[] ACK = ascii("ACK ");
    private static final int MAX_DATAGRAM = 65_535;

    private BareUdpEcho() {
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** Runs the echo; the argument is the file to write {@code udp=PORT} to once bound. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: BareUdpEcho PORT_FILE");
        }
        try (DatagramChannel channel = DatagramChannel.open()) {
            // The same receive buffer the transport layer asks for (NettyTransportLayer.UDP_RECEIVE_BUFFER),
            // so that both servers absorb the same bursts and the ratio compares their code, not their buffers.
            channel.setOption(StandardSocketOptions.SO_RCVBUF, 4 * 1024 * 1024);
            channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = ((InetSocketAddress) channel.getLocalAddress()).getPort();
            PortFile.write(Path.of(args[0]), "udp=" + port + " io=jdk-blocking threads=1");
            LOG.info("echo ready: udp={}", port);
            ByteBuffer in = ByteBuffer.allocate(MAX_DATAGRAM);
            // A response holds at most the request's bytes plus the fixed lines and one tag.
            ByteBuffer out = ByteBuffer.allocate(MAX_DATAGRAM + STATUS_LINE.length + END.length + TAG.length);
            while (true) {
                in.clear();
                SocketAddress from = channel.receive(in);
                if (answer(in.array(), in.position(), out)) {
                    out.flip();
                    channel.send(out, from);
                }
            }
        }
    }

    /** Builds the answer to {@code req[0, len)} in {@code out}; false for an ACK. */
    private static boolean answer(byte[] req, int len, ByteBuffer out) {
        if (startsWith(req, 0, len, ACK)) {
            return false;
        }
        out.clear();
        out.put(STATUS_LINE);
        int line = nextLine(req, 0, len);
        while (line < len) {
            int end = lineEnd(req, line, len);
            if (end == line) {
                break;
            }
            for (byte[] name : COPIED) {
                if (startsWith(req, line, len, name)) {
                    boolean addTag = name == TO && indexOf(req, line, end, TAG_PARAM) < 0;
                    out.put(req, line, end - line);
                    if (addTag) {
                        out.put(TAG);
                    }
                    out.put((byte) '\r').put((byte) '\n');
                    break;
                }
            }
            line = nextLine(req, line, len);
        }
        out.put(END);
        return true;
    }

    /** Index of the CR (or LF, or len) that ends the line starting at {@code from}. */
    private static int lineEnd(byte[] b, int from, int len) {
        int i = from;
        while (i < len && b[i] != '\r' && b[i] != '\n') {
            i++;
        }
        return i;
    }

    /** Index of the first byte after the line terminator of the line starting at {@code from}. */
    private static int nextLine(byte[] b, int from, int len) {
        int i = lineEnd(b, from, len);
        if (i < len && b[i] == '\r') {
            i++;
        }
        if (i < len && b[i] == '\n') {
            i++;
        }
        return i;
    }

    private static boolean startsWith(byte[] b, int from, int len, byte[] prefix) {
        if (len - from < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[from + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] b, int from, int to, byte[] needle) {
        for (int i = from; i <= to - needle.length; i++) {
            if (startsWith(b, i, to, needle)) {
                return i;
            }
        }
        return -1;
    }
}
