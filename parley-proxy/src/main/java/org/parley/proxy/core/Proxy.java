package org.parley.proxy.core;

import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.parley.message.HeaderName;
import org.parley.message.Method;
import org.parley.message.SipParseException;
import org.parley.message.SipRequest;
import org.parley.message.SipResponse;
import org.parley.message.uri.SipUri;
import org.parley.message.uri.Uri;
import org.parley.proxy.auth.DigestServer;
import org.parley.proxy.auth.SubscriberStore;
import org.parley.proxy.location.LocationStore;
import org.parley.proxy.registrar.Registrar;
import org.parley.transaction.ServerTransaction;
import org.parley.transaction.TransactionKey;
import org.parley.transaction.TransactionLayer;
import org.parley.transaction.TransactionState;
import org.parley.transaction.TransactionUser;
import org.parley.transport.Source;
import org.parley.transport.resolve.DnsServerLocator;
import org.parley.transport.resolve.ResolverConfig;
import org.parley.transport.resolve.ServerLocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stateful forking proxy core of RFC 3261 §16: validates each request (§16.3), pre-processes its
 * Route (§16.4), determines its targets (§16.5: the location service for our domains, the
 * Request-URI otherwise), forwards a copy to each (§16.6: parallel within a q-value, sequential
 * across), and sends the best response back (§16.7), cancelling branches when the caller cancels
 * (§16.10) or a 2xx or 6xx ends the search. REGISTERs for our domains go to the {@link Registrar};
 * INVITE, MESSAGE and SUBSCRIBE from our users are authenticated (407) when a {@link DigestServer} is
 * configured. ACKs for 2xx are relayed statelessly; requests whose next hop is a configured stateless
 * route are relayed by {@link StatelessRelay} (§16.11).
 *
 * <pre>
 * Proxy proxy = Proxy.builder(ProxyConfig.forDomains(List.of("example.test"))).locations(store)
 *         .registrar(registrar).authentication(digest).build();
 * TransactionLayer layer = TransactionLayer.start(TransactionConfig.defaults().withMergedRequestDetection(false),
 *         lanes, proxy, h -> NettyTransportLayer.start(transportConfig, h));
 * proxy.attach(layer);
 * </pre>
 *
 * <p>Thread model: the transaction layer calls it on the lane of each message's Call-ID; everything
 * a request needs (its {@link ResponseContext}, branches, Timer C) stays on that lane, and work that
 * completes elsewhere (location and subscriber lookups, authentication, RFC 3263) is carried back
 * with {@link TransactionLayer#execute}. The only shared structures are concurrent maps (INVITE
 * contexts for CANCEL, calls) and counters; no lock is taken on the message path. {@link #stats()}
 * and {@link #calls()} may be called from any thread.
 */
public final class Proxy implements TransactionUser, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Proxy.class);

    /** The transaction layer and our addresses once {@link #attach} ran. */
    private record Attached(TransactionLayer layer, Interfaces self) {
    }

    private final ProxyConfig config;
    private final LocationStore locations;
    private final Optional<Registrar> registrar;
    private final Optional<DigestServer> digest;
    private final Optional<SubscriberStore> subscribers;
    private final ServerLocator locator;
    private final AutoCloseable ownLocator;
    private final ProxyStats stats = new ProxyStats();
    private final Calls calls;
    /** INVITE contexts by their server transaction's key, for CANCEL (§16.10). */
    private final ConcurrentHashMap<TransactionKey, ResponseContext> invites = new ConcurrentHashMap<>();
    private final StatelessRelay stateless;
    private final TargetDetermination targets;
    private volatile Attached attached;

    private Proxy(Builder b) {
        this.config = b.config;
        this.locations = Objects.requireNonNull(b.locations, "locations (the builder's locations(...) is required)");
        this.registrar = Optional.ofNullable(b.registrar);
        this.digest = Optional.ofNullable(b.digest);
        this.subscribers = Optional.ofNullable(b.subscribers);
        if (b.locator != null) {
            this.locator = b.locator;
            this.ownLocator = null;
        } else {
            DnsServerLocator dns = new DnsServerLocator(ResolverConfig.systemDefaults());
            this.locator = dns;
            this.ownLocator = dns;
        }
        this.calls = new Calls(b.clock, config.maxCallAge());
        this.stateless = new StatelessRelay(this);
        this.targets = new TargetDetermination(this, locations, subscribers);
    }

    /** A builder for a proxy with {@code config}. */
    public static Builder builder(ProxyConfig config) {
        return new Builder(Objects.requireNonNull(config, "config"));
    }

    /**
     * Binds the proxy to the transaction layer it was started with: call once, right after
     * {@code TransactionLayer.start(..., proxy, ...)}. Requests before it are answered 503.
     *
     * @throws IllegalStateException when called twice, or when the layer's transport listens on nothing
     */
    public void attach(TransactionLayer layer) {
        Objects.requireNonNull(layer, "layer");
        synchronized (this) {
            if (attached != null) {
                throw new IllegalStateException("the proxy is already attached to a transaction layer");
            }
            attached = new Attached(layer, new Interfaces(config, layer.transport()));
        }
        if (layer.config().rejectMergedRequests()) {
            LOG.warn("the transaction layer answers merged requests 482 itself (RFC 3261 §8.2.2.2): a proxy "
                    + "forwards them, and spirals look merged; start it with "
                    + "TransactionConfig.withMergedRequestDetection(false)");
        }
    }

    /** The counters. */
    public ProxyStats stats() {
        return stats;
    }

    /** The calls established through the proxy now (snapshot, oldest first). */
    public List<ActiveCall> calls() {
        return calls.snapshot();
    }

    /** The configuration. */
    public ProxyConfig config() {
        return config;
    }

    /** Closes the DNS locator the proxy made itself (one given to the builder is the caller's). */
    @Override
    public void close() {
        if (ownLocator != null) {
            try {
                ownLocator.close();
            } catch (Exception e) {
                LOG.debug("closing the locator: {}", e.getMessage());
            }
        }
    }

    // ---- what the contexts use -------------------------------------------------------------------

    TransactionLayer layer() {
        return attached.layer;
    }

    Interfaces self() {
        return attached.self;
    }

    ServerLocator locator() {
        return locator;
    }

    Calls callTable() {
        return calls;
    }

    void finished(ResponseContext ctx) {
        stats.liveContexts.decrement();
        if (ctx.request().method().equals(Method.INVITE)) {
            invites.remove(ctx.server().key(), ctx);
        }
    }

    // ---- TransactionUser --------------------------------------------------------------------------

    @Override
    public void onRequest(ServerTransaction tx, SipRequest request) {
        try {
            handle(tx, request);
        } catch (SipParseException e) {
            // A header read late (e.g. a Contact) broke the grammar: §16.3 step 1.
            reply(tx, Replies.to(request, 400, Replies.reason("Bad Request", e.reason())).build());
        } catch (RuntimeException e) {
            LOG.error("{} {}: the proxy failed on it", request.method(), request.callId(), e);
            reply(tx, Replies.to(request, 500, Replies.reason("Server Internal Error", e.getMessage())).build());
        }
    }

    private void handle(ServerTransaction tx, SipRequest request) {
        Attached a = attached;
        if (a == null) {
            reply(tx, Replies.to(request, 503, "Service Unavailable (proxy starting)").build());
            return;
        }
        String hash;
        try {
            hash = LoopHash.of(request);
        } catch (SipParseException e) {
            reply(tx, Replies.to(request, 400, Replies.reason("Bad Request", e.reason())).build());
            return;
        }
        boolean forUs = isForUs(request, a.self);
        Optional<SipResponse> refusal = RequestChecks.check(request, a.self, hash, forUs);
        if (refusal.isPresent()) {
            if (refusal.get().statusCode() == 482) {
                stats.loops.increment();
            }
            reply(tx, refusal.get());
            return;
        }
        RoutePreprocessing.Result routed = RoutePreprocessing.process(request, a.self);
        SipRequest r = routed.request();
        boolean hasRoute = r.hasHeader(HeaderName.ROUTE);
        Method m = r.method();
        Optional<Flow> flow = routed.flows().stream().filter(f -> !f.isArrivalOf(tx.source())).findFirst();
        if (!hasRoute && flow.isEmpty() && isForThisElement(tx, r, a.self)) {
            return;
        }
        ResponseContext ctx = new ResponseContext(this, tx, r, hash);
        stats.liveContexts.increment();
        if (m.equals(Method.INVITE)) {
            // §16.2 / §16.7: our own 100 Trying at once, so the caller stops retransmitting.
            tx.respond(SipResponse.responseTo(request, 100).build());
            invites.put(tx.key(), ctx);
        }
        if (digest.isPresent() && Authentication.isNeeded(r, config)) {
            Authentication.run(this, digest.get(), ctx, () -> targets.route(ctx, flow, hasRoute));
        } else {
            targets.route(ctx, flow, hasRoute);
        }
    }

    /**
     * RFC 3261 §16.11: a request whose next hop (after §16.4) is a configured stateless route is
     * validated (§16.3) and relayed here without a transaction; its retransmissions are relayed again
     * with the same branch, and its responses come back by Via ({@link #onStray(SipResponse, Source)}).
     */
    @Override
    public boolean relayStatelessly(SipRequest request, Source source) {
        Attached a = attached;
        if (a == null || config.statelessRoutes().isEmpty()) {
            return false;
        }
        SipRequest r;
        Optional<Flow> flow;
        String hash;
        try {
            RoutePreprocessing.Result routed = RoutePreprocessing.process(request, a.self);
            r = routed.request();
            if (!config.isStatelessRoute(nextHopHost(r))) {
                return false;
            }
            hash = LoopHash.of(request);
            flow = routed.flows().stream().filter(f -> !f.isArrivalOf(source)).findFirst();
        } catch (SipParseException e) {
            // The stateful path answers it 400 with the reason.
            return false;
        }
        Optional<SipResponse> refusal = RequestChecks.check(request, a.self, hash, false);
        if (refusal.isPresent()) {
            stats.replied(refusal.get().statusCode());
            a.layer.transport().respond(refusal.get(), source);
            return true;
        }
        stats.requestsRelayedStatelessly.increment();
        stateless.relay(r, source, hash, flow);
        return true;
    }

    @Override
    public void onCancel(ServerTransaction cancel, ServerTransaction invite) {
        // §16.10: the CANCEL is answered 200 here; the INVITE's own answer comes from its branches.
        cancel.respond(Replies.to(cancel.request(), 200).build());
        ResponseContext ctx = invites.get(invite.key());
        if (ctx != null) {
            ctx.cancelFromUpstream();
        } else if (invite.state() == TransactionState.PROCEEDING) {
            reply(invite, Replies.to(invite.request(), 487).build());
        }
    }

    @Override
    public void onStray(SipRequest ack, Source source) {
        Attached a = attached;
        if (a == null) {
            stats.dropped.increment();
            return;
        }
        stateless.relayAck(ack, source);
    }

    @Override
    public void onStray(SipResponse response, Source source) {
        if (attached == null) {
            stats.dropped.increment();
            return;
        }
        stateless.relayResponse(response);
    }

    // ---- routing ----------------------------------------------------------------------------------

    /**
     * Answers what is addressed to this element rather than routed through it, and says whether it did:
     * REGISTER for a served domain or for us goes to the registrar; OPTIONS for us is answered 200
     * (§11.2); any other request for us, or for a served domain without a user, is answered 404 here
     * (forwarding it would send it back to us).
     */
    private boolean isForThisElement(ServerTransaction tx, SipRequest r, Interfaces self) {
        boolean forUs = isForUs(r, self);
        Method m = r.method();
        if (m.equals(Method.REGISTER) && (forUs || servesRequestUri(r))) {
            register(tx, r);
            return true;
        }
        if (m.equals(Method.OPTIONS) && forUs) {
            reply(tx, RequestChecks.options(r));
            return true;
        }
        if (forUs || r.requestUri() instanceof SipUri sip && sip.user().isEmpty() && config.serves(sip.host().text())) {
            reply(tx, Replies.to(r, 404, "Not Found (no user in the Request-URI)").build());
            return true;
        }
        return false;
    }

    /** True when the Request-URI names the proxy itself rather than a user: no user part, and our host. */
    private static boolean isForUs(SipRequest request, Interfaces self) {
        Uri uri;
        try {
            uri = request.requestUri();
        } catch (SipParseException e) {
            return false;
        }
        return uri instanceof SipUri sip && sip.user().isEmpty() && self.isUs(sip);
    }

    private boolean servesRequestUri(SipRequest r) {
        return r.requestUri() instanceof SipUri sip && config.serves(sip.host().text());
    }

    /** The host of the next hop: the top Route, else the Request-URI. */
    private static String nextHopHost(SipRequest r) {
        Uri hop = r.routes().isEmpty() ? r.requestUri() : r.routes().get(0).uri();
        return hop instanceof SipUri sip ? sip.host().text() : "";
    }

    private void register(ServerTransaction tx, SipRequest register) {
        if (registrar.isEmpty()) {
            reply(tx, Replies.to(register, 403, "Forbidden (no registrar here)").build());
            return;
        }
        registrar.get().handle(register, tx.source()).whenComplete((response, error) -> {
            if (error != null) {
                LOG.error("the registrar failed on {}", register.callId(), error);
                reply(tx, Replies.to(register, 500, Replies.reason("Server Internal Error",
                        "registrar: " + error.getMessage())).build());
            } else {
                tx.respond(response);
            }
        });
    }

    static String cause(Throwable t) {
        Throwable c = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
        return c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
    }

    void reply(ServerTransaction tx, SipResponse response) {
        LOG.debug("{} {} answered here: {}", tx.request().method(), tx.request().callId(), response.statusCode());
        stats.replied(response.statusCode());
        tx.respond(response);
    }

    /**
     * How to make a {@link Proxy}. {@link #locations} is required; everything else is optional. Not
     * thread-safe; use from one thread.
     */
    public static final class Builder {
        private final ProxyConfig config;
        private LocationStore locations;
        private Registrar registrar;
        private DigestServer digest;
        private SubscriberStore subscribers;
        private InstantSource clock = InstantSource.system();
        private ServerLocator locator;

        private Builder(ProxyConfig config) {
            this.config = config;
        }

        /** The location service the targets of our domains come from (§16.5). Required. */
        public Builder locations(LocationStore store) {
            this.locations = Objects.requireNonNull(store, "store");
            return this;
        }

        /**
         * Where REGISTERs for our domains go. Without one they are answered 403 "no registrar here"
         * (the request is for this proxy's domain, and nobody here will take it).
         */
        public Builder registrar(Registrar r) {
            this.registrar = Objects.requireNonNull(r, "registrar");
            return this;
        }

        /**
         * Authenticates INVITE, MESSAGE and SUBSCRIBE from our users (407, RFC 3261 §22.3). Without
         * one, nothing is challenged.
         */
        public Builder authentication(DigestServer server) {
            this.digest = Objects.requireNonNull(server, "server");
            return this;
        }

        /**
         * The subscribers of our domains, to tell an unknown user (404) from one not registered now
         * (480) when a request finds no binding. Without it, both get 404.
         */
        public Builder subscribers(SubscriberStore store) {
            this.subscribers = Objects.requireNonNull(store, "store");
            return this;
        }

        /** The clock of {@link Proxy#calls()} (default the system's). */
        public Builder clock(InstantSource c) {
            this.clock = Objects.requireNonNull(c, "clock");
            return this;
        }

        /** How next hops are located (RFC 3263); default a DNS locator with the system's resolvers. */
        public Builder locator(ServerLocator l) {
            this.locator = Objects.requireNonNull(l, "locator");
            return this;
        }

        /** The proxy; attach it to its transaction layer next. */
        public Proxy build() {
            return new Proxy(this);
        }
    }
}
