package org.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.message.HeaderName;
import org.parley.message.Method;
import org.parley.message.SipRequest;
import org.parley.message.SipResponse;
import org.parley.transaction.EventLoopLane;
import org.parley.transaction.ServerTransaction;
import org.parley.transaction.TransactionConfig;
import org.parley.transaction.TransactionLayer;
import org.parley.transport.ListenerConfig;
import org.parley.transport.NettyTransportLayer;
import org.parley.transport.Transport;
import org.parley.transport.TransportConfig;
import org.parley.transport.resolve.Target;

/**
 * {@link ShutdownGate} in front of a core that holds INVITEs unanswered, on real transaction layers over
 * loopback UDP: an INVITE with the core stays pending across a prune (its state is read on its lane),
 * a new request while closing gets 503 with Retry-After (RFC 3261 §21.5.4), and at the end of the grace
 * period the held INVITE is answered 503 and nothing is left pending.
 */
class ShutdownGateIT {
    private final CompletableFuture<ServerTransaction> held = new CompletableFuture<>();
    private final ShutdownGate gate = new ShutdownGate((tx, request) -> {
        if (request.method().equals(Method.INVITE)) {
            held.complete(tx);
        } else {
            tx.respond(SipResponse.responseTo(request, 200).build());
        }
    });
    private EventLoopLane serverLane;
    private EventLoopLane clientLane;
    private TransactionLayer server;
    private TransactionLayer client;

    @BeforeEach
    void start() {
        serverLane = new EventLoopLane("gate-server");
        clientLane = new EventLoopLane("gate-client");
        server = TransactionLayer.start(TransactionConfig.defaults().withLanes(1), List.of(serverLane), gate,
                h -> NettyTransportLayer.start(udp(), h));
        gate.attach(server);
        client = TransactionLayer.start(TransactionConfig.defaults().withLanes(1), List.of(clientLane),
                (tx, request) -> tx.respond(SipResponse.responseTo(request, 501).build()),
                h -> NettyTransportLayer.start(udp(), h));
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
        clientLane.close();
        serverLane.close();
    }

    private static TransportConfig udp() {
        return TransportConfig.of(List.of(new ListenerConfig(Transport.UDP, new InetSocketAddress("127.0.0.1", 0))));
    }

    /** Sends {@code method} in a new Call-ID; every response lands in the returned queue. */
    private BlockingQueue<SipResponse> send(Method method, String callId) {
        int port = server.transport().localAddresses(Transport.UDP).get(0).getPort();
        int ours = client.transport().localAddresses(Transport.UDP).get(0).getPort();
        SipRequest request = SipRequest.builder(method, "sip:alice@127.0.0.1:" + port)
                .add(HeaderName.VIA, "SIP/2.0/UDP 127.0.0.1:" + ours + ";rport;branch=" + TransactionLayer.newBranch())
                .add(HeaderName.MAX_FORWARDS, "70")
                .add(HeaderName.FROM, "<sip:bob@127.0.0.1>;tag=" + Integer.toHexString(callId.hashCode()))
                .add(HeaderName.TO, "<sip:alice@127.0.0.1>")
                .add(HeaderName.CALL_ID, callId)
                .add(HeaderName.CSEQ, "1 " + method)
                .add(HeaderName.CONTACT, "<sip:bob@127.0.0.1:" + ours + ">")
                .build();
        BlockingQueue<SipResponse> responses = new LinkedBlockingQueue<>();
        client.send(request, new Target(Transport.UDP, new InetSocketAddress("127.0.0.1", port), "127.0.0.1"),
                (tx, response) -> responses.add(response));
        return responses;
    }

    /** Waits until every task queued on the server's lane so far (the prune checks) has run. */
    private void settle() throws Exception {
        server.liveTransactions().get(5, TimeUnit.SECONDS);
    }

    private static SipResponse finalResponse(BlockingQueue<SipResponse> responses) throws InterruptedException {
        for (int i = 0; i < 10; i++) {
            SipResponse r = responses.poll(10, TimeUnit.SECONDS);
            assertThat(r).as("a response within 10 s").isNotNull();
            if (r.statusCode() >= 200) {
                return r;
            }
        }
        throw new AssertionError("no final response among 10");
    }

    @Test
    void holdsOpenTransactionsRefusesNewRequestsWhileClosingAndAnswersTheOpenOnes503() throws Exception {
        BlockingQueue<SipResponse> invite = send(Method.INVITE, "gate-invite@127.0.0.1");
        held.get(10, TimeUnit.SECONDS);
        gate.prune();
        settle();
        assertThat(gate.pending()).isEqualTo(1);

        BlockingQueue<SipResponse> before = send(Method.OPTIONS, "gate-options-1@127.0.0.1");
        assertThat(finalResponse(before).statusCode()).isEqualTo(200);
        gate.prune();
        settle();
        assertThat(gate.pending()).as("the answered OPTIONS is forgotten, the INVITE is not").isEqualTo(1);

        gate.close();
        SipResponse refused = finalResponse(send(Method.OPTIONS, "gate-options-2@127.0.0.1"));
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.header(HeaderName.RETRY_AFTER)).contains("30");
        assertThat(gate.refused()).isEqualTo(1);

        gate.refuseOpen();
        SipResponse ended = finalResponse(invite);
        assertThat(ended.statusCode()).isEqualTo(503);
        assertThat(ended.header(HeaderName.RETRY_AFTER)).contains("30");
        settle();
        assertThat(gate.pending()).isZero();
    }
}
