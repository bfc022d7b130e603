package org.parley.message.header;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.parley.message.header.ParseErrors.assertBad;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.parley.message.HeaderValues;
import org.parley.message.Parameters;
import org.parley.message.SipParseException;

class ViaTest {

    @Test
    void parsesTheUsualVia() {
        Via via = Via.parse("SIP/2.0/UDP 192.0.2.2:5060;branch=z9hG4bK776asdhds;rport");

        assertThat(via.protocolName()).isEqualTo("SIP");
        assertThat(via.protocolVersion()).isEqualTo("2.0");
        assertThat(via.transport()).isEqualTo("UDP");
        assertThat(via.host()).isEqualTo("192.0.2.2");
        assertThat(via.port()).hasValue(5060);
        assertThat(via.sentBy()).isEqualTo("192.0.2.2:5060");
        assertThat(via.branch()).contains("z9hG4bK776asdhds");
        assertThat(via.isRfc3261Branch()).isTrue();
        assertThat(via.hasRport()).isTrue();
        assertThat(via.rport()).isEmpty();
        assertThat(via.received()).isEmpty();
        assertThat(via.maddr()).isEmpty();
        assertThat(via.ttl()).isEmpty();
        assertThat(via).hasToString("SIP/2.0/UDP 192.0.2.2:5060;branch=z9hG4bK776asdhds;rport");
    }

    @Test
    void acceptsLwsAroundEverySeparator() {
        Via via = Via.parse("SIP / 2.0 / UDP 192.0.2.2 : 5060 ; branch = z9hG4bK1 ; rport");

        assertThat(via).hasToString("SIP/2.0/UDP 192.0.2.2:5060;branch=z9hG4bK1;rport");
    }

    @Test
    void parsesTheFoldedViaValuesOfWsinvOnceUnfolded() {
        // RFC 4475 §3.1.1.1, with each CRLF replaced by a space as the message parser unfolds.
        String top = "SIP  /   2.0 \r\n /UDP\r\n    192.0.2.2;branch=390skdjuw".replace("\r\n", " ");
        String list = ("SIP  / 2.0  / TCP     spindle.example.com   ;\r\n  branch  =   z9hG4bK9ikj8  ,\r\n"
                + " SIP  /    2.0   / UDP  192.168.255.111   ; branch=\r\n z9hG4bK30239").replace("\r\n", " ");

        Via first = Via.parse(top);
        List<Via> more = HeaderValues.split("Via", list).stream().map(Via::parse).toList();

        assertThat(first).hasToString("SIP/2.0/UDP 192.0.2.2;branch=390skdjuw");
        assertThat(first.isRfc3261Branch()).isFalse();
        assertThat(more).extracting(Via::toString).containsExactly(
                "SIP/2.0/TCP spindle.example.com;branch=z9hG4bK9ikj8",
                "SIP/2.0/UDP 192.168.255.111;branch=z9hG4bK30239");
    }

    @Test
    void toleratesLineFoldsLeftInTheValue() {
        Via via = Via.parse("SIP  /   2.0\r\n /UDP\r\n    192.0.2.2;branch=\r\n\tz9hG4bK30239");

        assertThat(via).hasToString("SIP/2.0/UDP 192.0.2.2;branch=z9hG4bK30239");
    }

    @ParameterizedTest
    @ValueSource(strings = {"UDP", "TCP", "TLS", "SCTP", "WS", "WSS", "UNKNOWN"})
    void acceptsAnyTransportToken(String transport) {
        Via via = Via.parse("SIP/2.0/" + transport + " t3.example.com;branch=z9hG4bKasdf");

        assertThat(via.transport()).isEqualTo(transport);
        assertThat(via.host()).isEqualTo("t3.example.com");
    }

    @Test
    void writesTheTransportAndProtocolUpperCase() {
        Via via = Via.parse("sip/2.0/tls-sctp example.com");

        assertThat(via.transport()).isEqualTo("TLS-SCTP");
        assertThat(via).hasToString("SIP/2.0/TLS-SCTP example.com");
    }

    @Test
    void keepsAnIpv6SentByWithItsBracketsAndPort() {
        Via via = Via.parse("SIP/2.0/UDP [2001:db8::9:1]:6050;branch=z9hG4bKas3-111");

        assertThat(via.host()).isEqualTo("[2001:db8::9:1]");
        assertThat(via.port()).hasValue(6050);
        assertThat(via).hasToString("SIP/2.0/UDP [2001:db8::9:1]:6050;branch=z9hG4bKas3-111");
    }

