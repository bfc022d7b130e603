package org.parley.ua;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.parley.transport.Transport;

/** A whole call between two user agents over real sockets on 127.0.0.1, UDP and TCP. */
class CallIT {
    private static final long WAIT_SECONDS = 10;

    @ParameterizedTest
    @ValueSource(strings = {"udp", "tcp"})
    void aliceCallsBobWhoAnswersThenAliceHangsUp(String transport) throws Exception {
        try (UserAgent alice = UserAgent.builder().identity("sip:alice@127.0.0.1")
                .listen(transport + ":127.0.0.1:0").start();
                UserAgent bob = UserAgent.builder().identity("sip:bob@127.0.0.1")
                        .listen(transport + ":127.0.0.1:0").start()) {
            CompletableFuture<Call> bobsCall = new CompletableFuture<>();
            bob.onIncomingCall(in -> {
                in.ring();
                in.answer();
                bobsCall.complete(in.call());
            });
            int port = bob.localAddresses(Transport.of(transport.toUpperCase(java.util.Locale.ROOT))).get(0)
                    .getPort();
            Call call = alice.call("sip:bob@127.0.0.1:" + port + ";transport=" + transport);
            call.established().get(WAIT_SECONDS, TimeUnit.SECONDS);
            Call answered = bobsCall.get(WAIT_SECONDS, TimeUnit.SECONDS);
            answered.established().get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(call.remoteSdp()).isEqualTo(answered.localSdp());

            assertThat(call.info("application/dtmf-relay", "Signal=1\r\n".getBytes(
                    java.nio.charset.StandardCharsets.US_ASCII)).get(WAIT_SECONDS, TimeUnit.SECONDS).statusCode())
                    .isEqualTo(200);
            call.hangup();
            assertThat(call.ended().get(WAIT_SECONDS, TimeUnit.SECONDS).reason()).isEqualTo(CallEnd.Reason.LOCAL_BYE);
            assertThat(answered.ended().get(WAIT_SECONDS, TimeUnit.SECONDS).reason())
                    .isEqualTo(CallEnd.Reason.REMOTE_BYE);
        }
    }
}
