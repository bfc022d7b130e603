package org.parley.proxy.flow;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import org.parley.message.SipMessage;
import org.parley.message.SipParser;

/**
 * A SIP peer played by the test on a plain UDP socket on 127.0.0.1 with an ephemeral port: it sends
 * the exact text the test writes (a strict router's Request-URI, hand-made Routes) and hands over
 * what arrives, parsed. Every receive is bounded. Confined to the test's thread.
 */
final class RawPeer implements AutoCloseable {
    private static final int RECEIVE_TIMEOUT_MS = 10_000;

    private final DatagramSocket socket;

    RawPeer() throws IOException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        socket.setSoTimeout(RECEIVE_TIMEOUT_MS);
    }

    int port() {
        return socket.getLocalPort();
    }

    /** Sends {@code text}, with {@code \n} line ends turned into CRLF, to {@code to}. */
    void send(String text, InetSocketAddress to) throws IOException {
        byte[] bytes = text.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
        socket.send(new DatagramPacket(bytes, bytes.length, to));
    }

    /** Sends a message as it is. */
    void send(SipMessage message, InetSocketAddress to) throws IOException {
        byte[] bytes = message.toBytes();
        socket.send(new DatagramPacket(bytes, bytes.length, to));
    }

    /**
     * The next message that arrives, within 10 s, with where it came from; a 100 Trying is skipped.
     *
     * @throws SocketTimeoutException when nothing arrives in time
     */
    Received receive() throws IOException {
        for (int i = 0; i < 10; i++) {
            byte[] buf = new byte[65_536];
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            socket.receive(p);
            byte[] bytes = new byte[p.getLength()];
            System.arraycopy(buf, 0, bytes, 0, bytes.length);
            SipMessage m = SipParser.parse(bytes);
            if (!(m instanceof org.parley.message.SipResponse r && r.statusCode() == 100)) {
                return new Received(m, (InetSocketAddress) p.getSocketAddress());
            }
        }
        throw new SocketTimeoutException("only 100 Trying arrived, ten times");
    }

    /** A message and its source. */
    record Received(SipMessage message, InetSocketAddress from) {
    }

    @Override
    public void close() {
        socket.close();
    }
}
