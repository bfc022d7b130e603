package org.parley.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.parley.message.SipParser;
import org.parley.message.SipResponse;
import org.parley.transport.IoLoops;
import org.parley.transport.ListenerConfig;
import org.parley.transport.NettyTransportLayer;
import org.parley.transport.RoutingConfig;
import org.parley.transport.Transport;
import org.parley.transport.TransportConfig;

/**
 * Lanes on the transport's own event loops ({@link EventLoopLane#on}): a request read on a loop is
 * handed to the user on that same thread and answered from it, retransmissions are answered from
 * the Completed table, and closing the layer and its lanes leaves the loops to their owner.
 */
class LanesOnIoLoopsIT {
    private static byte[] options(int port, String branch, String callId) {
        return ("OPTIONS sip:127.0.0.1:" + port + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:9;rport;branch=" + branch + "\r\n"
                + "Max-Forwards: 70\r\nFrom: <sip:a@127.0.0.1>;tag=1\r\nTo: <sip:b@127.0.0.1>\r\n"
                + "Call-ID: " + callId + "\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void aRequestIsHandledAndAnsweredOnTheLoopThatReadIt() throws Exception {
        List<String> userThreads = new CopyOnWriteArrayList<>();
        TransportConfig config = TransportConfig.of(List.of(
                new ListenerConfig(Transport.UDP, new InetSocketAddress("127.0.0.1", 0))));
        IoLoops loops = IoLoops.open(1, true);
        List<EventLoopLane> lanes = new ArrayList<>();
        loops.loops().forEach(loop -> lanes.add(EventLoopLane.on(loop)));
        try (DatagramSocket client = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            client.setSoTimeout(5_000);
            try (TransactionLayer layer = TransactionLayer.start(TransactionConfig.defaults().withLanes(1), lanes,
                    (tx, request) -> {
                        userThreads.add(Thread.currentThread().getName());
                        tx.respond(SipResponse.responseTo(request, 200).build());
                    },
                    handler -> NettyTransportLayer.start(config, RoutingConfig.DEFAULT, handler,
                            InstantSource.system(), loops))) {
                int port = layer.transport().localAddresses(Transport.UDP).get(0).getPort();
                InetSocketAddress server = new InetSocketAddress("127.0.0.1", port);
                byte[] request = options(port, "z9hG4bK-io1", "io-1@127.0.0.1");
                for (int i = 0; i < 2; i++) {
                    // The second is a retransmission: answered from the Completed table, not the user.
                    client.send(new DatagramPacket(request, request.length, server));
                    DatagramPacket in = new DatagramPacket(new byte[4096], 4096);
                    client.receive(in);
                    SipResponse r = (SipResponse) SipParser.parse(Arrays.copyOf(in.getData(), in.getLength()));
                    assertThat(r.statusCode()).isEqualTo(200);
                    assertThat(r.topVia().branch()).contains("z9hG4bK-io1");
                }
                assertThat(userThreads).hasSize(1);
                assertThat(userThreads.get(0)).as("the transport's loop, no lane thread").startsWith("parley-io-");
            } finally {
                lanes.forEach(EventLoopLane::close);
            }
            assertThat(loops.loops().get(0).isShuttingDown()).as("the layer leaves the loops to their owner")
                    .isFalse();
        } finally {
            loops.close();
        }
        assertThat(loops.loops().get(0).isShuttingDown()).isTrue();
    }
}
