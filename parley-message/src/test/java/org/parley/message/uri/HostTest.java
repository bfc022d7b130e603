package org.parley.message.uri;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.parley.message.SipParseException;

class HostTest {

    @Test
    void comparesHostNamesIgnoringCase() {
        Host a = Host.parse("AtLanTa.CoM");
        Host b = Host.parse("atlanta.com");

        assertThat(a).isEqualTo(b);
        assertThat(a.hashCode()).isEqualTo(b.hashCode());
        assertThat(a.text()).isEqualTo("AtLanTa.CoM");
        assertThat(a.kind()).isEqualTo(Host.Kind.NAME);
        assertThat(a.isIpAddress()).isFalse();
    }

    @ParameterizedTest(name = "{0} == {1}")
    @CsvSource(delimiter = '|', value = {
        "[2001:db8::10] | [2001:0db8:0:0::10]",
        "[2001:db8::10] | [2001:DB8:0:0:0:0:0:10]",
        "[::1] | [0:0:0:0:0:0:0:1]",
        "[::] | [0:0:0:0:0:0:0:0]",
        "[1::] | [1:0:0:0:0:0:0:0]",
        "[::ffff:192.0.2.10] | [::ffff:c000:020a]",
        "[2001:db8::192.0.2.1] | [2001:db8::c000:201]",
        "[2001:db8:::192.0.2.1] | [2001:db8::192.0.2.1]",
        "[1:2:3:4:5:6:1.2.3.4] | [1:2:3:4:5:6:102:304]",
    })
    void comparesIpv6AddressesByValue(String a, String b) {
        Host x = Host.parse(a);
        Host y = Host.parse(b);

        assertThat(x).isEqualTo(y);
        assertThat(x.hashCode()).isEqualTo(y.hashCode());
        assertThat(x.kind()).isEqualTo(Host.Kind.IPV6);
    }

    @Test
    void keepsIpv6TextWithoutBracketsAndWritesItWithBrackets() {
        Host host = Host.parse("[2001:DB8::10]");

        assertThat(host.text()).isEqualTo("2001:DB8::10");
        assertThat(host.toString()).isEqualTo("[2001:DB8::10]");
        assertThat(host.isIpAddress()).isTrue();
    }

    @Test
    void distinguishesDifferentAddresses() {
        assertThat(Host.parse("[2001:db8::10]")).isNotEqualTo(Host.parse("[2001:db8::11]"));
        assertThat(Host.parse("[::ffff:192.0.2.10]")).isNotEqualTo(Host.parse("192.0.2.10"));
        assertThat(Host.parse("192.0.2.10")).isNotEqualTo(Host.parse("192.0.2.11"));
        assertThat(Host.parse("example.com")).isNotEqualTo(Host.parse("example.org"));
    }

    @Test
    void readsIpv4AddressesByValue() {
        Host host = Host.parse("192.0.2.1");

        assertThat(host.kind()).isEqualTo(Host.Kind.IPV4);
        assertThat(host).isEqualTo(Host.parse("192.000.002.001"));
        assertThat(host.toString()).isEqualTo("192.0.2.1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2001:db8::10", "::1", "[2001:db8::10]", "192.0.2.1", "example.com"})
    void acceptsBareOrBracketedIpv6InLenientParse(String text) {
        Host host = Host.parseLenient(text);

        assertThat(host.text()).isEqualTo(text.replace("[", "").replace("]", ""));
    }

    @Test
    void refusesBareIpv6InStrictParse() {
        assertThatThrownBy(() -> Host.parse("2001:db8::10"))
                .isInstanceOfSatisfying(SipParseException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.reason()).contains("RFC 5118");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "[]", "[", "[::1", "::1]", "[1:2:3:4:5:6:7:8:9]", "[1::2::3]", "[:1::2]", "[1::2:]", "[12345::]",
        "[1:2:3:4:5:6:7:8::]", "[1:2:3:4:5:6:7]", "[::1.2.3.256]", "[::1.2.3]", "[1.2.3.4::]", "[g::1]",
        "[::1%eth0]", "[1:::2]", "[:::1]", "256.1.1.1", "1.2.3.4.5", "1..2.3", "a_b.com", "-a.com", "a-.com",
        "a..com", ".", "com.123", "exa mple.com"})
    void refusesMalformedHosts(String text) {
        assertThatThrownBy(() -> Host.parseLenient(text))
                .isInstanceOfSatisfying(SipParseException.class, e -> assertThat(e.statusCode()).isEqualTo(400));
    }

    @Test
    void buildsHostsFromTextForApiUsers() {
        assertThat(Host.of("2001:db8::1")).isEqualTo(Host.of("[2001:db8::1]"));
        assertThat(Host.of("example.com").kind()).isEqualTo(Host.Kind.NAME);
        assertThatThrownBy(() -> Host.of("bad host"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad host");
    }
}
