package org.parley.transport.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.codec.dns.DnsRecordType;
import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.parley.message.uri.SipUri;
import org.parley.transport.Transport;

/**
 * RFC 3263 §4 against an in-process DNS server on loopback. Resolved addresses are documentation
 * addresses (RFC 5737, RFC 3849) and are never contacted; only the DNS server is.
 */
class DnsServerLocatorIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final List<AutoCloseable> started = new ArrayList<>();
    private final TestClock clock = new TestClock();

    @AfterEach
    void stopEverything() throws Exception {
        for (AutoCloseable c : started.reversed()) {
            c.close();
        }
    }

    private TestDnsServer server(TestDnsServer s) {
        started.add(s);
        return s;
    }

    private DnsServerLocator locator(ResolverConfig config, RandomGenerator random) {
        DnsServerLocator l = new DnsServerLocator(config, clock, random);
        started.add(l);
        return l;
    }

    private DnsServerLocator locator(TestDnsServer dns) {
        return locator(ResolverConfig.of(List.of(dns.address())).withQueryTimeout(TIMEOUT), new SplittableRandom(1));
    }

    private static List<Target> locate(DnsServerLocator locator, String uri) throws Exception {
        return locator.locate(SipUri.parse(uri)).get(10, TimeUnit.SECONDS);
    }

    private static Throwable failure(DnsServerLocator locator, String uri) {
        try {
            locator.locate(SipUri.parse(uri)).get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            throw new AssertionError("expected a failed future, got " + e, e);
        }
        throw new AssertionError("expected " + uri + " to fail");
    }

    private static Target target(Transport transport, String ip, int port, String host) throws UnknownHostException {
        InetAddress address = InetAddress.getByAddress(NetUtil.createByteArrayFromIpAddressString(ip));
        return new Target(transport, new InetSocketAddress(address, port), host);
    }

    @Test
    void followsNaptrToSrvToAddressesByOrderThenPreference() throws Exception {
        TestDnsServer dns = server(TestDnsServer.start())
            .naptr("example.com", 300, 20, 10, "SIP+D2U", "_sip._udp.example.com")
            .naptr("example.com", 300, 10, 20, "SIP+D2T", "_sip._tcp.example.com")
            .naptr("example.com", 300, 10, 10, "SIPS+D2T", "_sips._tcp.example.com")
            .naptr("example.com", 300, 1, 1, "SIP+D2S", "_sip._sctp.example.com")
            .srv("_sip._udp.example.com", 300, 0, 0, 5070, "udp.example.com")
            .srv("_sip._tcp.example.com", 300, 0, 0, 5080, "tcp.example.com")
            .srv("_sips._tcp.example.com", 300, 0, 0, 5090, "tls.example.com")
            .address("udp.example.com", 300, "192.0.2.1")
            .address("tcp.example.com", 300, "192.0.2.2")
            .address("tls.example.com", 300, "192.0.2.3");

        assertThat(locate(locator(dns), "sip:alice@example.com")).containsExactly(
            target(Transport.TLS, "192.0.2.3", 5090, "tls.example.com"),
            target(Transport.TCP, "192.0.2.2", 5080, "tcp.example.com"),
            target(Transport.UDP, "192.0.2.1", 5070, "udp.example.com"));
        // SCTP is not among the default transports, so its NAPTR record leads nowhere.
        assertThat(dns.queries("_sip._sctp.example.com", DnsRecordType.SRV)).isZero();
    }

    @Test
    void queriesSrvForEachTransportWhenThereIsNoNaptr() throws Exception {
        TestDnsServer dns = server(TestDnsServer.start())
            .srv("_sip._udp.example.com", 300, 0, 0, 5070, "udp.example.com")
            .srv("_sip._tcp.example.com", 300, 0, 0, 5080, "tcp.example.com")
            .address("udp.example.com", 300, "192.0.2.1")
            .address("tcp.example.com", 300, "192.0.2.2");

        assertThat(locate(locator(dns), "sip:example.com")).containsExactly(
            target(Transport.TCP, "192.0.2.2", 5080, "tcp.example.com"),
            target(Transport.UDP, "192.0.2.1", 5070, "udp.example.com"));
        assertThat(dns.queries("example.com", DnsRecordType.NAPTR)).isEqualTo(1);
        assertThat(dns.queries("_sips._tcp.example.com", DnsRecordType.SRV)).isEqualTo(1);
    }

    @Test
    void fallsBackToAddressRecordsOnTheDefaultPortWithoutNaptrOrSrv() throws Exception {
        TestDnsServer dns = server(TestDnsServer.start())
            .address("example.com", 300, "192.0.2.7")
            .address("example.com", 300, "2001:db8::7");

        assertThat(locate(locator(dns), "sip:example.com")).containsExactly(
            target(Transport.UDP, "192.0.2.7", 5060, "example.com"),
            target(Transport.UDP, "2001:db8::7", 5060, "example.com"));
        assertThat(dns.queries("_sip._udp.example.com", DnsRecordType.SRV)).isEqualTo(1);
    }

    @Test
    void listsAaaaAddressesFirstFromANameServerOnIpv6Loopback() throws Exception {
        TestDnsServer dns = server(TestDnsServer.startOnIpv6Loopback())
            .srv("_sips._tcp.example.com", 300, 0, 0, 5061, "sip.example.com")
            .address("sip.example.com", 300, "192.0.2.8")
            .address("sip.example.com", 300, "2001:db8::8");
        ResolverConfig config = ResolverConfig.of(List.of(dns.address())).withQueryTimeout(TIMEOUT)
            .withAddressPreference(ResolverConfig.AddressPreference.IPV6_FIRST);

        assertThat(locate(locator(config, new SplittableRandom(1)), "sips:example.com")).containsExactly(
            target(Transport.TLS, "2001:db8::8", 5061, "sip.example.com"),
            target(Transport.TLS, "192.0.2.8", 5061, "sip.example.com"));
    }

    @Test
    void numericHostsNeedNoDnsQuery() throws Exception {
        TestDnsServer dns = server(TestDnsServer.start());
        DnsServerLocator locator = locator(dns);

        assertThat(locate(locator, "sip:192.0.2.1")).containsExactly(
            target(Transport.UDP, "192.0.2.1", 5060, "192.0.2.1"));
        assertThat(locate(locator, "sips:[2001:db8::1]")).containsExactly(
            target(Transport.TLS, "2001:db8::1", 5061, "2001:db8::1"));
        assertThat(locate(locator, "sip:[2001:db8::1]:5080;transport=tcp")).containsExactly(
            target(Transport.TCP, "2001:db8::1", 5080, "2001:db8::1"));
        assertThat(dns.totalQueries()).isZero();
    }

    @Test
    void maddrReplacesTheHostAsTarget() throws Exception {
        TestDnsServer dns = server(TestDnsServer.start());

        assertThat(locate(locator(dns), "sip:bob@example.com;maddr=192.0.2.9")).containsExactly(
            target(Transport.UDP, "192.0.2.9", 5060, "192.0.2.9"));
        assertThat(dns.totalQueries()).isZero();
    }

    @Test
    void explicitPortLooksUpAddressesOnly() throws Exception {
        TestDnsServer dns = server(TestDnsServer.start())
            .naptr("example.com", 300, 10, 10, "SIP+D2T", "_sip._tcp.example.com")
            .address("example.com", 300, "192.0.2.4");

        assertThat(locate(locator(dns), "sip:example.com:5099")).containsExactly(
            target(Transport.UDP, "192.0.2.4", 5099, "example.com"));
        assertThat(dns.queries("example.com", DnsRecordType.NAPTR)).isZero();
        assertThat(dns.queries("_sip._tcp.example.com", DnsRecordType.SRV)).isZero();
        assertThat(dns.queries("example.com", DnsRecordType.A)).isEqualTo(1);
    }

    @Test
    void transportParameterSkipsNaptrAndQueriesSrvForThatTransport() throws Exception {
        TestDnsServer dns = server(TestDnsServer.start())
            .naptr("example.com", 300, 10, 10, "SIP+D2U", "_sip._udp.example.com")
            .srv("_sip._udp.example.com", 300, 0, 0, 5070, "udp.example.com")
            .srv("_sip._tcp.example.com", 300, 0, 0, 5080, "tcp.example.com")
            .address("udp.example.com", 300, "192.0.2.1")
            .address("tcp.example.com", 300, "192.0.2.2");

        assertThat(locate(locator(dns), "sip:example.com;transport=tcp")).containsExactly(
            target(Transport.TCP, "192.0.2.2", 5080, "tcp.example.com"));
        assertThat(dns.queries("example.com", DnsRecordType.NAPTR)).isZero();
        assertThat(dns.queries("_sip._udp.example.com", DnsRecordType.SRV)).isZero();
    }

    @Test
    void sipsUrisGetOnlyTlsTargets() throws Exception {
        TestDnsServer dns = server(TestDnsServer.start())
            .naptr("example.com", 300, 10, 10, "SIP+D2U", "_sip._udp.example.com")
            .naptr("example.com", 300, 10, 20, "SIP+D2T", "_sip._tcp.example.com")
            .naptr("example.com", 300, 10, 30, "SIPS+D2T", "_sips._tcp.example.com")
            .srv("_sip._udp.example.com", 300, 0, 0, 5070, "udp.example.com")
            .srv("_sip._tcp.example.com", 300, 0, 0, 5080, "tcp.example.com")
            .srv("_sips._tcp.example.com", 300, 0, 0, 5090, "tls.example.com")
            .address("udp.example.com", 300, "192.0.2.1")
            .address("tcp.example.com", 300, "192.0.2.2")
            .address("tls.example.com", 300, "192.0.2.3")
            .srv("_sips._tcp.example.net", 300, 0, 0, 5091, "tls.example.net")
            .srv("_sip._udp.example.net", 300, 0, 0, 5071, "udp.example.net")
            .address("tls.example.net", 300, "192.0.2.5");
        DnsServerLocator locator = locator(dns);

        assertThat(locate(locator, "sips:example.com")).containsExactly(
            target(Transport.TLS, "192.0.2.3", 5090, "tls.example.com"));
        assertThat(locate(locator, "sips:example.net")).containsExactly(
            target(Transport.TLS, "192.0.2.5", 5091, "tls.example.net"));
        assertThat(dns.queries("_sip._udp.example.net", DnsRecordType.SRV)).isZero();
        assertThat(dns.queries("_sip._tcp.example.com", DnsRecordType.SRV)).isZero();
    }

    @Test
    void sipsUriWithUdpTransportIsRefusedWithoutAQuery() {
        TestDnsServer dns = server(TestDnsServer.start());

        assertThat(failure(locator(dns), "sips:example.com;transport=udp"))
            .isInstanceOf(LocationException.class)
            .hasMessageContaining("transport=udp");
        assertThat(dns.totalQueries()).isZero();
    }

    @Test
    void ordersSrvByPriorityThenByWeightWithTheGivenRandom() throws Exception {
        TestDnsServer dns = server(TestDnsServer.start())
            .srv("_sip._udp.example.com", 300, 20, 0, 5003, "c.example.com")
            .srv("_sip._udp.example.com", 300, 10, 10, 5001, "a.example.com")
            .srv("_sip._udp.example.com", 300, 10, 90, 5002, "b.example.com")
            .address("a.example.com", 300, "192.0.2.1")
            .address("b.example.com", 300, "192.0.2.2")
            .address("c.example.com", 300, "192.0.2.3");
        ResolverConfig config = ResolverConfig.of(List.of(dns.address())).withQueryTimeout(TIMEOUT);

        // RFC 2782: a draw of 50 in 0..100 passes a's running sum (10) and lands on b's (100).
        assertThat(locate(locator(config, new FixedDraws(50, 0, 0)), "sip:example.com;transport=udp"))
            .extracting(Target::hostName).containsExactly("b.example.com", "a.example.com", "c.example.com");
        // A draw of 5 lands within a's running sum.
        assertThat(locate(locator(config, new FixedDraws(5, 0, 0)), "sip:example.com;transport=udp"))
            .extracting(Target::hostName).containsExactly("a.example.com", "b.example.com", "c.example.com");
    }

    @Test
    void cachesAnswersForTheirTtlByTheGivenClock() throws Exception {
        TestDnsServer dns = server(TestDnsServer.start())
            .naptr("example.com", 60, 10, 10, "SIP+D2U", "_sip._udp.example.com")
            .srv("_sip._udp.example.com", 120, 0, 0, 5070, "udp.example.com")
            .address("udp.example.com", 30, "192.0.2.1")
            .address("udp.example.com", 90, "2001:db8::1");
        DnsServerLocator locator = locator(dns);
        List<Target> first = locate(locator, "sip:example.com");
        int queriesAfterFirst = dns.totalQueries();

        clock.advance(Duration.ofSeconds(29));
        assertThat(locate(locator, "sip:example.com")).isEqualTo(first);
        assertThat(dns.totalQueries()).isEqualTo(queriesAfterFirst);

        clock.advance(Duration.ofSeconds(1));
        assertThat(locate(locator, "sip:example.com")).isEqualTo(first);
        assertThat(dns.queries("udp.example.com", DnsRecordType.A)).isEqualTo(2);
        assertThat(dns.queries("udp.example.com", DnsRecordType.AAAA)).isEqualTo(1);
        assertThat(dns.queries("example.com", DnsRecordType.NAPTR)).isEqualTo(1);

        clock.advance(Duration.ofSeconds(31));
        locate(locator, "sip:example.com");
        assertThat(dns.queries("example.com", DnsRecordType.NAPTR)).isEqualTo(2);
        assertThat(dns.queries("_sip._udp.example.com", DnsRecordType.SRV)).isEqualTo(1);
    }

    @Test
    void nxdomainFailsNamingTheHostAndTheLookups() {
        TestDnsServer dns = server(TestDnsServer.start());

        assertThat(failure(locator(dns), "sip:nowhere.example.com"))
            .isInstanceOf(LocationException.class)
            .hasMessageContaining("nowhere.example.com")
            .hasMessageContaining("NAPTR nowhere.example.com: NXDOMAIN")
            .hasMessageContaining("A nowhere.example.com: NXDOMAIN");
    }

    @Test
    void silentNameServerFailsTheLookupAfterTheQueryTimeout() {
        TestDnsServer silent = server(TestDnsServer.startSilent());
        ResolverConfig config = ResolverConfig.of(List.of(silent.address())).withQueryTimeout(Duration.ofMillis(300));

        assertThat(failure(locator(config, new SplittableRandom(1)), "sip:example.com"))
            .isInstanceOf(LocationException.class)
            .hasMessageContaining("example.com")
            .hasMessageContaining("timed out");
        assertThat(silent.queries("example.com", DnsRecordType.NAPTR)).isEqualTo(1);
    }

    @Test
    void queryGoesToTheNextNameServerWhenTheFirstTimesOut() throws Exception {
        TestDnsServer silent = server(TestDnsServer.startSilent());
        TestDnsServer dns = server(TestDnsServer.start()).address("example.com", 300, "192.0.2.6");
        ResolverConfig config = ResolverConfig.of(List.of(silent.address(), dns.address()))
            .withQueryTimeout(Duration.ofMillis(300)).withAddressPreference(ResolverConfig.AddressPreference.IPV4_ONLY);

        assertThat(locate(locator(config, new SplittableRandom(1)), "sip:example.com:5060")).containsExactly(
            target(Transport.UDP, "192.0.2.6", 5060, "example.com"));
        assertThat(silent.queries("example.com", DnsRecordType.A)).isEqualTo(1);
    }

    @Test
    void closedLocatorRefusesLookups() {
        TestDnsServer dns = server(TestDnsServer.start());
        DnsServerLocator locator = locator(dns);
        locator.close();

        assertThat(failure(locator, "sip:192.0.2.1")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> locator.locate(null)).isInstanceOf(NullPointerException.class);
    }

    /** Hands out the given {@code nextInt(bound)} draws in turn, each capped to the bound. */
    private static final class FixedDraws implements RandomGenerator {
        private final int[] draws;
        private int next;

        FixedDraws(int... draws) {
            this.draws = draws;
        }

        @Override
        public synchronized int nextInt(int bound) {
            return Math.min(draws[next++ % draws.length], bound - 1);
        }

        @Override
        public long nextLong() {
            throw new UnsupportedOperationException("only nextInt(bound) is drawn");
        }
    }
}
