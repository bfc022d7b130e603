package org.parley.proxy.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.proxy.flow.Flows.await;
import static org.parley.proxy.flow.Flows.eventually;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.parley.message.HeaderName;
import org.parley.message.SipRequest;
import org.parley.message.SipResponse;
import org.parley.message.header.Via;
import org.parley.transport.Transport;
import org.parley.ua.Call;
import org.parley.ua.CallEnd;
import org.parley.ua.CallOptions;
import org.parley.ua.IncomingCall;
import org.parley.ua.UserAgent;

/**
 * Calls between two Parley user agents registered through the proxy (RFC 3261 §16): the INVITE
 * reaches the callee's binding with the proxy's Via and Record-Route (§16.6 steps 4 and 8), the call
 * is listed while it lasts, and the re-INVITE and BYE of the dialog come back through the proxy by
 * its Record-Route (§16.12); the caller and callee may use different transports (UDP and TCP).
 */
class BasicCallIT {
    /** Alice calls bob through the proxy; bob answers; both UAs registered through the proxy. */
    private record Parties(UserAgent alice, UserAgent bob, CompletableFuture<IncomingCall> incoming) {
    }

    private static Parties register(ProxyHarness harness, Transport aliceOver, Transport bobOver) throws Exception {
        UserAgent alice = harness.userAgent("alice", aliceOver);
        UserAgent bob = harness.userAgent("bob", bobOver);
        CompletableFuture<IncomingCall> incoming = new CompletableFuture<>();
        bob.onIncomingCall(in -> {
            incoming.complete(in);
            in.answer();
        });
        await(alice.register("sip:" + ProxyHarness.DOMAIN).start());
        await(bob.register("sip:" + ProxyHarness.DOMAIN).start());
        return new Parties(alice, bob, incoming);
    }

    @ParameterizedTest(name = "caller over {0}, callee over {1}")
    @CsvSource({"UDP, UDP", "UDP, TCP", "TCP, UDP"})
    void aCallThroughTheProxyIsEstablishedListedAndEndedByTheCaller(String aliceOver, String bobOver)
            throws Exception {
        try (ProxyHarness harness = ProxyHarness.start()) {
            Parties p = register(harness, Transport.of(aliceOver), Transport.of(bobOver));

            Call call = p.alice().call("sip:bob@" + ProxyHarness.DOMAIN);
            await(call.established());
            IncomingCall in = await(p.incoming());
            SipRequest invite = in.request();

            // RFC 3261 §16.6 step 8: the proxy's Via on top, over the callee's transport; the caller's below.
            List<Via> vias = invite.vias();
            assertThat(vias).hasSize(2);
            assertThat(vias.get(0).transport()).isEqualToIgnoringCase(bobOver);
            assertThat(vias.get(0).port()).hasValue(harness.address(Transport.of(bobOver)).getPort());
            assertThat(vias.get(1).transport()).isEqualToIgnoringCase(aliceOver);
            // §16.6 step 4: the proxy record-routes, so the dialog's requests come back through it.
            assertThat(invite.header(HeaderName.RECORD_ROUTE)).isPresent();
            assertThat(invite.requestUriText()).contains(String.valueOf(p.bob().localAddresses(
                    Transport.of(bobOver)).get(0).getPort()));
            eventually("the call is listed by the proxy", () -> harness.proxy().calls().size() == 1);

            call.hangup();
            assertThat(await(call.ended()).reason()).isEqualTo(CallEnd.Reason.LOCAL_BYE);
            assertThat(await(in.call().ended()).reason()).isEqualTo(CallEnd.Reason.REMOTE_BYE);
            eventually("the call is gone from the proxy after the BYE", () -> harness.proxy().calls().isEmpty());
        }
    }

    /** {@code call.resume()}, asked again while the previous INVITE's exchange is still open (at most 10 s). */
    private static SipResponse resumeWhenReady(Call call) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try {
                return await(call.resume());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof IllegalStateException) || System.nanoTime() > deadline) {
                    throw e;
                }
                CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(20, TimeUnit.MILLISECONDS))
                        .join();
            }
        }
    }

    @Test
    void reInviteAndByeFromTheCalleeAreRoutedBackThroughTheProxyByItsRecordRoute() throws Exception {
        try (ProxyHarness harness = ProxyHarness.start()) {
            Parties p = register(harness, Transport.UDP, Transport.TCP);
            List<SipRequest> reinvitesAtAlice = new CopyOnWriteArrayList<>();
            Call call = p.alice().call("sip:bob@" + ProxyHarness.DOMAIN,
                    CallOptions.defaults().onReinvite(reinvitesAtAlice::add));
            await(call.established());
            IncomingCall in = await(p.incoming());
            List<SipRequest> reinvitesAtBob = new CopyOnWriteArrayList<>();
            in.call().onReinvite(reinvitesAtBob::add);
            long forwardedBefore = harness.proxy().stats().requestsForwarded();

            // The caller's re-INVITE (hold, RFC 3264 §8.4) goes to the proxy's Record-Route first.
            SipResponse held = await(call.hold());
            assertThat(held.statusCode()).isEqualTo(200);
            eventually("bob saw the re-INVITE", () -> reinvitesAtBob.size() == 1);
            assertThat(reinvitesAtBob.get(0).vias()).as("the proxy's Via over the caller's").hasSize(2);
            assertThat(reinvitesAtBob.get(0).vias().get(0).port())
                    .hasValue(harness.address(Transport.TCP).getPort());

            // The callee's re-INVITE takes the reversed route set back through the proxy (RFC 3261 §12.1.1).
            // Bob may start it only once alice's ACK has ended his INVITE server transaction (§14.1); until
            // it arrives his user agent refuses, so the test asks again until it is accepted.
            assertThat(resumeWhenReady(in.call()).statusCode()).isEqualTo(200);
            eventually("alice saw bob's re-INVITE", () -> reinvitesAtAlice.size() == 1);
            assertThat(reinvitesAtAlice.get(0).vias()).hasSize(2);
            assertThat(reinvitesAtAlice.get(0).vias().get(0).port())
                    .hasValue(harness.address(Transport.UDP).getPort());

            // The callee hangs up: its BYE also goes through the proxy, which then forgets the call.
            in.call().hangup();
            assertThat(await(call.ended()).reason()).isEqualTo(CallEnd.Reason.REMOTE_BYE);
            assertThat(await(in.call().ended()).reason()).isEqualTo(CallEnd.Reason.LOCAL_BYE);
            eventually("the call is gone from the proxy after the BYE", () -> harness.proxy().calls().isEmpty());
            // Two re-INVITEs, their ACKs are relayed statelessly, and the BYE: at least three forwarded statefully.
            assertThat(harness.proxy().stats().requestsForwarded() - forwardedBefore).isGreaterThanOrEqualTo(3);
        }
    }
}
