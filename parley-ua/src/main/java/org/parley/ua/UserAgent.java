package org.parley.ua;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.parley.message.HeaderName;
import org.parley.message.Method;
import org.parley.message.RequestBuilder;
import org.parley.message.SipRequest;
import org.parley.message.SipResponse;
import org.parley.message.header.Address;
import org.parley.message.uri.SipUri;
import org.parley.message.uri.Uri;
import org.parley.sdp.SessionDescription;
import org.parley.transaction.EventLoopLane;
import org.parley.transaction.Lane;
import org.parley.transaction.TransactionLayer;
import org.parley.transport.ListenerConfig;
import org.parley.transport.NettyTransportLayer;
import org.parley.transport.Transport;
import org.parley.transport.TransportConfig;
import org.parley.transport.resolve.DnsServerLocator;
import org.parley.transport.resolve.ResolverConfig;
import org.parley.transport.resolve.ServerLocator;
import org.parley.transport.tls.TlsConfig;
import org.parley.ua.auth.DigestAuthenticator;

/**
 * A SIP user agent: the one object an application makes to send and receive requests, place and
 * answer calls, register and exchange messages. Built with {@link #builder()}:
 *
 * <pre>{@code
 * try (UserAgent ua = UserAgent.builder().identity("sip:alice@example.com")
 *         .account("alice", password).start()) {
 *     SipResponse pong = ua.options("sip:bob@example.com").get(5, TimeUnit.SECONDS);
 * }
 * }</pre>
 *
 * <p>Every request it sends goes through the same path (RFC 3261 §8.1): next hop from the Route
 * or outbound proxy, RFC 3263 location, a fresh Via branch, a Contact where one is needed, and
 * digest authentication of 401/407 (RFC 3261 §22, RFC 7616, RFC 8760) with the accounts given.
 * Requests it receives are checked (§8.2.2) and served: calls by the call handler, MESSAGE by the
 * message handler, OPTIONS answered with what it supports, requests of unknown dialogs 481.
 *
 * <p>Thread-safe. Results are {@link CompletableFuture}s completed, and listeners called, on the
 * callback executor (virtual threads by default), never on a network or transaction thread: code
 * there may block, e.g. call {@code join()}.
 */
public final class UserAgent implements AutoCloseable {
    /** How long {@link #close()} waits for live registrations to be removed. */
    public static final Duration UNREGISTER_WAIT = Duration.ofSeconds(4);
    /** The User-Agent header by default. */
    static final String DEFAULT_NAME = "Parley/" + version();

    private final TransactionLayer transactions;
    private final InboundRequests inbound;
    private final Outbound outbound;
    private final Callbacks callbacks;
    private final Calls calls;
    private final Address identity;
    private final String userAgentName;
    private final List<AutoCloseable> owned = new ArrayList<>();
    private final Set<Registration> registrations = ConcurrentHashMap.newKeySet();

    UserAgent(UserAgentBuilder b) {
        ExecutorService ownExecutor = null;
        if (b.callbackExecutor == null) {
            ownExecutor = Executors.newVirtualThreadPerTaskExecutor();
        }
        this.callbacks = new Callbacks(b.callbackExecutor != null ? b.callbackExecutor : ownExecutor);
        this.userAgentName = b.userAgentName;
        this.inbound = new InboundRequests(b.userAgentName, callbacks);
        List<? extends Lane> lanes = b.lanes;
        try {
            if (lanes == null) {
                EventLoopLane own = new EventLoopLane("parley-ua");
                owned.add(own);
                lanes = List.of(own);
            }
            ServerLocator locator = b.locator;
            if (locator == null) {
                // WS and WSS too: a ws URI with a numeric host or a port is located by address (RFC 7118 §5).
                DnsServerLocator dns = new DnsServerLocator(ResolverConfig.systemDefaults().withTransports(
                        Set.of(Transport.UDP, Transport.TCP, Transport.TLS, Transport.WS, Transport.WSS)));
                owned.add(dns);
                locator = dns;
            }
            TransportConfig transportConfig = transportConfig(b);
            this.transactions = TransactionLayer.start(b.transactionConfig, lanes, inbound,
                    b.transportFactory != null ? b.transportFactory
                            : handler -> NettyTransportLayer.start(transportConfig, handler));
            owned.add(0, transactions);
            LocalAddress local = new LocalAddress(transactions.transport());
            DigestAuthenticator authenticator = b.accounts.isEmpty() ? null : new DigestAuthenticator(b.accounts);
            this.outbound = new Outbound(transactions, locator, local, authenticator, b.outboundProxy,
                    b.preferredTransport, b.userAgentName, callbacks);
            outbound.dialogs(inbound);
            this.identity = b.identity != null ? b.identity : defaultIdentity(local);
            this.calls = new Calls(transactions, outbound, inbound, callbacks, local, identity, b.media);
        } catch (RuntimeException e) {
            closeAll();
            throw e;
        }
        if (ownExecutor != null) {
            ExecutorService e = ownExecutor;
            owned.add(e::shutdown);
        }
    }

