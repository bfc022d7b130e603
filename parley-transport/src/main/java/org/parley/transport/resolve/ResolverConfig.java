package org.parley.transport.resolve;

import io.netty.resolver.dns.DefaultDnsServerAddressStreamProvider;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.parley.transport.Transport;

/**
 * Configuration of {@link DnsServerLocator}. Immutable; validated when built.
 *
 * @param nameservers         the recursive name servers to ask, in order: a query that times out or
 *                            gets SERVFAIL/REFUSED goes to the next
 * @param queryTimeout        how long one query waits for an answer from one name server
 * @param transports          the transports this client can use; RFC 3263 §4.1 only selects these
 * @param addressPreference   which address families to look up and which comes first
 * @param maxCacheEntries     the bound of each record cache (NAPTR, SRV, addresses)
 * @param maxNegativeTtl      the longest a negative answer (NXDOMAIN, NODATA) is cached, whatever its
 *                            SOA says (RFC 2308 §5); zero turns negative caching off
 */
public record ResolverConfig(
    List<InetSocketAddress> nameservers,
    Duration queryTimeout,
    Set<Transport> transports,
    AddressPreference addressPreference,
    int maxCacheEntries,
    Duration maxNegativeTtl) {

    /** Query timeout: 5 s, the resolv.conf(5) {@code timeout} default, which Netty also uses. */
    public static final Duration DEFAULT_QUERY_TIMEOUT = Duration.ofSeconds(5);
    /**
     * Transports: UDP and TCP, which every element must implement (RFC 3261 §18), and TLS, which
     * {@code sips} URIs need (RFC 3261 §26.2.1).
     */
    public static final Set<Transport> DEFAULT_TRANSPORTS = Set.of(Transport.UDP, Transport.TCP, Transport.TLS);
    /** IPv4 first, then IPv6, as the JDK does by default ({@code java.net.preferIPv6Addresses=false}). */
    public static final AddressPreference DEFAULT_ADDRESS_PREFERENCE = AddressPreference.IPV4_FIRST;
    /** Cache bound: 4096 names per record type, Parley's choice to bound memory; no standard sets one. */
    public static final int DEFAULT_MAX_CACHE_ENTRIES = 4096;
    /**
     * Negative answers are kept at most 3 hours: RFC 2308 §5 finds one to three hours a sensible
     * bound and more than a day problematic.
     */
    public static final Duration DEFAULT_MAX_NEGATIVE_TTL = Duration.ofHours(3);

    /** Which A/AAAA lookups to make for a host, and in which order to list their addresses. */
    public enum AddressPreference {
        /** A only. */
        IPV4_ONLY,
        /** AAAA only. */
        IPV6_ONLY,
        /** A and AAAA; IPv4 addresses first. */
        IPV4_FIRST,
        /** A and AAAA; IPv6 addresses first. */
        IPV6_FIRST
    }

    /**
     * Validates and copies the components.
     *
     * @throws IllegalArgumentException naming the field and the bad value
     */
    public ResolverConfig {
        Objects.requireNonNull(nameservers, "nameservers");
        Objects.requireNonNull(queryTimeout, "queryTimeout");
        Objects.requireNonNull(transports, "transports");
        Objects.requireNonNull(addressPreference, "addressPreference");
        Objects.requireNonNull(maxNegativeTtl, "maxNegativeTtl");
        nameservers = List.copyOf(nameservers);
        transports = Set.copyOf(transports);
        if (nameservers.isEmpty()) {
            throw new IllegalArgumentException("nameservers must not be empty, was " + nameservers);
        }
        for (InetSocketAddress ns : nameservers) {
            if (ns.isUnresolved()) {
                throw new IllegalArgumentException("nameservers must be numeric addresses, was " + ns);
            }
        }
        if (queryTimeout.isNegative() || queryTimeout.isZero()) {
            throw new IllegalArgumentException("queryTimeout must be positive, was " + queryTimeout);
        }
        if (transports.isEmpty()) {
            throw new IllegalArgumentException("transports must not be empty, was " + transports);
        }
        if (maxCacheEntries < 0) {
            throw new IllegalArgumentException("maxCacheEntries must be 0 or more, was " + maxCacheEntries);
        }
        if (maxNegativeTtl.isNegative() || maxNegativeTtl.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException("maxNegativeTtl must be 0..1 day (RFC 2308 §5), was " + maxNegativeTtl);
        }
    }

    /**
     * The configuration before negative caching had a bound of its own: {@link #DEFAULT_MAX_NEGATIVE_TTL}.
     *
     * @throws IllegalArgumentException naming the field and the bad value
     */
    public ResolverConfig(List<InetSocketAddress> nameservers, Duration queryTimeout, Set<Transport> transports,
            AddressPreference addressPreference, int maxCacheEntries) {
        this(nameservers, queryTimeout, transports, addressPreference, maxCacheEntries, DEFAULT_MAX_NEGATIVE_TTL);
    }

    /**
     * The defaults above with the given name servers.
     *
     * @param nameservers numeric name server addresses, tried in order
     */
    public static ResolverConfig of(List<InetSocketAddress> nameservers) {
        return new ResolverConfig(nameservers, DEFAULT_QUERY_TIMEOUT, DEFAULT_TRANSPORTS,
            DEFAULT_ADDRESS_PREFERENCE, DEFAULT_MAX_CACHE_ENTRIES, DEFAULT_MAX_NEGATIVE_TTL);
    }

    /** The defaults above with the system's name servers (resolv.conf, as Netty reads it). */
    public static ResolverConfig systemDefaults() {
        return of(DefaultDnsServerAddressStreamProvider.defaultAddressList());
    }

    /** A copy with another query timeout. */
    public ResolverConfig withQueryTimeout(Duration timeout) {
        return new ResolverConfig(nameservers, timeout, transports, addressPreference, maxCacheEntries, maxNegativeTtl);
    }

    /** A copy with other supported transports. */
    public ResolverConfig withTransports(Set<Transport> supported) {
        return new ResolverConfig(nameservers, queryTimeout, supported, addressPreference, maxCacheEntries,
            maxNegativeTtl);
    }

    /** A copy with another address preference. */
    public ResolverConfig withAddressPreference(AddressPreference preference) {
        return new ResolverConfig(nameservers, queryTimeout, transports, preference, maxCacheEntries, maxNegativeTtl);
    }

    /** A copy with another cache bound; 0 turns caching off. */
    public ResolverConfig withMaxCacheEntries(int max) {
        return new ResolverConfig(nameservers, queryTimeout, transports, addressPreference, max, maxNegativeTtl);
    }

    /** A copy with another bound on negative caching; zero turns it off. */
    public ResolverConfig withMaxNegativeTtl(Duration max) {
        return new ResolverConfig(nameservers, queryTimeout, transports, addressPreference, maxCacheEntries, max);
    }
}
