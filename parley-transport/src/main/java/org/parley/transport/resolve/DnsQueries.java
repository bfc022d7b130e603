package org.parley.transport.resolve;

import io.netty.buffer.ByteBuf;
import io.netty.channel.AddressedEnvelope;
import io.netty.handler.codec.dns.DefaultDnsQuestion;
import io.netty.handler.codec.dns.DnsRawRecord;
import io.netty.handler.codec.dns.DnsRecord;
import io.netty.handler.codec.dns.DnsRecordType;
import io.netty.handler.codec.dns.DnsResponse;
import io.netty.handler.codec.dns.DnsResponseCode;
import io.netty.handler.codec.dns.DnsSection;
import io.netty.resolver.dns.DnsNameResolver;
import io.netty.resolver.dns.DnsNameResolverTimeoutException;
import io.netty.util.concurrent.Future;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * NAPTR, SRV, A and AAAA queries through Netty's {@link DnsNameResolver}, each answer decoded and
 * cached for its TTL. A query that times out, or is answered with anything but NOERROR or NXDOMAIN,
 * goes to the next name server; NXDOMAIN and an empty answer both complete with an empty list,
 * cached as RFC 2308 §5 says when the answer carries an SOA. CNAME chains are followed within an
 * answer and, when it stops short, with a new query, at most {@link #MAX_CNAME_CHAIN} links and
 * never round a loop. A truncated UDP answer is asked again over TCP by the resolver (RFC 1035
 * §4.2.2, RFC 7766 §5).
 *
 * <p>Thread-safe: queries are sent and answered on the resolver's event loop and never block; cache
 * hits complete on the calling thread. The caches lock themselves.
 */
final class DnsQueries {
    /**
     * The most CNAME records one lookup follows: Parley's bound (RFC 1034 §5.2.2 only asks that
     * loops be caught); 8 is far more than real zones chain, and keeps a hostile chain cheap.
     */
    static final int MAX_CNAME_CHAIN = 8;

    private final DnsNameResolver resolver;
    private final List<InetSocketAddress> nameservers;
    private final RecordCache<NaptrRecord> naptrCache;
    private final RecordCache<SrvRecord> srvCache;
    private final RecordCache<InetAddress> addressCache;
    private final long maxNegativeTtlSeconds;

    DnsQueries(DnsNameResolver resolver, ResolverConfig config, InstantSource clock) {
        this.resolver = resolver;
        this.nameservers = config.nameservers();
        this.naptrCache = new RecordCache<>(clock, config.maxCacheEntries());
        this.srvCache = new RecordCache<>(clock, config.maxCacheEntries());
        this.addressCache = new RecordCache<>(clock, config.maxCacheEntries());
        this.maxNegativeTtlSeconds = config.maxNegativeTtl().toSeconds();
    }

    CompletableFuture<List<NaptrRecord>> naptr(String name, Attempts attempts) {
        return lookup(name, DnsRecordType.NAPTR, naptrCache, Rdata::naptr, attempts);
    }

    CompletableFuture<List<SrvRecord>> srv(String name, Attempts attempts) {
        return lookup(name, DnsRecordType.SRV, srvCache, Rdata::srv, attempts);
    }

    /** A or AAAA records of {@code name}, as {@code type} says. */
    CompletableFuture<List<InetAddress>> addresses(String name, DnsRecordType type, Attempts attempts) {
        return lookup(name, type, addressCache, Rdata::address, attempts);
    }

    private <T> CompletableFuture<List<T>> lookup(String name, DnsRecordType type, RecordCache<T> cache,
            Function<ByteBuf, T> decoder, Attempts attempts) {
        String key = type.name() + " " + name;
        Optional<List<T>> cached = cache.get(key);
        if (cached.isPresent()) {
            attempts.note(key, cached.get().isEmpty() ? "cached negative answer" : cached.get().size() + " cached");
            return CompletableFuture.completedFuture(cached.get());
        }
        CompletableFuture<List<T>> result = new CompletableFuture<>();
        send(new Query<>(List.of(name), type, key, cache, decoder, attempts, result, Long.MAX_VALUE), 0);
        return result;
    }

    /**
     * One lookup, possibly across a CNAME chain: {@code chain} holds the names asked so far, the
     * first the one looked up and the last the one asked now; {@code ttl} the smallest TTL of the
     * CNAME records followed, which bounds how long the final answer may be cached under {@code key}.
     */
    private record Query<T>(List<String> chain, DnsRecordType type, String key, RecordCache<T> cache,
            Function<ByteBuf, T> decoder, Attempts attempts, CompletableFuture<List<T>> result, long ttl) {
        String asked() {
            return chain.get(chain.size() - 1);
        }

        Query<T> following(String canonical, long cnameTtl) {
            List<String> longer = new ArrayList<>(chain);
            longer.add(canonical);
            return new Query<>(List.copyOf(longer), type, key, cache, decoder, attempts, result,
                Math.min(ttl, cnameTtl));
        }
    }

    private <T> void send(Query<T> q, int server) {
        InetSocketAddress ns = nameservers.get(server);
        Future<AddressedEnvelope<DnsResponse, InetSocketAddress>> f =
            resolver.query(ns, new DefaultDnsQuestion(q.asked() + ".", q.type()));
        f.addListener(done -> {
            if (!f.isSuccess()) {
                failed(q, server, f.cause());
                return;
            }
            AddressedEnvelope<DnsResponse, InetSocketAddress> envelope = f.getNow();
            try {
                answered(q, server, envelope.content());
            } catch (RuntimeException e) {
                q.result().completeExceptionally(e);
            } finally {
                envelope.release();
            }
        });
    }

    private <T> void answered(Query<T> q, int server, DnsResponse response) {
        DnsResponseCode code = response.code();
        if (code.equals(DnsResponseCode.NXDOMAIN)) {
            negative(q, response, "NXDOMAIN");
            return;
        }
        if (!code.equals(DnsResponseCode.NOERROR)) {
            failed(q, server, new LocationException("name server " + nameservers.get(server) + " answered " + code));
            return;
        }
        // RFC 1034 §3.6.2: the answer may hold a CNAME chain from the name asked; records of the
        // type asked count only when their owner is on that chain.
        Map<String, DnsRecord> cnames = new HashMap<>();
        int count = response.count(DnsSection.ANSWER);
        for (int i = 0; i < count; i++) {
            DnsRecord r = response.recordAt(DnsSection.ANSWER, i);
            if (r.type().equals(DnsRecordType.CNAME) && !q.type().equals(DnsRecordType.CNAME)) {
                cnames.putIfAbsent(Rdata.normalize(r.name()), r);
            }
        }
        Query<T> chased = q;
        Set<String> owners = new HashSet<>(q.chain());
        DnsRecord cname;
        while ((cname = cnames.get(chased.asked())) != null) {
            Optional<Query<T>> next = follow(chased, cname);
            if (next.isEmpty()) {
                return;
            }
            chased = next.get();
            owners.add(chased.asked());
        }
        List<T> records = new ArrayList<>();
        long ttl = chased.ttl();
        for (int i = 0; i < count; i++) {
            DnsRecord r = response.recordAt(DnsSection.ANSWER, i);
            boolean onChain = owners.contains(Rdata.normalize(r.name()));
            if (r.type().equals(q.type()) && r instanceof DnsRawRecord raw && onChain) {
                try {
                    records.add(q.decoder().apply(raw.content().duplicate()));
                    ttl = Math.min(ttl, r.timeToLive());
                } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                    // Hostile or broken RDATA costs that record only (STYLE §5), never the lookup.
                    q.attempts().note(q.key(), "skipped a malformed record (" + e.getMessage() + ")");
                }
            }
        }
        if (records.isEmpty() && chased != q) {
            // The chain ends at a name this answer has no data for: ask for it (RFC 1034 §5.3.3).
            q.attempts().note(q.key(), "CNAME to " + chased.asked());
            send(chased, 0);
            return;
        }
        if (records.isEmpty()) {
            negative(chased, response, "no records");
            return;
        }
        if (response.isTruncated()) {
            // Netty retries a truncated answer over TCP; this one is what is left when that failed.
            q.attempts().note(q.key(), records.size() + " records from a truncated answer, not cached");
            q.result().complete(List.copyOf(records));
            return;
        }
        q.attempts().note(q.key(), records.size() + " records");
        q.cache().put(q.key(), records, ttl);
        q.result().complete(List.copyOf(records));
    }

    /** The query for a CNAME's target, or empty when the chain is refused (loop, too long, broken). */
    private <T> Optional<Query<T>> follow(Query<T> q, DnsRecord cname) {
        String canonical;
        try {
            canonical = Rdata.cname(((DnsRawRecord) cname).content().duplicate());
        } catch (IllegalArgumentException | IndexOutOfBoundsException | ClassCastException e) {
            q.result().completeExceptionally(new LocationException("malformed CNAME for " + q.asked()));
            return Optional.empty();
        }
        if (q.chain().contains(canonical)) {
            q.attempts().note(q.key(), "CNAME loop " + String.join(" -> ", q.chain()) + " -> " + canonical);
            q.result().completeExceptionally(new LocationException("CNAME loop at " + canonical + " for "
                + q.chain().get(0)));
            return Optional.empty();
        }
        if (q.chain().size() > MAX_CNAME_CHAIN) {
            q.attempts().note(q.key(), "CNAME chain longer than " + MAX_CNAME_CHAIN);
            q.result().completeExceptionally(new LocationException("CNAME chain from " + q.chain().get(0)
                + " longer than " + MAX_CNAME_CHAIN));
            return Optional.empty();
        }
        return Optional.of(q.following(canonical, cname.timeToLive()));
    }

    /**
     * RFC 2308 §5: a negative answer (NXDOMAIN, or NODATA: NOERROR with no records of the type) is
     * cached for the smaller of the SOA record's TTL and its MINIMUM field, bounded by the config;
     * without an SOA in the authority section it is not cached at all.
     */
    private <T> void negative(Query<T> q, DnsResponse response, String outcome) {
        long ttl = Math.min(q.ttl(), negativeTtl(response));
        q.attempts().note(q.key(), ttl > 0 ? outcome + ", cached " + ttl + " s" : outcome);
        q.cache().put(q.key(), List.of(), ttl);
        q.result().complete(List.of());
    }

    private long negativeTtl(DnsResponse response) {
        int count = response.count(DnsSection.AUTHORITY);
        for (int i = 0; i < count; i++) {
            DnsRecord r = response.recordAt(DnsSection.AUTHORITY, i);
            if (r.type().equals(DnsRecordType.SOA) && r instanceof DnsRawRecord raw) {
                try {
                    long minimum = Rdata.soaMinimum(raw.content().duplicate());
                    return Math.min(Math.min(r.timeToLive(), minimum), maxNegativeTtlSeconds);
                } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                    return 0;
                }
            }
        }
        return 0;
    }

    private <T> void failed(Query<T> q, int server, Throwable cause) {
        if (server + 1 < nameservers.size()) {
            send(q, server + 1);
            return;
        }
        String outcome = cause instanceof DnsNameResolverTimeoutException ? "timed out" : "failed (" + cause + ")";
        q.attempts().note(q.key(), outcome);
        q.result().completeExceptionally(cause);
    }
}
