package org.parley.transport.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.dns.DnsRecordType;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.parley.message.uri.SipUri;

/**
 * Answers beyond the plain ones, against the in-process DNS server on loopback: negative caching
 * (RFC 2308 §5), CNAME chains (RFC 1034 §3.6.2) and truncated UDP answers retried over TCP
 * (RFC 7766 §5). Resolved addresses are documentation addresses and are never contacted.
 */
class DnsAnswersIT {
    private final List<AutoCloseable> started = new ArrayList<>();
    private final TestClock clock = new TestClock();

    @AfterEach
    void stopEverything() throws Exception {
        for (AutoCloseable c : started.reversed()) {
            c.close();
        }
    }

    private TestDnsServer dns() {
        TestDnsServer s = TestDnsServer.start();
        started.add(s);
        return s;
    }

    private DnsServerLocator locator(TestDnsServer dns, Duration maxNegativeTtl) {
        ResolverConfig config = ResolverConfig.of(List.of(dns.address())).withQueryTimeout(Duration.ofSeconds(2))
            .withAddressPreference(ResolverConfig.AddressPreference.IPV4_ONLY).withMaxNegativeTtl(maxNegativeTtl);
        DnsServerLocator l = new DnsServerLocator(config, clock, new SplittableRandom(1));
        started.add(l);
        return l;
    }

    private DnsServerLocator locator(TestDnsServer dns) {
        return locator(dns, ResolverConfig.DEFAULT_MAX_NEGATIVE_TTL);
    }

    private static List<Target> locate(DnsServerLocator locator, String uri) throws Exception {
        return locator.locate(SipUri.parse(uri)).get(10, TimeUnit.SECONDS);
    }

    private static Throwable failure(DnsServerLocator locator, String uri) throws Exception {
        try {
            locator.locate(SipUri.parse(uri)).get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("expected " + uri + " to fail");
    }

    private static InetSocketAddress address(String ip, int port) throws Exception {
        return new InetSocketAddress(java.net.InetAddress.getByName(ip), port);
    }

    @Test
    void cachesNxdomainForTheSmallerOfTheSoaTtlAndMinimum() throws Exception {
        TestDnsServer dns = dns().soa("example.com", 600, 60);
        DnsServerLocator locator = locator(dns);

        assertThat(failure(locator, "sip:gone.example.com:5070")).isInstanceOf(LocationException.class)
            .hasMessageContaining("NXDOMAIN, cached 60 s");
        assertThat(failure(locator, "sip:gone.example.com:5070")).hasMessageContaining("cached negative answer");
        assertThat(dns.queries("gone.example.com", DnsRecordType.A)).isEqualTo(1);

        clock.advance(Duration.ofSeconds(60));
        failure(locator, "sip:gone.example.com:5070");
        assertThat(dns.queries("gone.example.com", DnsRecordType.A)).isEqualTo(2);
    }

    @Test
    void cachesNodataAndBoundsTheNegativeTtlByTheConfig() throws Exception {
        // The name exists (it has an AAAA record) but has no A record: NODATA.
        TestDnsServer dns = dns().soa("example.com", 86_400, 86_400).address("v6.example.com", 300, "2001:db8::1");
        DnsServerLocator locator = locator(dns, Duration.ofSeconds(30));

        assertThat(failure(locator, "sip:v6.example.com:5070")).hasMessageContaining("no records, cached 30 s");
        failure(locator, "sip:v6.example.com:5070");
        assertThat(dns.queries("v6.example.com", DnsRecordType.A)).isEqualTo(1);
        clock.advance(Duration.ofSeconds(30));
        failure(locator, "sip:v6.example.com:5070");
        assertThat(dns.queries("v6.example.com", DnsRecordType.A)).isEqualTo(2);
    }

    @Test
    void doesNotCacheANegativeAnswerWithoutAnSoa() throws Exception {
        TestDnsServer dns = dns();
        DnsServerLocator locator = locator(dns);

        failure(locator, "sip:gone.example.org:5070");
        failure(locator, "sip:gone.example.org:5070");
        // RFC 2308 §5: without an SOA there is no TTL to keep it for.
        assertThat(dns.queries("gone.example.org", DnsRecordType.A)).isEqualTo(2);
    }

    @Test
    void followsACnameChainWithNewQueriesAndCachesByItsShortestTtl() throws Exception {
        TestDnsServer dns = dns().cname("sip.example.com", 60, "edge.example.net")
            .cname("edge.example.net", 300, "pop1.example.net")
            .address("pop1.example.net", 300, "192.0.2.10");
        DnsServerLocator locator = locator(dns);

        assertThat(locate(locator, "sip:sip.example.com:5070")).containsExactly(
            new Target(org.parley.transport.Transport.UDP, address("192.0.2.10", 5070), "sip.example.com"));
        assertThat(dns.queries("pop1.example.net", DnsRecordType.A)).isEqualTo(1);

        locate(locator, "sip:sip.example.com:5070");
        assertThat(dns.queries("sip.example.com", DnsRecordType.A)).isEqualTo(1);
        clock.advance(Duration.ofSeconds(60));
        locate(locator, "sip:sip.example.com:5070");
        assertThat(dns.queries("sip.example.com", DnsRecordType.A)).isEqualTo(2);
    }

    @Test
    void refusesACnameLoop() throws Exception {
        TestDnsServer dns = dns().cname("a.example.com", 60, "b.example.com")
            .cname("b.example.com", 60, "a.example.com");
        assertThat(failure(locator(dns), "sip:a.example.com:5070")).isInstanceOf(LocationException.class)
            .hasMessageContaining("CNAME loop");
        assertThat(dns.queries("a.example.com", DnsRecordType.A)).isEqualTo(1);
    }

    @Test
    void refusesACnameChainLongerThanTheBound() throws Exception {
        TestDnsServer dns = dns();
        for (int i = 0; i < 20; i++) {
            dns.cname("c" + i + ".example.com", 60, "c" + (i + 1) + ".example.com");
        }
        assertThat(failure(locator(dns), "sip:c0.example.com:5070")).hasMessageContaining("CNAME chain");
        assertThat(dns.totalQueries()).isLessThanOrEqualTo(DnsQueries.MAX_CNAME_CHAIN + 2);
    }

    @Test
    void asksAgainOverTcpWhenTheUdpAnswerIsTruncated() throws Exception {
        TestDnsServer dns = dns().address("big.example.com", 300, "192.0.2.20").truncateOverUdp("big.example.com");

        assertThat(locate(locator(dns), "sip:big.example.com:5070")).extracting(Target::address)
            .containsExactly(address("192.0.2.20", 5070));
        assertThat(dns.tcpQueries()).isEqualTo(1);
    }
}
