package org.parley.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.parley.transaction.TransactionHarness.LAYER;
import static org.parley.transaction.TransactionHarness.NOBODY;
import static org.parley.transaction.TransactionHarness.PEER;
import static org.parley.transaction.TransactionHarness.request;
import static org.parley.transaction.TransactionHarness.target;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.message.SipRequest;
import org.parley.message.SipResponse;
import org.parley.transport.Inbound;
import org.parley.transport.Transport;
import org.parley.transport.resolve.TargetSet;

/** RFC 3263 §4.3 failover of client transactions along a target set; memory network, virtual time. */
class FailoverClientTransactionTest {
    private static final InetSocketAddress NOBODY_2 = new InetSocketAddress("127.0.0.4", 5090);

    private final TransactionHarness h = new TransactionHarness();
    private final List<SipResponse> responses = new ArrayList<>();
    private final List<ClientTransaction> seenBy = new ArrayList<>();

    private ClientTransaction send(String method, String branch, TargetSet targets) {
        ClientTransaction tx = h.layer.send(request(method, Transport.UDP, LAYER, branch), targets, (t, r) -> {
            responses.add(r);
            seenBy.add(t);
        });
        h.settle();
        return tx;
    }

    private SipRequest lastAtPeer() {
        return (SipRequest) h.atPeer.get(h.atPeer.size() - 1).message();
    }

    @Test
    void aSilentFirstTargetTimesOutAndTheSecondAnswersWithANewBranch() {
        String branch = TransactionLayer.newBranch();
        ClientTransaction tx = send("OPTIONS", branch,
                TargetSet.of(List.of(target(Transport.UDP, NOBODY), target(Transport.UDP, PEER))));
        h.advance(31_999);
        assertThat(h.peerGot("OPTIONS")).as("the second target waits for Timer F of the first").isZero();
        h.advance(1);
        assertThat(h.peerGot("OPTIONS")).isEqualTo(1);
        assertThat(responses).as("the first target's 408 is not passed up").isEmpty();
        assertThat(lastAtPeer().topVia().branch()).get().isNotEqualTo(branch);
        assertThat(lastAtPeer().topVia().isRfc3261Branch()).isTrue();
        assertThat(tx.target().address()).isEqualTo(PEER);

        h.peerAnswers(200);
        h.settle();
        assertThat(responses).extracting(SipResponse::statusCode).containsExactly(200);
        assertThat(seenBy).containsExactly(tx);
        assertThat(tx.state()).isEqualTo(TransactionState.COMPLETED);
        assertThat(h.layer.stats().failovers()).isEqualTo(1);
        assertThat(h.layer.stats().timeouts()).isEqualTo(1);
    }

    @Test
    void aRefusedTcpConnectionGoesOnAtOnceToTheNextTargetWithItsTransportInTheVia() {
        ClientTransaction tx = send("OPTIONS", TransactionLayer.newBranch(),
                TargetSet.of(List.of(target(Transport.TCP, NOBODY), target(Transport.UDP, PEER))));
        assertThat(h.peerGot("OPTIONS")).as("no wait: the transport error is immediate").isEqualTo(1);
        assertThat(lastAtPeer().topVia().transport()).isEqualTo("UDP");
        h.peerAnswers(404);
        h.settle();
        assertThat(responses).extracting(SipResponse::statusCode).containsExactly(404);
        assertThat(tx.target().transport()).isEqualTo(Transport.UDP);
    }

    @Test
    void theViaNamesTcpWhenTheNextTargetIsTcp() {
        send("OPTIONS", TransactionLayer.newBranch(),
                TargetSet.of(List.of(target(Transport.TCP, NOBODY), target(Transport.TCP, PEER))));
        assertThat(h.atPeer).hasSize(1);
        Inbound in = h.atPeer.get(0);
        assertThat(((SipRequest) in.message()).topVia().transport()).isEqualTo("TCP");
        assertThat(in.source().transport()).isEqualTo(Transport.TCP);
    }

    @Test
    void whenEveryTargetTimesOutTheUserGetsOne408NamingThemAll() {
        send("OPTIONS", TransactionLayer.newBranch(),
                TargetSet.of(List.of(target(Transport.UDP, NOBODY), target(Transport.UDP, NOBODY_2))));
        h.advance(64_000);
        assertThat(responses).extracting(SipResponse::statusCode).containsExactly(408);
        assertThat(responses.get(0).reasonPhrase()).contains("all 2 targets tried", "127.0.0.3", "127.0.0.4");
        h.advance(10_000);
        assertThat(responses).hasSize(1);
    }

    @Test
    void whenEveryTargetRefusesTheUserGetsOne503NamingThemAll() {
        send("INVITE", TransactionLayer.newBranch(),
                TargetSet.of(List.of(target(Transport.TCP, NOBODY), target(Transport.TCP, NOBODY_2))));
        assertThat(responses).extracting(SipResponse::statusCode).containsExactly(503);
        assertThat(responses.get(0).reasonPhrase()).contains("all 2 targets tried", "transport error");
        assertThat(h.layer.stats().failovers()).isEqualTo(1);
    }

    @Test
    void aTargetThatSentAProvisionalResponseAndThenWentSilentIsNotRetriedElsewhere() {
        InetSocketAddress other = new InetSocketAddress("127.0.0.5", 5100);
        List<Inbound> atOther = new ArrayList<>();
        h.network.endpoint(other, atOther::add);
        send("OPTIONS", TransactionLayer.newBranch(),
                TargetSet.of(List.of(target(Transport.UDP, PEER), target(Transport.UDP, other))));
        h.peerAnswers(100);
        h.settle();
        h.advance(32_000);
        assertThat(responses).extracting(SipResponse::statusCode).containsExactly(100, 408);
        assertThat(responses.get(1).reasonPhrase()).doesNotContain("all");
        assertThat(atOther).as("the first target has the request; a second copy would duplicate it").isEmpty();
    }

    @Test
    void anInviteFailsOverAndTheNewTransactionAcksTheFinalResponse() {
        send("INVITE", TransactionLayer.newBranch(),
                TargetSet.of(List.of(target(Transport.UDP, NOBODY), target(Transport.UDP, PEER))));
        h.advance(32_000);
        assertThat(h.peerGot("INVITE")).isEqualTo(1);
        String branch = lastAtPeer().topVia().branch().orElseThrow();
        h.peerAnswers(486);
        h.settle();
        assertThat(responses).extracting(SipResponse::statusCode).containsExactly(486);
        assertThat(h.peerGot("ACK")).isEqualTo(1);
        assertThat(lastAtPeer().topVia().branch()).contains(branch);
    }

    @Test
    void refusesAnExhaustedSet() {
        TargetSet used = TargetSet.of(target(Transport.UDP, PEER));
        used.next();
        assertThatThrownBy(() -> send("OPTIONS", TransactionLayer.newBranch(), used))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no target left");
    }
}