    @Test
    void acceptsAnIpv4MappedIpv6SentBy() {
        Via via = Via.parse("SIP/2.0/UDP [::ffff:192.0.2.10]:19823;branch=z9hG4bKbh19");

        assertThat(via.host()).isEqualTo("[::ffff:192.0.2.10]");
        assertThat(via.port()).hasValue(19823);
    }

    @Test
    void readsAReceivedIpv6AddressWithBrackets() {
        Via via = Via.parse("SIP/2.0/UDP [2001:db8::9:255];branch=z9hG4bK34asdf;received=[2001:db8::9:255]");

        assertThat(via.received()).contains("[2001:db8::9:255]");
        assertThat(via).hasToString("SIP/2.0/UDP [2001:db8::9:255];branch=z9hG4bK34asdf;received=[2001:db8::9:255]");
    }

    @Test
    void readsAReceivedIpv6AddressWithoutBrackets() {
        Via via = Via.parse("SIP/2.0/UDP [2001:db8::9:1];received=2001:db8::9:255;branch=z9hG4bKas3");

        assertThat(via.received()).contains("[2001:db8::9:255]");
        assertThat(via.branch()).contains("z9hG4bKas3");
        assertThat(via).hasToString("SIP/2.0/UDP [2001:db8::9:1];received=2001:db8::9:255;branch=z9hG4bKas3");
    }

    @Test
    void readsAnIpv4Received() {
        Via via = Via.parse("SIP/2.0/TCP [2001:db8::9:255];branch=z9hG4bK451jj;received=192.0.2.200");

        assertThat(via.received()).contains("192.0.2.200");
    }

    @Test
    void readsTheRportValueMaddrAndTtl() {
        Via via = Via.parse("SIP/2.0/UDP h.example.com;rport=5070;maddr=239.255.255.1;ttl=16;x=\"y z\"");

        assertThat(via.hasRport()).isTrue();
        assertThat(via.rport()).hasValue(5070);
        assertThat(via.maddr()).contains("239.255.255.1");
        assertThat(via.ttl()).hasValue(16);
        assertThat(via.parameters().get("x")).contains("\"y z\"");
    }

    @Test
    void acceptsAViaWithoutBranchFromRfc2543Peers() {
        Via via = Via.parse("SIP/2.0/UDP 192.0.2.15");

        assertThat(via.branch()).isEmpty();
        assertThat(via.isRfc3261Branch()).isFalse();
        assertThat(via.parameters()).isSameAs(Parameters.EMPTY);
        assertThat(via.port()).isEmpty();
    }

    @Test
    void doesNotTakeTheBareMagicCookieAsAnRfc3261Branch() {
        // RFC 4475 §3.2.1 badbranch
        Via via = Via.parse("SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK");

        assertThat(via.branch()).contains("z9hG4bK");
        assertThat(via.isRfc3261Branch()).isFalse();
    }

    @Test
    void comparesParameterNamesIgnoringCaseButKeepsTheirSpelling() {
        Via via = Via.parse("SIP/2.0/UDP example.com;Branch=z9hG4bKx;RPORT");

        assertThat(via.branch()).contains("z9hG4bKx");
        assertThat(via.hasRport()).isTrue();
        assertThat(via).hasToString("SIP/2.0/UDP example.com;Branch=z9hG4bKx;RPORT");
    }

    @Test
    void rejectsTheExtraneousSeparatorsOfBadinv01() {
        // RFC 4475 §3.1.2.1: "SIP/2.0/UDP 192.0.2.15;;,;,," splits into these elements.
        List<String> elements = HeaderValues.split("Via", "SIP/2.0/UDP 192.0.2.15;;,;,,");

        assertBad(() -> Via.parse(elements.get(0)), "Via", "empty parameter name");
        assertBad(() -> Via.parse(elements.get(1)), "Via", "protocol name");
        assertBad(() -> Via.parse(elements.get(2)), "Via", "empty value");
    }

    @Test
    void rejectsATrailingSemicolon() {
        assertBad(() -> Via.parse("SIP/2.0/UDP 192.0.2.15;branch=z9hG4bK1;"), "Via", "empty parameter name");
    }

    @Test
    void rejectsAnEmptyElement() {
        assertBad(() -> Via.parse("  "), "Via", "empty value");
    }

