package org.parley.proxy.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.transport.Transport;

/** Flow tokens in our Record-Route user part (RFC 5626 §5.3 style). */
class FlowTest {
    @Test
    void tokensRoundTripForIpv4AndIpv6() {
        Flow a = new Flow(Transport.UDP, new InetSocketAddress("192.168.0.7", 5060));
        Flow b = new Flow(Transport.TCP, new InetSocketAddress("::1", 40112));
        String user = Flow.userPart(List.of(a, b)).orElseThrow();

        assertThat(user).startsWith("pf.udp-c0a80007-5060.tcp-");
        assertThat(Flow.parse(user)).containsExactly(a, b);
        assertThat(Flow.userPart(List.of())).isEmpty();
    }

    @Test
    void anythingElseNamesNoFlow() {
        assertThat(Flow.parse(null)).isEmpty();
        assertThat(Flow.parse("alice")).isEmpty();
        assertThat(Flow.parse("pf.")).isEmpty();
        assertThat(Flow.parse("pf.udp-zz000007-5060")).isEmpty();
        assertThat(Flow.parse("pf.udp-c0a80007-70000")).isEmpty();
        assertThat(Flow.parse("pf.udp-c0a80007")).isEmpty();
        assertThat(Flow.parse("pf.udp-c0a80007-x")).isEmpty();
        assertThat(Flow.parse("pf.udp-c0a80007-5060.bad.udp-c0a80008-5060"))
                .extracting(f -> f.remote().getPort()).containsExactly(5060, 5060);
    }
}
