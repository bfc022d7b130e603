package org.parley.ua;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.parley.message.SipMessage;
import org.parley.message.SipRequest;
import org.parley.message.SipResponse;
import org.parley.message.uri.SipUri;
import org.parley.testkit.MemoryNetwork;
import org.parley.testkit.Packet;
import org.parley.transaction.VirtualLane;
import org.parley.transport.Transport;
import org.parley.transport.resolve.Target;

/**
 * Two user agents, Alice at {@link #ALICE} and Bob at {@link #BOB}, on a memory network in
 * virtual time on one lane, with callbacks run at once: every test runs the same way each time.
 * Bob takes calls into {@link #incoming}. Every packet delivered is recorded in {@link #log}.
 */
final class CallNetwork implements AutoCloseable {
    static final InetSocketAddress ALICE = new InetSocketAddress("127.0.0.1", 5060);
    static final InetSocketAddress BOB = new InetSocketAddress("127.0.0.2", 5060);

    final MemoryNetwork network = new MemoryNetwork();
    final VirtualLane lane = new VirtualLane();
    final List<Packet> log = new ArrayList<>();
    final List<IncomingCall> incoming = new ArrayList<>();
    final List<IncomingCall> incomingAtAlice = new ArrayList<>();
    final UserAgent alice;
    final UserAgent bob;

    CallNetwork() {
        alice = agent("sip:alice@127.0.0.1", ALICE);
        bob = agent("sip:bob@127.0.0.2", BOB);
        bob.onIncomingCall(incoming::add);
        alice.onIncomingCall(incomingAtAlice::add);
    }

    UserAgent agent(String identity, InetSocketAddress at) {
        return UserAgent.builder().identity(identity)
                .transport(h -> network.endpoint(at, h))
                .lanes(List.of(lane))
                .locator(CallNetwork::locate)
                .callbackExecutor(Runnable::run)
                .start();
    }

    static CompletableFuture<List<Target>> locate(SipUri uri) {
        InetSocketAddress to = new InetSocketAddress(uri.host().text(), uri.port().orElse(5060));
        return CompletableFuture.completedFuture(List.of(new Target(Transport.UDP, to, uri.host().text())));
    }

    /** Delivers every packet and runs every task until both are quiet. */
    void settle() {
        for (int round = 0; round < 1_000; round++) {
            int moved = lane.runPending();
            while (true) {
                var next = network.deliverNext();
                if (next.isEmpty()) {
                    break;
                }
                log.add(next.get());
                moved++;
                moved += lane.runPending();
            }
            if (moved == 0) {
                return;
            }
        }
        throw new IllegalStateException("network and lane still busy after 1,000 rounds");
    }

    /** Moves virtual time by {@code ms}, one millisecond at a time, delivering what is sent on the way. */
    void advance(long ms) {
        for (long i = 0; i < ms; i++) {
            lane.advance(Duration.ofMillis(1));
            settle();
        }
    }

    /** Messages delivered to {@code to} whose start line begins with {@code prefix}, e.g. "ACK" or "SIP/2.0 200". */
    List<SipMessage> delivered(InetSocketAddress to, String prefix) {
        List<SipMessage> out = new ArrayList<>();
        for (Packet p : log) {
            if (p.destination().equals(to) && p.message().startLine().startsWith(prefix)) {
                out.add(p.message());
            }
        }
        return out;
    }

    long requests(InetSocketAddress to, String method) {
        return log.stream().filter(p -> p.destination().equals(to) && p.message() instanceof SipRequest r
                && r.method().name().equals(method)).count();
    }

    long responses(InetSocketAddress to, int status, String method) {
        return log.stream().filter(p -> p.destination().equals(to) && p.message() instanceof SipResponse r
                && r.statusCode() == status && r.cseq().method().name().equals(method)).count();
    }

    /** Alice calls Bob, Bob rings and answers: an established call on both sides. */
    Call[] establish() {
        Call call = alice.call("sip:bob@127.0.0.2");
        settle();
        IncomingCall in = incoming.get(incoming.size() - 1);
        in.ring();
        in.answer();
        settle();
        return new Call[] {call, in.call()};
    }

    @Override
    public void close() {
        alice.close();
        bob.close();
    }
}
