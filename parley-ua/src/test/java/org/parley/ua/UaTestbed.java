package org.parley.ua;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import org.parley.message.SipRequest;
import org.parley.message.SipResponse;
import org.parley.message.uri.SipUri;
import org.parley.testkit.MemoryNetwork;
import org.parley.transaction.ServerTransaction;
import org.parley.transaction.TransactionConfig;
import org.parley.transaction.TransactionLayer;
import org.parley.transaction.TransactionUser;
import org.parley.transaction.VirtualLane;
import org.parley.transport.Transport;
import org.parley.transport.resolve.LocationException;
import org.parley.transport.resolve.Target;
import org.parley.transport.resolve.TargetSet;

/**
 * A user agent at {@link #UA} and a peer at {@link #PEER} on a memory network, both on one
 * virtual lane, with callbacks run on the test thread: every test is deterministic and takes no
 * wall time. The locator sends {@code example.com} (and any numeric host) to its address, port 5060
 * by default, and fails for {@code *.invalid}. The peer is a bare transaction layer that answers
 * each request with what {@link #respond} says (nothing by default).
 */
final class UaTestbed implements AutoCloseable {
    static final InetSocketAddress UA = new InetSocketAddress("127.0.0.1", 5060);
    static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.2", 5060);

    final MemoryNetwork network = new MemoryNetwork();
    final VirtualLane lane = new VirtualLane();
    final List<ServerTransaction> received = new ArrayList<>();
    final List<SipUri> located = new ArrayList<>();
    final TransactionLayer peer;
    final UserAgent ua;
    private Function<SipRequest, SipResponse> responder = r -> null;

    UaTestbed() {
        this(b -> { });
    }

    UaTestbed(Consumer<UserAgentBuilder> settings) {
        TransactionUser peerUser = (transaction, request) -> {
            received.add(transaction);
            SipResponse answer = responder.apply(request);
            if (answer != null) {
                transaction.respond(answer);
            }
        };
        peer = TransactionLayer.start(TransactionConfig.defaults(), List.of(lane), peerUser,
                handler -> network.endpoint(PEER, handler));
        UserAgentBuilder b = UserAgent.builder().identity("Alice <sip:alice@example.com>")
                .transport(handler -> network.endpoint(UA, handler)).lanes(List.of(lane))
                .locator(this::locate).callbackExecutor(Runnable::run);
        settings.accept(b);
        ua = b.start();
    }

    private CompletableFuture<List<Target>> locate(SipUri uri) {
        located.add(uri);
        String host = uri.host().text();
        if (host.endsWith(".invalid")) {
            return CompletableFuture.failedFuture(new LocationException("no such domain: " + host));
        }
        InetSocketAddress to = host.equals("example.com") ? PEER
                : new InetSocketAddress(host.replace("[", "").replace("]", ""), uri.port().orElse(5060));
        Transport t = uri.transport().map(x -> Transport.of(x.toUpperCase(java.util.Locale.ROOT)))
                .orElse(Transport.UDP);
        return CompletableFuture.completedFuture(List.of(new Target(t, to, host)));
    }

    /** How the peer answers each new request from now on; null answers nothing. */
    void respond(Function<SipRequest, SipResponse> answer) {
        this.responder = answer;
    }

    /** The requests the peer received, in order. */
    List<SipRequest> requests() {
        return received.stream().map(ServerTransaction::request).toList();
    }

    /** The last request the peer received. */
    SipRequest lastRequest() {
        return received.get(received.size() - 1).request();
    }

    /** The peer sends {@code request} (with its own Via) to the user agent; the responses are collected. */
    List<SipResponse> peerSends(SipRequest request) {
        List<SipResponse> responses = new ArrayList<>();
        SipRequest withVia = request.toBuilder().addFirst(org.parley.message.HeaderName.VIA, "SIP/2.0/UDP "
                + PEER.getHostString() + ":" + PEER.getPort() + ";branch=" + TransactionLayer.newBranch()).build();
        lane.execute(() -> peer.send(withVia, TargetSet.of(new Target(Transport.UDP, UA, UA.getHostString())),
                (tx, r) -> responses.add(r)));
        settle();
        return responses;
    }

    /** Delivers every packet and runs every task until both are quiet. */
    void settle() {
        network.settle(lane::runPending);
    }

    /** Moves virtual time forward by {@code by}, one millisecond at a time, delivering what is sent. */
    void advance(Duration by) {
        long ms = by.toMillis();
        for (long i = 0; i < ms; i++) {
            lane.advance(Duration.ofMillis(1));
            if (network.nextDue().isPresent() || !lane.isIdle()) {
                settle();
            }
        }
    }

    @Override
    public void close() {
        ua.close();
        peer.close();
        settle();
    }
}