    /** A builder with every default set. */
    public static UserAgentBuilder builder() {
        return new UserAgentBuilder();
    }

    private static TransportConfig transportConfig(UserAgentBuilder b) {
        List<ListenerConfig> listeners = new ArrayList<>(b.listeners);
        if (b.transportConfig != null) {
            listeners.addAll(b.transportConfig.listeners());
        }
        if (listeners.isEmpty()) {
            listeners.add(new ListenerConfig(Transport.UDP, new InetSocketAddress(UserAgentBuilder.wildcard(), 0)));
            listeners.add(new ListenerConfig(Transport.TCP, new InetSocketAddress(UserAgentBuilder.wildcard(), 0)));
        }
        TransportConfig base = b.transportConfig != null ? b.transportConfig : TransportConfig.of(listeners);
        // Outbound TLS works without configuration: the JDK's trust anchors, no client certificate.
        Optional<TlsConfig> tls = b.tls != null ? Optional.of(b.tls)
                : base.tls().or(() -> Optional.of(TlsConfig.builder().build()));
        return new TransportConfig(List.copyOf(listeners), base.parser(), base.maxConnections(),
                base.maxConnectionsPerAddress(), base.ioThreads(), base.idleTimeout(), base.nativeTransport(),
                tls, base.webSocket());
    }

    private static Address defaultIdentity(LocalAddress local) {
        InetSocketAddress a = local.forTransport(Transport.UDP, null);
        return Address.of(SipUri.builder().user("parley").host(LocalAddress.hostText(a.getAddress())).build());
    }

    private static String version() {
        String v = UserAgent.class.getPackage().getImplementationVersion();
        return v != null ? v : "0.1";
    }

    /** Who this user agent is: the From of its requests. */
    public Address identity() {
        return identity;
    }

    /** The addresses it listens on over {@code transport}, with the ports bound. */
    public List<InetSocketAddress> localAddresses(Transport transport) {
        return transactions.transport().localAddresses(transport);
    }

    /**
     * A request outside any dialog, ready to send with {@link #send}: Request-URI and To are
     * {@code uri}, From is the identity with a new tag, a new Call-ID, CSeq 1, Max-Forwards 70
     * (RFC 3261 §8.1.1). Add headers and a body, then send it.
     *
     * @throws IllegalArgumentException when {@code uri} does not parse
     */
    public RequestBuilder newRequest(Method method, String uri) {
        Objects.requireNonNull(method, "method");
        Uri target = parseUri(uri);
        return SipRequest.builder(method, target.toString())
                .add(HeaderName.MAX_FORWARDS, "70")
                .add(HeaderName.FROM, identity.withTag(Identifiers.tag()).toString())
                .add(HeaderName.TO, Address.of(target).toString())
                .add(HeaderName.CALL_ID, Identifiers.callId(callIdHost()))
                .add(HeaderName.CSEQ, "1 " + method.name());
    }

    /**
     * Sends a request (without Via: it is added) and completes with its final response: any status,
     * 2xx or not, after answering 401/407 challenges with the accounts given. A timeout or transport
     * error completes it with the 408 or 503 the transaction layer makes (RFC 3261 §8.1.3.1).
     *
     * @return the final response; fails with {@link org.parley.transport.resolve.LocationException}
     *     when the next hop does not resolve, or IllegalArgumentException for a URI that names no host
     */
    public CompletableFuture<SipResponse> send(SipRequest request) {
        if (request.method().equals(Method.ACK) || request.method().equals(Method.CANCEL)) {
            throw new IllegalArgumentException(request.method() + " is sent by the call it belongs to, not by send");
        }
        return outbound.request(request);
    }

    /** Pings {@code uri} with OPTIONS (RFC 3261 §11.1) and completes with the final response. */
    public CompletableFuture<SipResponse> options(String uri) {
        return send(newRequest(Method.OPTIONS, uri).add(HeaderName.ACCEPT, Capabilities.ACCEPT).build());
    }

