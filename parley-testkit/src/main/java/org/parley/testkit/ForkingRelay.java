package org.parley.testkit;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.parley.message.HeaderName;
import org.parley.message.Method;
import org.parley.message.SipMessage;
import org.parley.message.SipRequest;
import org.parley.message.SipResponse;
import org.parley.message.header.Via;
import org.parley.transport.Inbound;
import org.parley.transport.ListenerConfig;
import org.parley.transport.NettyTransportLayer;
import org.parley.transport.Source;
import org.parley.transport.Transport;
import org.parley.transport.TransportConfig;
import org.parley.transport.TransportLayer;
import org.parley.transport.resolve.Target;

/**
 * A test tool, not the proxy (issue #7 builds that): a stateless UDP relay that forks each new
 * INVITE to N targets, so that a caller sees several early dialogs (RFC 3261 §12.1, §13.2.2.4).
 *
 * <ul>
 *   <li>An INVITE without a To tag, its CANCEL, and an ACK (the ACK of a non-2xx answer is hop by
 *       hop and carries the INVITE's branch, §17.1.1.3) go to every target, each copy with a top Via
 *       of its own: sent-by the relay, branch {@code z9hG4bK} + a hash of the incoming branch and the
 *       target index (§16.6 step 8, §16.11: the same input gives the same branch, so a CANCEL or
 *       ACK matches its INVITE's copy at each target), and Max-Forwards decremented (step 3; a
 *       request at 0 is answered 483, §16.3 step 3).</li>
 *   <li>A response whose top Via is the relay's is sent upstream after that Via is removed
 *       (§16.7 step 3), to the next Via's {@code received}/{@code rport} or sent-by (§18.2.2).</li>
 *   <li>Other requests with a To tag (in-dialog, §12.2) are dropped and counted: the relay adds no
 *       Record-Route, so UAs send them to the remote Contact. A response not meant for the relay
 *       is dropped and counted too.</li>
 * </ul>
 *
 * <p>Thread model: thread-safe; messages are handled on the transport layer's event loops and
 * counters are atomic.
 */
public final class ForkingRelay implements AutoCloseable {
    private final TransportLayer layer;
    private final List<InetSocketAddress> targets;
    private final InetSocketAddress address;
    private final AtomicLong forwarded = new AtomicLong();
    private final AtomicLong relayed = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    private ForkingRelay(List<InetSocketAddress> targets, InetSocketAddress listen) {
        this.targets = List.copyOf(targets);
        this.layer = NettyTransportLayer.start(TransportConfig.of(List.of(new ListenerConfig(Transport.UDP, listen)))
                .withIoThreads(1), this::onMessage);
        this.address = layer.localAddresses(Transport.UDP).get(0);
    }

    /**
     * Starts a relay listening for UDP on {@code listen} (port 0 for an ephemeral one) that forks to
     * {@code targets}, in order.
     *
     * @throws IllegalArgumentException when there is no target or an address is unresolved
     */
    public static ForkingRelay start(InetSocketAddress listen, List<InetSocketAddress> targets) {
        Objects.requireNonNull(listen, "listen");
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("ForkingRelay needs at least one target");
        }
        for (InetSocketAddress t : targets) {
            if (Objects.requireNonNull(t, "target").isUnresolved()) {
                throw new IllegalArgumentException("ForkingRelay target must be resolved, was " + t);
            }
        }
        return new ForkingRelay(targets, listen);
    }

    /** The UDP address the relay listens on, with the port actually bound. */
    public InetSocketAddress address() {
        return address;
    }

    /** Copies of requests sent to targets (one INVITE to N targets counts N). */
    public long forwardedRequests() {
        return forwarded.get();
    }

    /** Responses sent upstream. */
    public long relayedResponses() {
        return relayed.get();
    }

    /** Messages dropped: in-dialog requests, responses not for the relay, sends that failed. */
    public long dropped() {
        return dropped.get();
    }

    /**
     * The branch the relay gives the copy of a request with top-Via branch {@code incoming} sent to
     * target {@code index}: {@code z9hG4bK} and 16 hex digits of SHA-256 over both (RFC 3261 §16.11).
     */
    public static String branchFor(String incoming, int index) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest((incoming + "/" + index)
                    .getBytes(StandardCharsets.UTF_8));
            return Via.MAGIC_COOKIE + "-fork-" + HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    private void onMessage(Inbound inbound) {
        SipMessage message = inbound.message();
        if (message instanceof SipResponse response) {
            relay(response, inbound.source());
        } else {
            fork((SipRequest) message, inbound.source());
        }
    }

    private void fork(SipRequest request, Source source) {
        Method method = request.method();
        boolean forkable = method.equals(Method.ACK) || method.equals(Method.CANCEL)
                || (method.equals(Method.INVITE) && request.toTag().isEmpty());
        if (!forkable) {
            dropped.incrementAndGet();
            return;
        }
        int maxForwards = request.maxForwards().orElse(70);
        if (maxForwards <= 0) {
            // RFC 3261 §16.3 step 3: no hops left; an ACK gets no answer.
            if (!method.equals(Method.ACK)) {
                layer.respond(SipResponse.responseTo(request, 483).build(), source);
            }
            dropped.incrementAndGet();
            return;
        }
        String incoming = request.topVia().branch().orElse("");
        for (int i = 0; i < targets.size(); i++) {
            String via = "SIP/2.0/UDP " + hostPort(address) + ";branch=" + branchFor(incoming, i);
            SipRequest copy = request.toBuilder().addFirst(HeaderName.VIA, via)
                    .set(HeaderName.MAX_FORWARDS, Integer.toString(maxForwards - 1)).build();
            InetSocketAddress to = targets.get(i);
            layer.send(copy, new Target(Transport.UDP, to, to.getAddress().getHostAddress()))
                    .whenComplete((ok, failure) -> (failure == null ? forwarded : dropped).incrementAndGet());
        }
    }

    private void relay(SipResponse response, Source source) {
        List<Via> vias = response.vias();
        boolean ours = vias.size() >= 2 && vias.get(0).branch().orElse("").startsWith(Via.MAGIC_COOKIE + "-fork-")
                && vias.get(0).port().orElse(-1) == address.getPort();
        if (!ours) {
            dropped.incrementAndGet();
            return;
        }
        // RFC 3261 §16.7 step 3: remove the relay's own Via; §18.2.2 then sends to the next one.
        SipResponse upstream = response.toBuilder().removeFirst(HeaderName.VIA).build();
        layer.respond(upstream, new Source(Transport.UDP, source.remote(), source.local(), 0))
                .whenComplete((ok, failure) -> (failure == null ? relayed : dropped).incrementAndGet());
    }

    private static String hostPort(InetSocketAddress a) {
        String host = a.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    /** Stops listening. */
    @Override
    public void close() {
        layer.close();
    }
}
