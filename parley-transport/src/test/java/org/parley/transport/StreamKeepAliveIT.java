package org.parley.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.parley.message.ParserConfig;

/**
 * {@link NettyTransportLayer#sendKeepAlive}: a CRLFCRLF ping (RFC 5626 §4.4.1) written on the TCP flow
 * a message came in on, a failure once that flow is closed, and a refusal for a datagram source.
 * Loopback, ephemeral ports.
 */
class StreamKeepAliveIT {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final int WAIT_MS = 5_000;

    private final BlockingQueue<Inbound> inbound = new LinkedBlockingQueue<>();
    private NettyTransportLayer layer;

    @AfterEach
    void closeLayer() {
        if (layer != null) {
            layer.close();
        }
    }

    private void start() {
        InetSocketAddress any = new InetSocketAddress(LOOPBACK, 0);
        layer = NettyTransportLayer.start(new TransportConfig(List.of(new ListenerConfig(Transport.UDP, any),
                new ListenerConfig(Transport.TCP, any)), ParserConfig.DEFAULT, 100, 8, 1,
                TransportConfig.DEFAULT_IDLE_TIMEOUT), inbound::add);
    }

    private static byte[] options() {
        return ("OPTIONS sip:bob@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/TCP 127.0.0.1:5099;branch=z9hG4bK-ka1\r\n"
                + "Max-Forwards: 70\r\nFrom: <sip:alice@127.0.0.1>;tag=a1\r\nTo: <sip:bob@127.0.0.1>\r\n"
                + "Call-ID: ka-1\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void writesCrlfCrlfOnTheFlowAndFailsOnceItIsClosed() throws Exception {
        start();
        InetSocketAddress tcp = layer.localAddresses(Transport.TCP).get(0);
        Source flow;
        try (Socket client = new Socket(LOOPBACK, tcp.getPort())) {
            client.setSoTimeout(WAIT_MS);
            client.getOutputStream().write(options());
            Inbound in = inbound.poll(WAIT_MS, TimeUnit.MILLISECONDS);
            assertThat(in).as("the OPTIONS within %d ms", WAIT_MS).isNotNull();
            flow = in.source();

            layer.sendKeepAlive(flow).get(WAIT_MS, TimeUnit.MILLISECONDS);

            InputStream from = client.getInputStream();
            assertThat(from.readNBytes(4)).containsExactly('\r', '\n', '\r', '\n');
        }
        // The layer learns of the close asynchronously: poll, bounded in count and time.
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
        boolean failed = false;
        for (int i = 0; i < 100_000 && !failed && System.nanoTime() < deadline; i++) {
            try {
                layer.sendKeepAlive(flow).get(WAIT_MS, TimeUnit.MILLISECONDS);
                Thread.onSpinWait();
            } catch (ExecutionException e) {
                failed = true;
                assertThat(e.getCause()).isInstanceOf(IllegalStateException.class);
            }
        }
        assertThat(failed).as("a keep-alive on the closed flow fails").isTrue();
    }

    @Test
    void refusesADatagramSource() {
        start();
        Source udp = new Source(Transport.UDP, new InetSocketAddress(LOOPBACK, 5099),
                layer.localAddresses(Transport.UDP).get(0), 0);

        assertThat(layer.sendKeepAlive(udp)).failsWithin(java.time.Duration.ofSeconds(1))
                .withThrowableThat().withCauseInstanceOf(IllegalArgumentException.class)
                .withMessageContaining("stream flow");
    }

    @Test
    void refusesAFlowThatNeverExisted() {
        start();
        Source none = new Source(Transport.TCP, new InetSocketAddress(LOOPBACK, 5099),
                layer.localAddresses(Transport.TCP).get(0), 999_999);

        assertThatThrownBy(() -> layer.sendKeepAlive(none).get(WAIT_MS, TimeUnit.MILLISECONDS))
                .isInstanceOf(ExecutionException.class).hasMessageContaining("closed");
    }
}
