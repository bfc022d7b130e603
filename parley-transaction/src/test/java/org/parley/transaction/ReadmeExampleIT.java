package org.parley.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.parley.message.HeaderName;
import org.parley.message.Method;
import org.parley.message.SipRequest;
import org.parley.message.SipResponse;
import org.parley.transport.ListenerConfig;
import org.parley.transport.NettyTransportLayer;
import org.parley.transport.Transport;
import org.parley.transport.TransportConfig;
import org.parley.transport.resolve.Target;

/**
 * The transport and transaction example of README.md, kept compiling and true: the same code, with
 * port 0 (then read back) where the README names fixed ports.
 */
class ReadmeExampleIT {
    @Test
    void readmeExampleAnswersAnOptionsPingOverUdp() throws Exception {
        InetSocketAddress serverAddress = new InetSocketAddress("127.0.0.1", 0);
        InetSocketAddress clientAddress = new InetSocketAddress("127.0.0.1", 0);

        // A server that answers every request with 200 OK.
        try (EventLoopLane serverLane = new EventLoopLane("server-lane");
                EventLoopLane clientLane = new EventLoopLane("client-lane");
                TransactionLayer server = TransactionLayer.start(TransactionConfig.defaults(), List.of(serverLane),
                        (transaction, request) -> transaction.respond(SipResponse.responseTo(request, 200).build()),
                        handler -> NettyTransportLayer.start(TransportConfig.of(List.of(
                                new ListenerConfig(Transport.UDP, serverAddress))), handler));
                TransactionLayer client = TransactionLayer.start(TransactionConfig.defaults(), List.of(clientLane),
                        (transaction, request) -> { },
                        handler -> NettyTransportLayer.start(TransportConfig.of(List.of(
                                new ListenerConfig(Transport.UDP, clientAddress))), handler))) {
            InetSocketAddress to = server.transport().localAddresses(Transport.UDP).get(0);
            InetSocketAddress from = client.transport().localAddresses(Transport.UDP).get(0);

            // A client that pings it: the layer retransmits, matches the response, times out with a 408.
            SipRequest options = SipRequest.builder(Method.OPTIONS, "sip:" + to.getHostString() + ":" + to.getPort())
                    .add(HeaderName.VIA, "SIP/2.0/UDP " + from.getHostString() + ":" + from.getPort()
                            + ";rport;branch=" + TransactionLayer.newBranch())
                    .add(HeaderName.MAX_FORWARDS, "70")
                    .add(HeaderName.FROM, "<sip:alice@127.0.0.1>;tag=a73kszlfl")
                    .add(HeaderName.TO, "<sip:" + to.getHostString() + ">")
                    .add(HeaderName.CALL_ID, "ping-1@127.0.0.1")
                    .add(HeaderName.CSEQ, "1 OPTIONS")
                    .build();
            CompletableFuture<SipResponse> answer = new CompletableFuture<>();
            client.send(options, new Target(Transport.UDP, to, to.getHostString()),
                    (transaction, response) -> answer.complete(response));

            assertThat(answer.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
    }
}
