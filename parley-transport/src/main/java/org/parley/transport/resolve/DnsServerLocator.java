package org.parley.transport.resolve;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.dns.DnsRecordType;
import io.netty.resolver.dns.DnsNameResolver;
import io.netty.resolver.dns.DnsNameResolverBuilder;
import io.netty.resolver.dns.NoopAuthoritativeDnsServerCache;
import io.netty.resolver.dns.NoopDnsCache;
import io.netty.resolver.dns.NoopDnsCnameCache;
import io.netty.resolver.dns.SequentialDnsServerAddressStreamProvider;
import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.random.RandomGenerator;
import org.parley.message.uri.Host;
import org.parley.message.uri.SipUri;
import org.parley.transport.Transport;

/**
 * Locates SIP servers with DNS as RFC 3263 §4 describes: NAPTR, then SRV, then A/AAAA.
 *
 * <pre>
 *  TARGET = maddr or host (§4)
 *    numeric ──────────────────────────────► address, port or default          (§4.1, §4.2)
 *    name + port ──────────────────────────► A/AAAA, that port                 (§4.2)
 *    name + transport param ───► SRV for it ─► A/AAAA per SRV target            (§4.1, §4.2)
 *    name ──► NAPTR (order, preference) ───► SRV replacement ─► A/AAAA          (§4.1, §4.2)
 *               └ none usable ──► SRV _sips._tcp, _sip._tcp, _sip._udp, _sip._sctp
 *                                   └ none ──► A/AAAA, default port (UDP for sip, TLS for sips)
 * </pre>
 *
 * <p>Transport selection (§4.1): the {@code transport} parameter wins ({@code tcp} with a
 * {@code sips} URI means TLS, {@code ws} means WSS; {@code udp} with {@code sips} is refused);
 * without it a numeric host or an explicit port means UDP for {@code sip} and TLS for {@code sips}.
 * NAPTR services SIP+D2U, SIP+D2T, SIPS+D2T, SIP+D2S, SIP+D2W and SIPS+D2W (RFC 7118 §10) are used
 * when the transport is in {@link ResolverConfig#transports()}; a {@code sips} URI keeps only secure
 * ones. SRV records are ordered by priority and RFC 2782 weighted selection with the injected random
 * source. Every answer is cached for its TTL by the injected clock; a negative one (NXDOMAIN, NODATA)
 * for its SOA's negative TTL (RFC 2308 §5), at most {@link ResolverConfig#maxNegativeTtl()}. CNAME
 * chains are followed (bounded, loops refused) and truncated UDP answers retried over TCP.
 *
 * <p>The result lists every target found, best first, and the caller fails over along it on a
 * transport error or timeout (RFC 3263 §4.3, see {@link ServerLocator}). A lookup that finds nothing
 * fails with a {@link LocationException} naming the host and each lookup tried.
 *
 * <p>Thread-safe. Queries run on one private Netty event loop and never block; the returned future
 * completes on that loop, or on the calling thread for numeric hosts and cache hits. {@link #close()}
 * stops the loop.
 */
public final class DnsServerLocator implements ServerLocator, AutoCloseable {
    /** RFC 3263 §4.1 NAPTR services (RFC 7118 §10 adds D2W) and the transports they name. */
    private static final Map<String, Transport> NAPTR_SERVICES = Map.of(
        "SIP+D2U", Transport.UDP, "SIP+D2T", Transport.TCP, "SIPS+D2T", Transport.TLS,
        "SIP+D2S", Transport.SCTP, "SIP+D2W", Transport.WS, "SIPS+D2W", Transport.WSS);
    /** RFC 3263 §4.1: the SRV queries made when there is no usable NAPTR record, in this order. */
    private static final List<Transport> SRV_ORDER =
        List.of(Transport.TLS, Transport.TCP, Transport.UDP, Transport.SCTP);

    private final ResolverConfig config;
    private final RandomGenerator random;
    private final EventLoopGroup group;
    private final DnsNameResolver resolver;
    private final DnsQueries queries;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * A locator with the system clock and a fresh random source.
     *
     * @param config name servers, timeout, transports, address preference and cache size
     */
    public DnsServerLocator(ResolverConfig config) {
        this(config, InstantSource.system(), new SplittableRandom());
    }

