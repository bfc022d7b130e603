package org.parley.ua;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.parley.message.Method;
import org.parley.message.SipRequest;
import org.parley.message.SipResponse;
import org.parley.transaction.EventLoopLane;
import org.parley.transaction.TransactionConfig;
import org.parley.transaction.TransactionLayer;
import org.parley.transport.ListenerConfig;
import org.parley.transport.NettyTransportLayer;
import org.parley.transport.Transport;
import org.parley.transport.TransportConfig;
import org.parley.ua.auth.DigestAlgorithm;

/** Two user agents, and a registrar, over real UDP sockets on 127.0.0.1 with ephemeral ports. */
class UserAgentIT {
    private static final long WAIT_SECONDS = 10;

    private static UserAgent start(String identity) {
        return UserAgent.builder().identity(identity).listen("udp:127.0.0.1:0").start();
    }

    private static String at(UserAgent ua, String user) {
        InetSocketAddress a = ua.localAddresses(Transport.UDP).get(0);
        return "sip:" + user + "@127.0.0.1:" + a.getPort();
    }

    @Test
    void pingsAndMessagesAnotherUserAgent() throws Exception {
        try (UserAgent alice = start("sip:alice@127.0.0.1"); UserAgent bob = start("sip:bob@127.0.0.1")) {
            CompletableFuture<IncomingMessage> got = new CompletableFuture<>();
            bob.onMessage(got::complete);

            SipResponse pong = alice.options(at(bob, "bob")).get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(pong.statusCode()).isEqualTo(200);
            assertThat(pong.allow()).contains(Method.INVITE, Method.MESSAGE);
            assertThat(pong.server()).hasValue(UserAgent.DEFAULT_NAME);

            SipResponse sent = alice.message(at(bob, "bob"), "hello over UDP").get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(sent.statusCode()).isEqualTo(200);
            IncomingMessage m = got.get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(m.text()).isEqualTo("hello over UDP");
            assertThat(m.from().uri().toString()).isEqualTo("sip:alice@127.0.0.1");
        }
    }

    @Test
    void registersWithDigestAndUnregistersWhenClosed() throws Exception {
        TestRegistrar logic = new TestRegistrar();
        logic.challenge = DigestAlgorithm.SHA_256;
        LinkedBlockingQueue<SipRequest> seen = new LinkedBlockingQueue<>();
        try (EventLoopLane lane = new EventLoopLane("test-registrar");
                TransactionLayer registrar = TransactionLayer.start(TransactionConfig.defaults(), List.of(lane),
                        (tx, request) -> {
                            seen.add(request);
                            tx.respond(logic.answer(request));
                        }, h -> NettyTransportLayer.start(TransportConfig.of(List.of(new ListenerConfig(
                                Transport.UDP, new InetSocketAddress("127.0.0.1", 0)))), h))) {
            int port = registrar.transport().localAddresses(Transport.UDP).get(0).getPort();
            UserAgent alice = UserAgent.builder().identity("sip:alice@127.0.0.1").listen("udp:127.0.0.1:0")
                    .account(TestRegistrar.USER, TestRegistrar.PASSWORD).start();
            Registration r = alice.register("sip:127.0.0.1:" + port,
                    RegistrationOptions.defaults().withExpires(Duration.ofSeconds(300)));
            List<Binding> bindings = r.start().get(WAIT_SECONDS, TimeUnit.SECONDS);

            assertThat(bindings).singleElement().satisfies(b -> {
                assertThat(b.isOurs()).isTrue();
                assertThat(b.expires()).isEqualTo(Duration.ofSeconds(300));
            });
            assertThat(r.state()).isEqualTo(RegistrationState.REGISTERED);

            alice.close();
            // close() waited for the removal's answer: the registrar has seen REGISTER, the
            // authenticated one, and the removal (already authorized with the cached nonce).
            List<SipRequest> requests = List.copyOf(seen);
            assertThat(requests).hasSizeGreaterThanOrEqualTo(3);
            SipRequest last = requests.get(requests.size() - 1);
            assertThat(last.expires()).hasValue(0);
            assertThat(r.state()).isEqualTo(RegistrationState.UNREGISTERED);
        }
    }
}
