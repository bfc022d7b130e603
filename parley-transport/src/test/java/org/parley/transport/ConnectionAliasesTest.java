package org.parley.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.parley.message.header.Via;

/** The RFC 5923 rules for accepting an alias, without sockets. */
class ConnectionAliasesTest {
    private static final InetSocketAddress REMOTE = new InetSocketAddress(InetAddress.getLoopbackAddress(), 40_000);
    private static final InetSocketAddress LOCAL = new InetSocketAddress(InetAddress.getLoopbackAddress(), 5060);

    private final ConnectionTable table = new ConnectionTable(10, 10);
    private final ConnectionAliases strict = new ConnectionAliases(table, false);
    private final ConnectionAliases trustingTcp = new ConnectionAliases(table, true);

    private static Source source(Transport transport) {
        return new Source(transport, REMOTE, LOCAL, 7);
    }

    private static ConnectionAlias alias(String via) {
        return ConnectionAlias.of(Via.parse(via));
    }

    @Test
    void takesTheSentByPortOrTheTransportDefault() {
        assertThat(alias("SIP/2.0/TLS Proxy.Example.com;branch=z9hG4bK-1;alias"))
                .isEqualTo(alias("SIP/2.0/TLS proxy.example.com:5061;branch=z9hG4bK-2;alias"));
        assertThat(alias("SIP/2.0/TCP proxy.example.com;alias").port()).isEqualTo(5060);
    }

    @Test
    void acceptsATlsAliasWhoseHostTheCertificateProved() {
        assertThat(strict.refusal(alias("SIP/2.0/TLS Proxy.Example.com;alias"), source(Transport.TLS),
                Set.of("proxy.example.com", "example.com"))).isEmpty();
    }

    @Test
    void refusesATlsAliasWithoutOrBeyondTheCertificateIdentities() {
        ConnectionAlias a = alias("SIP/2.0/TLS proxy.example.com;alias");
        assertThat(strict.refusal(a, source(Transport.TLS), null)).hasValueSatisfying(
                r -> assertThat(r).contains("no identity"));
        assertThat(strict.refusal(a, source(Transport.TLS), Set.of("other.example.com"))).hasValueSatisfying(
                r -> assertThat(r).contains("not among the certificate's identities"));
        // RFC 5922 §7.1: no wildcard matching.
        assertThat(strict.refusal(a, source(Transport.TLS), Set.of("*.example.com"))).isPresent();
    }

    @Test
    void refusesTcpAliasesUnlessSwitchedOn() {
        ConnectionAlias a = alias("SIP/2.0/TCP 127.0.0.1:5099;alias");
        assertThat(strict.refusal(a, source(Transport.TCP), null)).hasValueSatisfying(
                r -> assertThat(r).contains("aliasOverTcp"));
        assertThat(trustingTcp.refusal(a, source(Transport.TCP), null)).isEmpty();
        assertThat(trustingTcp.refusal(alias("SIP/2.0/TCP peer.example.com;alias"), source(Transport.TCP), null))
                .isEmpty();
    }

    @Test
    void refusesANumericTcpSentByThatIsNotTheRemoteAddress() {
        assertThat(trustingTcp.refusal(alias("SIP/2.0/TCP 192.0.2.1:5060;alias"), source(Transport.TCP), null))
                .hasValueSatisfying(r -> assertThat(r).contains("not the connection's remote address"));
    }

    @Test
    void refusesAViaNamingAnotherTransportOrATransportOutsideRfc5923() {
        assertThat(trustingTcp.refusal(alias("SIP/2.0/TLS 127.0.0.1;alias"), source(Transport.TCP), null))
                .hasValueSatisfying(r -> assertThat(r).contains("the connection is TCP"));
        assertThat(trustingTcp.refusal(alias("SIP/2.0/WS 127.0.0.1;alias"), source(Transport.WS), Set.of("x")))
                .hasValueSatisfying(r -> assertThat(r).contains("not WS"));
    }
}