    /**
     * A locator with the given time and random sources, e.g. a test clock and a seeded random.
     *
     * @param config name servers, timeout, transports, address preference and cache size
     * @param clock  the time TTLs are measured against
     * @param random the source of RFC 2782 weighted selection; used under its own lock
     */
    public DnsServerLocator(ResolverConfig config, InstantSource clock, RandomGenerator random) {
        this.config = Objects.requireNonNull(config, "config");
        Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        this.group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        // Netty's own caches are off: ours keeps TTLs by the injected clock.
        this.resolver = new DnsNameResolverBuilder(group.next())
            .datagramChannelType(NioDatagramChannel.class)
            // RFC 7766 §5 (RFC 1035 §4.2.2): a truncated UDP answer is asked again over TCP.
            .socketChannelType(NioSocketChannel.class)
            .nameServerProvider(new SequentialDnsServerAddressStreamProvider(config.nameservers()))
            .queryTimeoutMillis(config.queryTimeout().toMillis())
            .resolveCache(NoopDnsCache.INSTANCE)
            .cnameCache(NoopDnsCnameCache.INSTANCE)
            .authoritativeDnsServerCache(NoopAuthoritativeDnsServerCache.INSTANCE)
            .recursionDesired(true)
            .build();
        this.queries = new DnsQueries(resolver, config, clock);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Fails with {@link LocationException} when nothing is found, a transport is not supported,
     * or the name servers time out; with {@link IllegalStateException} after {@link #close()}.
     */
    @Override
    public CompletableFuture<List<Target>> locate(SipUri uri) {
        Objects.requireNonNull(uri, "uri");
        if (closed.get()) {
            return CompletableFuture.failedFuture(new IllegalStateException("DnsServerLocator is closed"));
        }
        // RFC 3263 §4: the TARGET is the maddr parameter when present, otherwise the host.
        Host target = uri.maddr().orElse(uri.host());
        Attempts attempts = new Attempts();
        CompletableFuture<List<Target>> found;
        try {
            found = locate(uri, target, attempts);
        } catch (LocationException e) {
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<List<Target>> result = new CompletableFuture<>();
        found.whenComplete((targets, error) -> {
            if (error != null) {
                Throwable cause = error instanceof CompletionException && error.getCause() != null
                    ? error.getCause() : error;
                result.completeExceptionally(cause instanceof LocationException ? cause
                    : new LocationException("Could not locate " + target.text() + "; tried " + attempts, cause));
            } else if (targets.isEmpty()) {
                result.completeExceptionally(
                    new LocationException("No server found for " + target.text() + "; tried " + attempts));
            } else {
                result.complete(targets);
            }
        });
        return result;
    }

    private CompletableFuture<List<Target>> locate(SipUri uri, Host target, Attempts attempts) {
        boolean sips = uri.isSecure();
        Optional<Transport> explicit = uri.transport().map(t -> explicitTransport(t, sips, uri));
        if (target.isIpAddress() || uri.port().isPresent()) {
            // RFC 3263 §4.1: numeric host or explicit port and no transport param: UDP, or TLS for sips.
            Transport transport = supported(explicit.orElse(sips ? Transport.TLS : Transport.UDP), uri);
            int port = uri.port().orElse(transport.defaultPort());
            if (target.isIpAddress()) {
                InetSocketAddress address = new InetSocketAddress(literal(target), port);
                return CompletableFuture.completedFuture(List.of(new Target(transport, address, target.text())));
            }
            // RFC 3263 §4.2: a name with a port: A/AAAA only, no NAPTR or SRV.
            return addressTargets(Rdata.normalize(target.text()), transport, port, attempts);
        }
        String name = Rdata.normalize(target.text());
        if (explicit.isPresent()) {
            Transport transport = supported(explicit.get(), uri);
            return srvName(transport, name)
                .map(srv -> queries.srv(srv, attempts).thenCompose(records -> records.isEmpty()
                    ? addressTargets(name, transport, transport.defaultPort(), attempts)
                    : srvTargets(records, transport, attempts)))
                .orElseGet(() -> addressTargets(name, transport, transport.defaultPort(), attempts));
        }
        return queries.naptr(name, attempts).thenCompose(records -> fromNaptr(records, name, sips, attempts));
    }

    /** RFC 3263 §4.1: usable NAPTR records in order, each replacement's SRV targets in turn. */
    private CompletableFuture<List<Target>> fromNaptr(List<NaptrRecord> records, String name, boolean sips,
            Attempts attempts) {
        List<NaptrRecord> usable = new ArrayList<>();
        for (NaptrRecord r : records) {
            Transport t = NAPTR_SERVICES.get(r.service().toUpperCase(Locale.ROOT));
            // RFC 3263 §4.1: flag "s" leads to SRV; a sips URI discards services without "SIPS".
            if (t != null && "s".equalsIgnoreCase(r.flags()) && !r.replacement().isEmpty()
                    && config.transports().contains(t) && (!sips || t.isSecure())) {
                usable.add(r);
            }
        }
        if (usable.isEmpty()) {
            return withoutNaptr(name, sips, attempts);
        }
        usable.sort(Comparator.comparingInt(NaptrRecord::order).thenComparingInt(NaptrRecord::preference));
        CompletableFuture<List<Target>> all = CompletableFuture.completedFuture(List.of());
        for (NaptrRecord r : usable) {
            Transport t = NAPTR_SERVICES.get(r.service().toUpperCase(Locale.ROOT));
            all = all.thenCompose(before -> queries.srv(r.replacement(), attempts)
                .thenCompose(srv -> srvTargets(srv, t, attempts))
                .thenApply(more -> concat(before, more)));
        }
        // RFC 3263 §4.2: no SRV records: A/AAAA with the transport §4.1 chose, at its default port.
        Transport first = NAPTR_SERVICES.get(usable.get(0).service().toUpperCase(Locale.ROOT));
        return all.thenCompose(found -> found.isEmpty()
            ? addressTargets(name, first, first.defaultPort(), attempts)
            : CompletableFuture.completedFuture(found));
    }

    /** RFC 3263 §4.1: no NAPTR: SRV queries for the supported transports, then A/AAAA. */
    private CompletableFuture<List<Target>> withoutNaptr(String name, boolean sips, Attempts attempts) {
        List<Transport> transports = new ArrayList<>();
        List<CompletableFuture<List<SrvRecord>>> answers = new ArrayList<>();
        for (Transport t : SRV_ORDER) {
            if (config.transports().contains(t) && (!sips || t.isSecure())) {
                transports.add(t);
                answers.add(queries.srv(srvName(t, name).orElseThrow(), attempts));
            }
        }
        return CompletableFuture.allOf(answers.toArray(CompletableFuture<?>[]::new)).thenCompose(ignored -> {
            CompletableFuture<List<Target>> all = CompletableFuture.completedFuture(List.of());
            boolean anySrv = false;
            for (int i = 0; i < transports.size(); i++) {
                List<SrvRecord> records = answers.get(i).join();
                anySrv |= !records.isEmpty();
                Transport t = transports.get(i);
                all = all.thenCompose(before -> srvTargets(records, t, attempts).thenApply(m -> concat(before, m)));
            }
            if (anySrv) {
                return all;
            }
            // RFC 3263 §4.1: no SRV records: UDP for sip (TCP if UDP is off), TLS for sips.
            Transport fallback = sips ? Transport.TLS
                : config.transports().contains(Transport.UDP) ? Transport.UDP : Transport.TCP;
            if (!config.transports().contains(fallback)) {
                return CompletableFuture.failedFuture(new LocationException("No SRV records for " + name
                    + " and " + fallback + " is not among the supported transports " + config.transports()
                    + "; tried " + attempts));
            }
            return addressTargets(name, fallback, fallback.defaultPort(), attempts);
        });
    }

    /** RFC 2782 order, then the addresses of each SRV target; a target that fails is skipped. */
    private CompletableFuture<List<Target>> srvTargets(List<SrvRecord> records, Transport transport,
            Attempts attempts) {
        List<SrvRecord> ordered;
        synchronized (random) {
            ordered = SrvOrder.order(records, random);
        }
        List<CompletableFuture<List<Target>>> parts = new ArrayList<>();
        for (SrvRecord r : ordered) {
            parts.add(addressTargets(r.target(), transport, r.port(), attempts).exceptionally(e -> List.of()));
        }
        return CompletableFuture.allOf(parts.toArray(CompletableFuture<?>[]::new)).thenApply(ignored -> {
            List<Target> all = new ArrayList<>();
            for (CompletableFuture<List<Target>> part : parts) {
                all = concat(all, part.join());
            }
            return all;
        });
    }

    /** A and/or AAAA of {@code host} in the configured order; fails only when every query failed. */
    private CompletableFuture<List<Target>> addressTargets(String host, Transport transport, int port,
            Attempts attempts) {
        List<DnsRecordType> types = switch (config.addressPreference()) {
            case IPV4_ONLY -> List.of(DnsRecordType.A);
            case IPV6_ONLY -> List.of(DnsRecordType.AAAA);
            case IPV4_FIRST -> List.of(DnsRecordType.A, DnsRecordType.AAAA);
            case IPV6_FIRST -> List.of(DnsRecordType.AAAA, DnsRecordType.A);
        };
        List<CompletableFuture<List<InetAddress>>> answers = new ArrayList<>();
        for (DnsRecordType type : types) {
            answers.add(queries.addresses(host, type, attempts));
        }
        return CompletableFuture.allOf(answers.toArray(CompletableFuture<?>[]::new)).handle((ignored, error) -> {
            List<Target> targets = new ArrayList<>();
            Throwable firstError = null;
            int failures = 0;
            for (CompletableFuture<List<InetAddress>> answer : answers) {
                if (answer.isCompletedExceptionally()) {
                    failures++;
                    firstError = firstError == null ? answer.exceptionNow() : firstError;
                    continue;
                }
                for (InetAddress a : answer.join()) {
                    targets.add(new Target(transport, new InetSocketAddress(a, port), host));
                }
            }
            if (failures == answers.size()) {
                throw new CompletionException(firstError);
            }
            return targets;
        });
    }

    /** The transport a transport parameter names, in a sips URI made secure (RFC 3261 §26.2.2). */
    private static Transport explicitTransport(String param, boolean sips, SipUri uri) {
        Transport t = Transport.of(param);
        if (!sips || t.isSecure()) {
            return t;
        }
        if (t.equals(Transport.TCP)) {
            return Transport.TLS;
        }
        if (t.equals(Transport.WS)) {
            return Transport.WSS;
        }
        throw new LocationException("A sips URI needs a secure transport, " + uri + " names transport=" + param);
    }

    private Transport supported(Transport t, SipUri uri) {
        if (!config.transports().contains(t)) {
            throw new LocationException("Transport " + t + " for " + uri + " is not among the supported transports "
                + config.transports());
        }
        return t;
    }

    /** RFC 3263 §4.1 SRV names: _sips._tcp for TLS, _sip._tcp, _sip._udp, _sip._sctp; none for others. */
    private static Optional<String> srvName(Transport t, String name) {
        String prefix;
        if (t.equals(Transport.TLS)) {
            prefix = "_sips._tcp.";
        } else if (t.equals(Transport.TCP)) {
            prefix = "_sip._tcp.";
        } else if (t.equals(Transport.UDP)) {
            prefix = "_sip._udp.";
        } else if (t.equals(Transport.SCTP)) {
            prefix = "_sip._sctp.";
        } else {
            return Optional.empty();
        }
        return Optional.of(prefix + name);
    }

    private static InetAddress literal(Host host) {
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(host.text());
        try {
            if (bytes == null) {
                throw new UnknownHostException(host.text());
            }
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new LocationException("Cannot read the address " + host.text(), e);
        }
    }

    private static List<Target> concat(List<Target> a, List<Target> b) {
        LinkedHashSet<Target> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    /** Closes the resolver and stops its event loop, waiting briefly for it when called from elsewhere. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        resolver.close();
        var terminated = group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        if (!group.next().inEventLoop()) {
            terminated.awaitUninterruptibly(2, TimeUnit.SECONDS);
        }
    }
}
