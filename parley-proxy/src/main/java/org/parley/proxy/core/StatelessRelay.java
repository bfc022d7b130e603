package org.parley.proxy.core;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.parley.message.HeaderName;
import org.parley.message.SipParseException;
import org.parley.message.SipRequest;
import org.parley.message.SipResponse;
import org.parley.message.header.Via;
import org.parley.message.uri.SipUri;
import org.parley.message.uri.Uri;
import org.parley.transport.Source;
import org.parley.transport.Transport;
import org.parley.transport.resolve.Target;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the proxy relays without a transaction (RFC 3261 §16.11): ACKs for 2xx (§16.6: an ACK for a 2xx
 * is a request of the dialog, routed by its Route like any other, but never answered), and responses
 * that match no client transaction of ours (§16.7 step 3 by Via: the responses of stateless relays and
 * 2xx retransmissions after a branch's transaction ended). A relayed request gets a Via branch derived
 * from its incoming one (§16.11), so a retransmission leaves with the same branch.
 *
 * <p>Stateless and thread-safe; called on the message's lane.
 */
final class StatelessRelay {
    private static final Logger LOG = LoggerFactory.getLogger(StatelessRelay.class);

    private final Proxy proxy;

    StatelessRelay(Proxy proxy) {
        this.proxy = proxy;
    }

    /** An ACK that matched no server transaction: the ACK of a 2xx, routed by §16.4 and §16.6. */
    void relayAck(SipRequest ack, Source source) {
        Interfaces self = proxy.self();
        String hash;
        try {
            ack.vias();
            if (ack.maxForwards().orElse(70) <= 0 || !(ack.requestUri() instanceof SipUri)) {
                proxy.stats().dropped.increment();
                return;
            }
            hash = LoopHash.of(ack);
        } catch (SipParseException e) {
            proxy.stats().dropped.increment();
            return;
        }
        RoutePreprocessing.Result routed = RoutePreprocessing.process(ack, self);
        SipRequest r = routed.request();
        Optional<Flow> flow = routed.flows().stream().filter(f -> !f.isArrivalOf(source)).findFirst();
        if (!r.hasHeader(HeaderName.ROUTE) && flow.isEmpty() && r.requestUri() instanceof SipUri sip
                && (proxy.config().serves(sip.host().text()) || self.isUs(sip))) {
            // No route out and the Request-URI is ours: an ACK for a 2xx we did not relay. Nothing to do.
            proxy.stats().dropped.increment();
            return;
        }
        relay(r, source, hash, flow).thenRun(proxy.stats().acksRelayed::increment);
    }

    /**
     * Sends {@code r} on without a transaction: Max-Forwards decremented, our Via with a branch derived
     * from the incoming one, to the flow or the first RFC 3263 target of the next hop.
     */
    CompletableFuture<Void> relay(SipRequest r, Source source, String hash, Optional<Flow> flow) {
        Via incoming = r.topVia();
        String branch = LoopHash.statelessBranch(hash, incoming);
        Destination d = new Destination(r.requestUri(), List.of(), flow, 1000);
        CompletableFuture<Target> target;
        if (flow.isPresent() && !r.hasHeader(HeaderName.ROUTE)) {
            target = CompletableFuture.completedFuture(flow.get().target());
        } else {
            Uri hop = Forwarding.nextHop(r, d);
            if (!(hop instanceof SipUri sip)) {
                proxy.stats().dropped.increment();
                return CompletableFuture.failedFuture(new IllegalArgumentException("next hop " + hop));
            }
            target = proxy.locator().locate(sip).thenApply(list -> list.get(0));
        }
        return target.thenCompose(t -> {
            SipRequest out = Forwarding.copy(r, source, d, t, branch, proxy.self(), false);
            return proxy.layer().transport().send(out, t);
        }).whenComplete((ok, error) -> {
            if (error != null) {
                proxy.stats().dropped.increment();
                LOG.debug("{} {} not relayed: {}", r.method(), r.callId(), error.getMessage());
            }
        });
    }

    /**
     * A response no client transaction of ours expects: relayed by its Via when the top one is ours
     * (§16.7 step 3, §18.2.2 for the address), else dropped (§18.1.2).
     */
    void relayResponse(SipResponse response) {
        SipResponse out;
        Via next;
        try {
            Via top = response.topVia();
            if (!top.branch().map(b -> b.startsWith(LoopHash.MARK)).orElse(false) || !proxy.self().isUs(top)) {
                proxy.stats().dropped.increment();
                return;
            }
            out = response.toBuilder().removeFirst(HeaderName.VIA).build();
            if (!out.hasHeader(HeaderName.VIA)) {
                proxy.stats().dropped.increment();
                return;
            }
            next = out.topVia();
        } catch (SipParseException | IllegalArgumentException e) {
            proxy.stats().dropped.increment();
            return;
        }
        // §18.2.2: to the received/rport of the next Via (over an open connection to it when there is one).
        Transport t = Transport.of(next.transport());
        Source byVia = new Source(t, new InetSocketAddress(0), new InetSocketAddress(0), 0);
        proxy.stats().responsesForwarded.increment();
        proxy.layer().transport().respond(out, byVia).whenComplete((ok, error) -> {
            if (error != null) {
                LOG.debug("response {} for {} not relayed: {}", out.statusCode(), out.callId(), error.getMessage());
            }
        });
    }
}
