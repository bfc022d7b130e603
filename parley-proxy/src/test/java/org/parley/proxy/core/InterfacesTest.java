package org.parley.proxy.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.parley.message.SipMessage;
import org.parley.message.SipResponse;
import org.parley.message.header.Via;
import org.parley.message.uri.SipUri;
import org.parley.transport.Source;
import org.parley.transport.Transport;
import org.parley.transport.TransportLayer;
import org.parley.transport.TransportStats;
import org.parley.transport.resolve.Target;

/** How the proxy names itself and recognises its own URIs and Vias (RFC 3261 §16.4, §16.3 step 4). */
class InterfacesTest {
    /** A transport that only reports its listeners: UDP and TCP on the addresses given. */
    private static final class Listening implements TransportLayer {
        private final List<InetSocketAddress> addresses;

        Listening(InetSocketAddress... addresses) {
            this.addresses = List.of(addresses);
        }

        @Override
        public CompletableFuture<Void> send(SipMessage message, Target target) {
            throw new UnsupportedOperationException("not sent in this test");
        }

        @Override
        public CompletableFuture<Void> respond(SipResponse response, Source source) {
            throw new UnsupportedOperationException("not sent in this test");
        }

        @Override
        public List<InetSocketAddress> localAddresses(Transport transport) {
            return transport.equals(Transport.UDP) || transport.equals(Transport.TCP) ? addresses : List.of();
        }

        @Override
        public TransportStats stats() {
            throw new UnsupportedOperationException("no counters here");
        }

        @Override
        public void close() {
            // Nothing open.
        }
    }

    private final Interfaces wildcard = new Interfaces(ProxyConfig.forDomains(List.of("example.test")),
            new Listening(new InetSocketAddress("0.0.0.0", 5060)));
    private final Interfaces bound = new Interfaces(ProxyConfig.forDomains(List.of("example.test")),
            new Listening(new InetSocketAddress("127.0.0.1", 5070)));

    @Test
    void recognisesOurDomainAndOurAddresses() {
        assertThat(wildcard.isUs(SipUri.parse("sip:example.test;lr"))).isTrue();
        assertThat(wildcard.isUs(SipUri.parse("sip:EXAMPLE.test:5060;lr"))).isTrue();
        assertThat(wildcard.isUs(SipUri.parse("sip:example.test:5999;lr"))).as("not our port").isFalse();
        assertThat(wildcard.isUs(SipUri.parse("sip:127.0.0.1;lr"))).as("a local address, default port").isTrue();
        assertThat(wildcard.isUs(SipUri.parse("sip:192.0.2.1:5060;lr"))).as("TEST-NET is not ours").isFalse();
        assertThat(wildcard.isUs(SipUri.parse("sip:other.test;lr"))).isFalse();
        assertThat(bound.isUs(SipUri.parse("sip:127.0.0.1:5070;lr"))).isTrue();
        assertThat(bound.isUs(SipUri.parse("sip:127.0.0.2:5070;lr"))).as("another address").isFalse();
        assertThat(bound.isUs(SipUri.parse("sip:127.0.0.1;lr"))).as("5060 is not our port").isFalse();
        assertThat(bound.isUs(Via.parse("SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bKx"))).isTrue();
        assertThat(bound.isUs(Via.parse("SIP/2.0/TCP 127.0.0.1;branch=z9hG4bKx"))).isFalse();
    }

    @Test
    void namesAWildcardListenerByTheAddressThatRoutesToThePeer() {
        InetSocketAddress peer = new InetSocketAddress("127.0.0.1", 40000);
        assertThat(wildcard.sentBy(Transport.UDP, peer)).isEqualTo(new InetSocketAddress("127.0.0.1", 5060));
        assertThat(wildcard.sentBy(Transport.TLS, peer)).as("no TLS listener: the first one")
                .isEqualTo(new InetSocketAddress("127.0.0.1", 5060));
        assertThat(bound.sentBy(Transport.TCP, peer)).isEqualTo(new InetSocketAddress("127.0.0.1", 5070));
        Interfaces dual = new Interfaces(ProxyConfig.forDomains(List.of("example.test")), new Listening(
                new InetSocketAddress("127.0.0.1", 5060), new InetSocketAddress("::1", 5062)));
        assertThat(dual.sentBy(Transport.UDP, new InetSocketAddress("::1", 40000)))
                .as("the listener of the peer's family").isEqualTo(new InetSocketAddress("::1", 5062));
        assertThat(dual.sentBy(Transport.UDP, peer)).isEqualTo(new InetSocketAddress("127.0.0.1", 5060));
    }

    @Test
    void writesLooseRoutingRecordRoutes() {
        InetSocketAddress at = new InetSocketAddress("127.0.0.1", 5060);
        assertThat(Interfaces.recordRoute(Transport.UDP, at, Optional.empty(), false))
                .isEqualTo("<sip:127.0.0.1:5060;lr>");
        assertThat(Interfaces.recordRoute(Transport.TCP, at, Optional.of("pf.x"), false))
                .isEqualTo("<sip:pf.x@127.0.0.1:5060;transport=tcp;lr>");
        assertThat(Interfaces.recordRoute(Transport.TLS, at, Optional.empty(), true))
                .isEqualTo("<sips:127.0.0.1:5060;lr>");
        assertThat(Interfaces.recordRoute(Transport.UDP, new InetSocketAddress("::1", 5060), Optional.empty(), false))
                .isEqualTo("<sip:[0:0:0:0:0:0:0:1]:5060;lr>");
    }
}