    /** Sends {@code text} as a {@code text/plain} MESSAGE (RFC 3428) and completes with the final response. */
    public CompletableFuture<SipResponse> message(String uri, String text) {
        return message(uri, "text/plain;charset=UTF-8", text.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends a MESSAGE with a body of {@code contentType} (RFC 3428 §4). */
    public CompletableFuture<SipResponse> message(String uri, String contentType, byte[] body) {
        return send(newRequest(Method.MESSAGE, uri).body(contentType, body).build());
    }

    /**
     * Receives MESSAGEs: each is answered 200 and handed to {@code handler} on the callback
     * executor. Without a handler a MESSAGE is refused with 480. Replaces any earlier handler.
     */
    public void onMessage(Consumer<IncomingMessage> handler) {
        inbound.messageHandler(handler);
    }

    /**
     * Places a call to {@code uri} with an SDP offer made from the local media capabilities
     * (RFC 3261 §13.2, RFC 3264 §5). Returns at once; the INVITE leaves from the call's lane.
     *
     * @throws IllegalArgumentException when {@code uri} does not parse
     */
    public Call call(String uri) {
        return call(uri, CallOptions.defaults());
    }

    /** Places a call to {@code uri} offering {@code offer}. */
    public Call call(String uri, SessionDescription offer) {
        return call(uri, CallOptions.defaults().offer(offer));
    }

    /** Places a call to {@code uri} as {@code options} say (offer or none, listeners). */
    public Call call(String uri, CallOptions options) {
        Objects.requireNonNull(options, "options");
        return calls.place(newRequest(Method.INVITE, uri), options);
    }

    /**
     * Takes incoming calls: each INVITE outside a dialog whose offer is acceptable is handed to
     * {@code handler} on the callback executor, to ring, answer or reject. Without a handler (or
     * with null) calls are refused with 480. Replaces any earlier handler.
     */
    public void onIncomingCall(Consumer<IncomingCall> handler) {
        calls.onIncomingCall(handler);
    }

    /**
     * A registration of the identity at {@code registrarUri} (RFC 3261 §10.2), e.g.
     * {@code sip:example.com}, asking for {@link RegistrationOptions#DEFAULT_EXPIRES}; call
     * {@link Registration#start()} to send it.
     *
     * @throws IllegalArgumentException when the URI does not parse
     */
    public Registration register(String registrarUri) {
        return register(registrarUri, RegistrationOptions.defaults());
    }

    /**
     * A registration at {@code registrarUri} as {@code options} say; call {@link Registration#start()}
     * to send it. {@link #close()} removes it if it is still registered.
     *
     * @throws IllegalArgumentException when the URI does not parse
     */
    public Registration register(String registrarUri, RegistrationOptions options) {
        Objects.requireNonNull(options, "options");
        Uri registrar = parseUri(registrarUri);
        Address aor = options.addressOfRecord().orElse(identity.withoutParameter("tag"));
        Registration r = new Registration(this, registrar, aor, options);
        registrations.add(r);
        return r;
    }

    /**
     * A subscription to {@code eventPackage} (e.g. {@code "presence"}, {@code "message-summary"})
     * at {@code uri} (RFC 6665 §4.1), taking bodies of the {@code accept} types ("" for the
     * package's default) and asking for {@code expires}; call {@link Subscription#start()} to send it.
     *
     * @throws IllegalArgumentException when the URI or the event package does not parse, or the
     *     expiry is not 1 to 2^32-1 seconds
     */
    public Subscription subscribe(String uri, String eventPackage, String accept, Duration expires) {
        Objects.requireNonNull(accept, "accept");
        Objects.requireNonNull(expires, "expires");
        Uri resource = parseUri(uri);
        org.parley.message.header.Event event;
        try {
            event = org.parley.message.header.Event.parse(Objects.requireNonNull(eventPackage, "eventPackage"));
        } catch (org.parley.message.SipParseException e) {
            throw new IllegalArgumentException("event package \"" + eventPackage + "\" does not parse: "
                    + e.getMessage(), e);
        }
        long seconds = expires.toSeconds();
        if (seconds < 1 || seconds > RegistrationOptions.MAX_EXPIRES_SECONDS) {
            throw new IllegalArgumentException("Expires must be 1..2^32-1 seconds, was " + expires);
        }
        return new Subscription(this, resource, event, accept.trim(), seconds);
    }

    /**
     * Stops listening and releases every thread it started. Registrations still live are removed
     * first (RFC 3261 §10.2.2), waiting at most {@link #UNREGISTER_WAIT} for the registrars' answers
     * (not at all when called from a transaction lane, which must not block). Idempotent.
     */
    @Override
    public void close() {
        List<CompletableFuture<List<Binding>>> removals = new ArrayList<>();
        for (Registration r : List.copyOf(registrations)) {
            removals.add(r.unregister());
        }
        boolean onLane = registrations.stream().anyMatch(r -> transactions.inLane(r.callId()));
        if (!removals.isEmpty() && !onLane) {
            try {
                CompletableFuture.allOf(removals.toArray(CompletableFuture[]::new))
                        .get(UNREGISTER_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                // Closing goes on: a registrar that did not answer lets the binding expire.
            }
        }
        closeAll();
    }

    void forget(Registration r) {
        registrations.remove(r);
    }

    private void closeAll() {
        synchronized (owned) {
            for (AutoCloseable c : owned) {
                try {
                    c.close();
                } catch (Exception e) {
                    // Closing the rest matters more than this failure, which a closed part reports itself.
                }
            }
            owned.clear();
        }
    }

    static Uri parseUri(String uri) {
        return UserAgentBuilder.parseUri("URI", uri);
    }

    String callIdHost() {
        return identity.uri() instanceof SipUri sip ? sip.host().text() : "parley.invalid";
    }

    TransactionLayer transactions() {
        return transactions;
    }

    Outbound outbound() {
        return outbound;
    }

    InboundRequests inbound() {
        return inbound;
    }

    Callbacks callbacks() {
        return callbacks;
    }

    String userAgentName() {
        return userAgentName;
    }
}
