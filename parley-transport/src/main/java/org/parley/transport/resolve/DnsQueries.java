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
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * NAPTR, SRV, A and AAAA queries through Netty's {@link DnsNameResolver}, each answer decoded and
 * cached for its TTL. A query that times out, or is answered with anything but NOERROR or NXDOMAIN,
 * goes to the next name server; NXDOMAIN and an empty answer both complete with an empty list.
 *
 * <p>Thread-safe: queries are sent and answered on the resolver's event loop and never block; cache
 * hits complete on the calling thread. The caches lock themselves.
 */
final class DnsQueries {
    private final DnsNameResolver resolver;
    private final List<InetSocketAddress> nameservers;
    private final RecordCache<NaptrRecord> naptrCache;
    private final RecordCache<SrvRecord> srvCache;
    private final RecordCache<InetAddress> addressCache;

    DnsQueries(DnsNameResolver resolver, ResolverConfig config, InstantSource clock) {
        this.resolver = resolver;
        this.nameservers = config.nameservers();
        this.naptrCache = new RecordCache<>(clock, config.maxCacheEntries());
        this.srvCache = new RecordCache<>(clock, config.maxCacheEntries());
        this.addressCache = new RecordCache<>(clock, config.maxCacheEntries());
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
            attempts.note(key, cached.get().size() + " cached");
            return CompletableFuture.completedFuture(cached.get());
        }
        CompletableFuture<List<T>> result = new CompletableFuture<>();
        send(new Query<>(name, type, key, cache, decoder, attempts, result), 0);
        return result;
    }

    private record Query<T>(String name, DnsRecordType type, String key, RecordCache<T> cache,
            Function<ByteBuf, T> decoder, Attempts attempts, CompletableFuture<List<T>> result) {
    }

    private <T> void send(Query<T> q, int server) {
        InetSocketAddress ns = nameservers.get(server);
        Future<AddressedEnvelope<DnsResponse, InetSocketAddress>> f =
            resolver.query(ns, new DefaultDnsQuestion(q.name() + ".", q.type()));
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
            q.attempts().note(q.key(), "NXDOMAIN");
            q.result().complete(List.of());
            return;
        }
        if (!code.equals(DnsResponseCode.NOERROR)) {
            failed(q, server, new LocationException("name server " + nameservers.get(server) + " answered " + code));
            return;
        }
        List<T> records = new ArrayList<>();
        long ttl = Long.MAX_VALUE;
        int count = response.count(DnsSection.ANSWER);
        for (int i = 0; i < count; i++) {
            DnsRecord r = response.recordAt(DnsSection.ANSWER, i);
            if (r.type().equals(q.type()) && r instanceof DnsRawRecord raw) {
                try {
                    records.add(q.decoder().apply(raw.content().duplicate()));
                    ttl = Math.min(ttl, r.timeToLive());
                } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                    // Hostile or broken RDATA costs that record only (STYLE §5), never the lookup.
                    q.attempts().note(q.key(), "skipped a malformed record (" + e.getMessage() + ")");
                }
            }
        }
        q.attempts().note(q.key(), records.isEmpty() ? "no records" : records.size() + " records");
        q.cache().put(q.key(), records, records.isEmpty() ? 0 : ttl);
        q.result().complete(List.copyOf(records));
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
