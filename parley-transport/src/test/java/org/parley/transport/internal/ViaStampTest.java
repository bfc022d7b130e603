package org.parley.transport.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.parley.message.HeaderName;
import org.parley.message.SipParser;
import org.parley.message.SipRequest;

class ViaStampTest {
    private static SipRequest request(String via) {
        return (SipRequest) SipParser.parse(("OPTIONS sip:b@127.0.0.1 SIP/2.0\r\nVia: " + via + "\r\nCall-ID: c\r\n"
                + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void addsReceivedWhenTheSentByHostIsNotTheSource() {
        SipRequest stamped = ViaStamp.stamp(request("SIP/2.0/UDP phone.example.com:5060;branch=z9hG4bK1"),
                new InetSocketAddress("127.0.0.1", 40000));
        assertThat(stamped.topVia().received()).contains("127.0.0.1");
        assertThat(stamped.topVia().hasRport()).isFalse();
        assertThat(stamped.headerFields().get(0).name()).isEqualTo("Via");
    }

    @Test
    void fillsABareRportAndAddsReceivedEvenWhenTheHostMatches() {
        // RFC 3581 §4: received is added even when it equals sent-by.
        SipRequest stamped = ViaStamp.stamp(request("SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK1;rport"),
                new InetSocketAddress("127.0.0.1", 40000));
        assertThat(stamped.topVia().rport()).hasValue(40000);
        assertThat(stamped.topVia().received()).contains("127.0.0.1");
    }

    @Test
    void leavesTheZoneOfAnIpv6SourceOutOfReceived() throws Exception {
        // Native epoll reports ::1 with scope id 0; RFC 3261 §25.1's IPv6address has no zone.
        Inet6Address scoped = Inet6Address.getByAddress(null, new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
            0, 1}, 0);
        assertThat(scoped.getHostAddress()).endsWith("%0");
        SipRequest stamped = ViaStamp.stamp(request("SIP/2.0/UDP [::1]:5060;branch=z9hG4bK1;rport"),
                new InetSocketAddress(scoped, 40000));
        assertThat(stamped.topVia().received()).contains("[0:0:0:0:0:0:0:1]");
        assertThat(stamped.topVia().rport()).hasValue(40000);
    }

    @Test
    void changesOnlyTheTopViaOfAList() {
        SipRequest stamped = ViaStamp.stamp(request("SIP/2.0/UDP a.example.com;branch=z9hG4bK1, "
                + "SIP/2.0/UDP b.example.com;branch=z9hG4bK2"), new InetSocketAddress("127.0.0.1", 40000));
        assertThat(stamped.headerValues(HeaderName.VIA)).hasSize(2).last().asString()
                .isEqualTo("SIP/2.0/UDP b.example.com;branch=z9hG4bK2");
        assertThat(stamped.topVia().received()).contains("127.0.0.1");
    }

    @Test
    void returnsTheSameRequestWhenNothingNeedsAdding() {
        SipRequest r = request("SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK1");
        assertThat(ViaStamp.stamp(r, new InetSocketAddress("127.0.0.1", 5060))).isSameAs(r);
    }
}