    @ParameterizedTest
    @ValueSource(strings = {"SIP/2.0/UDP", "SIP/2.0/UDP   ", "SIP/2.0/UDP ;branch=z9hG4bK1", "SIP/2.0/UDP :5060",
        "SIP/2.0/ 192.0.2.1"})
    void rejectsAMissingSentBy(String element) {
        assertBad(() -> Via.parse(element), "Via", "sent-by");
    }

    @ParameterizedTest
    @ValueSource(strings = {"SIP/2.0 192.0.2.1", "SIP 192.0.2.1", "/2.0/UDP 192.0.2.1", "SIP/2.0/UDP,h"})
    void rejectsAnIncompleteSentProtocol(String element) {
        assertBad(() -> Via.parse(element), "Via", "expected");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h.example.com:", "h.example.com:0", "h.example.com:65536",
        "h.example.com:9999999999999999999999",
        "h.example.com:50a", "[2001:db8::1]5060"})
    void rejectsABadPort(String sentBy) {
        assertThatThrownBy(() -> Via.parse("SIP/2.0/UDP " + sentBy))
                .isInstanceOf(SipParseException.class);
    }

    @Test
    void namesThePortRangeInTheReason() {
        assertBad(() -> Via.parse("SIP/2.0/UDP h.example.com:70000"), "Via", "port must be at most 65535");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-bad.example.com", "bad-.example.com", "a..b", "1.2.3", "256.1.1.1", "[2001:db8::1",
        "[2001:db8:::1]", "[12345::1]", "[]", "host_name.example.com", "example.123"})
    void rejectsABadSentByHost(String host) {
        assertThatThrownBy(() -> Via.parse("SIP/2.0/UDP " + host + ";branch=z9hG4bK1"))
                .isInstanceOf(SipParseException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ttl=256", "ttl=-1", "ttl", "ttl=x"})
    void rejectsATtlOutsideItsRange(String param) {
        assertBad(() -> Via.parse("SIP/2.0/UDP 192.0.2.1;" + param), "Via", "ttl must be 0..255");
    }

    @ParameterizedTest
    @ValueSource(strings = {"received=example.com", "received", "received=1.2.3.4.5", "received=[::1"})
    void rejectsAReceivedThatIsNoAddress(String param) {
        assertThatThrownBy(() -> Via.parse("SIP/2.0/UDP 192.0.2.1;" + param))
                .isInstanceOf(SipParseException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"branch", "branch=\"z9hG4bK1\"", "rport=0", "rport=65536", "rport=x", "maddr",
        "maddr=a..b"})
    void rejectsMalformedKnownParameters(String param) {
        assertThatThrownBy(() -> Via.parse("SIP/2.0/UDP 192.0.2.1;" + param))
                .isInstanceOf(SipParseException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"x=", "x=\"open", "=y", "x=y z", "x=y,", "x=[::1]]"})
    void rejectsMalformedGenericParameters(String param) {
        assertThatThrownBy(() -> Via.parse("SIP/2.0/UDP 192.0.2.1;" + param))
                .isInstanceOf(SipParseException.class);
    }

    @Test
    void neverEchoesInputInTheReasonPhrase() {
        assertBad(() -> Via.parse("SIP/2.0/UDP 192.0.2.1;ttl=999\r\nX-Evil: 1"), "Via", "ttl");
        assertBad(() -> Via.parse("SIP/2.0/UDP 192.0.2.1\r\nX-Evil: 1"), "Via", "character 0x0D");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "SIP/2.0/UDP 192.0.2.2:5060;branch=z9hG4bK776asdhds;rport",
        "SIP / 2.0 / TCP spindle.example.com ; branch = z9hG4bK9ikj8",
        "SIP/2.0/UNKNOWN t3.example.com;branch=z9hG4bKasdf",
        "SIP/2.0/UDP [2001:db8::9:1]:6050;branch=z9hG4bKas3-111",
        "SIP/2.0/UDP [2001:db8::9:255];branch=z9hG4bK34asdf;received=[2001:db8::9:255]",
        "SIP/2.0/UDP [2001:db8::9:1];received=2001:db8::9:255;branch=z9hG4bKas3",
        "SIP/2.0/UDP [::ffff:192.0.2.10]:19823;branch=z9hG4bKbh19",
        "SIP/2.0/WSS df7jal23ls0d.invalid;branch=z9hG4bKhjhs8ass877;x=\"a \\\" b\";lr",
        "SIP/2.0/UDP host.example.com.;maddr=[ff02::1];ttl=0",
    })
    void parsesItsOwnOutputBackToAnEqualValue(String element) {
        Via via = Via.parse(element);

        assertThat(Via.parse(via.toString())).isEqualTo(via).hasSameHashCodeAs(via);
    }

    @Test
    void buildsAVia() {
        Via via = Via.builder().transport("udp").host("h.example.com").port(5060).branch("z9hG4bK74bf9").rport()
                .received("1.2.3.4").build();

        assertThat(via).hasToString("SIP/2.0/UDP h.example.com:5060;branch=z9hG4bK74bf9;rport;received=1.2.3.4");
        assertThat(Via.parse(via.toString())).isEqualTo(via);
    }

    @Test
    void buildsIpv6HostsWithBracketsAndIpv6ReceivedWithout() {
        Via via = Via.builder().transport("TCP").host("2001:db8::1").received("[2001:db8::2]").rport(40000)
                .build();

        assertThat(via.host()).isEqualTo("[2001:db8::1]");
        assertThat(via.received()).contains("[2001:db8::2]");
        assertThat(via.rport()).hasValue(40000);
        assertThat(via).hasToString("SIP/2.0/TCP [2001:db8::1];received=2001:db8::2;rport=40000");
        assertThat(Via.parse(via.toString())).isEqualTo(via);
    }

    @Test
    void changesAParsedViaThroughItsBuilder() {
        Via via = Via.parse("SIP/2.0/UDP 192.0.2.2:5060;branch=z9hG4bK776;rport;foo=bar");

        Via answered = via.toBuilder().received("192.0.2.99").rport(40123).removeParameter("foo").build();

        assertThat(answered)
                .hasToString("SIP/2.0/UDP 192.0.2.2:5060;branch=z9hG4bK776;rport=40123;received=192.0.2.99");
        assertThat(via.hasRport()).isTrue();
        assertThat(via.rport()).isEmpty();
    }

    @Test
    void buildsWithTtlMaddrAndExtensionParameters() {
        Via via = Via.builder().transport("UDP").host("192.0.2.1").noPort().maddr("239.255.255.1").ttl(255)
                .parameter("x", "\"quoted value\"").parameter("flag", null).protocol("sip", "2.0").build();

        assertThat(via).hasToString("SIP/2.0/UDP 192.0.2.1;maddr=239.255.255.1;ttl=255;x=\"quoted value\";flag");
        assertThat(Via.parse(via.toString())).isEqualTo(via);
    }

    @Test
    void refusesBadBuilderArgumentsQuotingTheValue() {
        Via.Builder b = Via.builder();

        assertThatThrownBy(() -> b.port(70000)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Via port must be 1..65535, was 70000");
        assertThatThrownBy(() -> b.ttl(300)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Via ttl must be 0..255, was 300");
        assertThatThrownBy(() -> b.host("bad host")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"bad host\"");
        assertThatThrownBy(() -> b.transport("U/DP")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"U/DP\"");
        assertThatThrownBy(() -> b.branch("z9 hG4bK")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("branch must be a token");
        assertThatThrownBy(() -> b.received("example.com")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("received must be an IP address, was \"example.com\"");
        assertThatThrownBy(() -> b.parameter("x", "a b")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"a b\"");
        assertThatThrownBy(() -> b.parameter("ttl", null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no value");
        assertThatThrownBy(() -> b.rport(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Via rport must be 1..65535, was 0");
    }

    @Test
    void refusesToBuildWithoutTransportOrHost() {
        assertThatThrownBy(() -> Via.builder().host("h").build()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("transport");
        assertThatThrownBy(() -> Via.builder().transport("UDP").build()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("host");
    }

    @Test
    void comparesHostsIgnoringCase() {
        assertThat(Via.parse("SIP/2.0/UDP Example.COM;branch=z9hG4bK1"))
                .isEqualTo(Via.parse("SIP/2.0/udp example.com;branch=z9hG4bK1"))
                .hasSameHashCodeAs(Via.parse("SIP/2.0/udp example.com;branch=z9hG4bK1"))
                .isNotEqualTo(Via.parse("SIP/2.0/UDP example.com;branch=z9hG4bK2"));
    }
}
