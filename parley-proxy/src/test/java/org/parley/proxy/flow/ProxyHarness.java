package org.parley.proxy.flow;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.UnaryOperator;
import org.parley.message.header.Contact;
import org.parley.proxy.core.Proxy;
import org.parley.proxy.core.ProxyConfig;
import org.parley.proxy.location.AddressOfRecord;
import org.parley.proxy.location.Binding;
import org.parley.proxy.location.BindingChange;
import org.parley.proxy.location.MemoryLocationStore;
import org.parley.proxy.registrar.Registrar;
import org.parley.proxy.registrar.RegistrarConfig;
import org.parley.transaction.EventLoopLane;
import org.parley.transaction.TransactionConfig;
import org.parley.transaction.TransactionLayer;
import org.parley.transport.ListenerConfig;
import org.parley.transport.NettyTransportLayer;
import org.parley.transport.Source;
import org.parley.transport.Transport;
import org.parley.transport.TransportConfig;
import org.parley.transport.resolve.ServerLocator;
import org.parley.ua.UserAgent;

/**
 * One running Parley proxy for the whole-flow ITs: a {@link Proxy} with an open {@link Registrar}
 * and a {@link MemoryLocationStore}, on a {@link TransactionLayer} over real UDP and TCP sockets on
 * 127.0.0.1 with ephemeral ports, two lanes. {@link #close()} stops the transport, the lanes and the
 * proxy, and the user agents made by {@link #userAgent}.
 *
 * <p>Thread model: made and closed on the test's thread; the proxy runs on its lanes and the
 * transport's event loops.
 */
final class ProxyHarness implements AutoCloseable {
    /** The domain the proxy serves. */
    static final String DOMAIN = "example.test";
    /**
     * Transaction timers with T1 = 50 ms (T2 400 ms): a client transaction without an answer ends in
     * 64·T1 = 3.2 s (Timer B or F, RFC 3261 §17.1), so timeout flows take seconds, not half a minute.
     */
    static final TransactionConfig SHORT_T1 = new TransactionConfig(Duration.ofMillis(50), Duration.ofMillis(400),
            TransactionConfig.DEFAULT_T4, TransactionConfig.DEFAULT_TIMER_D, TransactionConfig.DEFAULT_TRYING_DELAY, 2,
            false);
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final MemoryLocationStore locations = new MemoryLocationStore(InstantSource.system());
    private final List<EventLoopLane> lanes = new ArrayList<>();
    private final List<UserAgent> agents = new ArrayList<>();
    private final Proxy proxy;
    private final TransactionLayer layer;

    private ProxyHarness(UnaryOperator<ProxyConfig> tune, Optional<ServerLocator> locator,
            TransactionConfig transactions) {
        Registrar registrar = Registrar.open(RegistrarConfig.forDomain(DOMAIN), locations, InstantSource.system());
        Proxy.Builder b = Proxy.builder(tune.apply(ProxyConfig.forDomains(List.of(DOMAIN)))).locations(locations)
                .registrar(registrar);
        locator.ifPresent(b::locator);
        this.proxy = b.build();
        for (int i = 0; i < 2; i++) {
            lanes.add(new EventLoopLane("proxy-lane-" + i));
        }
        InetSocketAddress any = new InetSocketAddress(LOOPBACK, 0);
        TransportConfig transport = TransportConfig.of(List.of(new ListenerConfig(Transport.UDP, any),
                new ListenerConfig(Transport.TCP, any)));
        TransactionLayer started = null;
        try {
            started = TransactionLayer.start(transactions.withMergedRequestDetection(false), lanes, proxy,
                    h -> NettyTransportLayer.start(transport, h));
            proxy.attach(started);
        } catch (RuntimeException e) {
            if (started != null) {
                started.close();
            }
            lanes.forEach(EventLoopLane::close);
            proxy.close();
            throw e;
        }
        this.layer = started;
    }

    /** A proxy for {@link #DOMAIN} with the default configuration, record-routing. */
    static ProxyHarness start() {
        return start(c -> c, Optional.empty());
    }

    /** A proxy whose configuration {@code tune} adjusts, locating next hops with {@code locator} when given. */
    static ProxyHarness start(UnaryOperator<ProxyConfig> tune, Optional<ServerLocator> locator) {
        return new ProxyHarness(tune, locator, TransactionConfig.defaults());
    }

    /** As {@link #start(UnaryOperator, Optional)} with its own transaction timers (e.g. a short T1). */
    static ProxyHarness start(UnaryOperator<ProxyConfig> tune, Optional<ServerLocator> locator,
            TransactionConfig transactions) {
        return new ProxyHarness(tune, locator, transactions);
    }

    Proxy proxy() {
        return proxy;
    }

    MemoryLocationStore locations() {
        return locations;
    }

    /** The proxy's listener on {@code transport}. */
    InetSocketAddress address(Transport transport) {
        return layer.transport().localAddresses(transport).get(0);
    }

    /** The proxy's loose-routing URI over {@code transport}, for an outbound proxy or a Route. */
    String uri(Transport transport) {
        return "sip:127.0.0.1:" + address(transport).getPort() + ";transport="
                + transport.name().toLowerCase(Locale.ROOT) + ";lr";
    }

    /**
     * Binds {@code user}@{@link #DOMAIN} to {@code contact} as a REGISTER from {@code from} over
     * {@code transport} would have (for SIPp callees, which do not register themselves).
     */
    void bind(String user, String contact, Transport transport, InetSocketAddress from) {
        AddressOfRecord aor = new AddressOfRecord(user, DOMAIN);
        List<Binding> current = locations.lookup(aor).join();
        Binding b = new Binding(aor, Contact.parse(contact), InstantSource.system().instant().plus(
                Duration.ofHours(1)), "harness-" + user, current.size() + 1L, List.of(), Optional.empty(),
                OptionalInt.empty(), new Source(transport, from, address(transport), 0), Optional.empty());
        if (!locations.apply(BindingChange.of(aor, InstantSource.system().instant(), b.callId(), b.cseq(),
                List.of(b), 10)).join().isApplied()) {
            throw new IllegalStateException("binding " + contact + " of " + aor + " was not stored");
        }
    }

    /**
     * A Parley user agent {@code user}@{@link #DOMAIN} listening on 127.0.0.1:0 over {@code transport},
     * sending everything through this proxy over that transport; closed with the harness.
     */
    UserAgent userAgent(String user, Transport transport) {
        String t = transport.name().toLowerCase(Locale.ROOT);
        UserAgent ua = UserAgent.builder().identity("sip:" + user + "@" + DOMAIN).listen(t + ":127.0.0.1:0")
                .outboundProxy(uri(transport)).preferredTransport(transport).start();
        agents.add(ua);
        return ua;
    }

    /** The live transactions of the proxy's layer, for checks that nothing is left behind. */
    TransactionLayer transactions() {
        return layer;
    }

    @Override
    public void close() {
        for (UserAgent ua : agents) {
            ua.close();
        }
        layer.close();
        lanes.forEach(EventLoopLane::close);
        proxy.close();
    }
}
