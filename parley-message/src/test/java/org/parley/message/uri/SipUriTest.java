package org.parley.message.uri;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.parley.message.Method;
import org.parley.message.SipParseException;

class SipUriTest {

    @Test
    void readsEveryComponentOfAFullUri() {
        SipUri uri = SipUri.parse("sips:alice:secret@atlanta.com:5061;transport=tls;lr?subject=hi&priority=urgent");

        assertThat(uri.isSecure()).isTrue();
        assertThat(uri.scheme()).isEqualTo("sips");
        assertThat(uri.user()).contains("alice");
        assertThat(uri.password()).contains("secret");
        assertThat(uri.host().text()).isEqualTo("atlanta.com");
        assertThat(uri.host().kind()).isEqualTo(Host.Kind.NAME);
        assertThat(uri.port()).hasValue(5061);
        assertThat(uri.transport()).contains("tls");
        assertThat(uri.isLooseRouter()).isTrue();
        assertThat(uri.parameters().names()).containsExactly("transport", "lr");
        assertThat(uri.headers().names()).containsExactly("subject", "priority");
        assertThat(uri.headers().get("priority")).contains("urgent");
    }

    @Test
    void leavesAbsentComponentsEmpty() {
        SipUri uri = SipUri.parse("sip:example.com");

        assertThat(uri.user()).isEmpty();
        assertThat(uri.decodedUser()).isEmpty();
        assertThat(uri.password()).isEmpty();
        assertThat(uri.port()).isEmpty();
        assertThat(uri.parameters().isEmpty()).isTrue();
        assertThat(uri.headers().isEmpty()).isTrue();
        assertThat(uri.transport()).isEmpty();
        assertThat(uri.methodParam()).isEmpty();
        assertThat(uri.maddr()).isEmpty();
        assertThat(uri.ttl()).isEmpty();
        assertThat(uri.userParam()).isEmpty();
        assertThat(uri.isLooseRouter()).isFalse();
    }

    @Test
    void readsTheTypedParametersOfRfc3261() {
        SipUri uri = SipUri.parse(
                "sip:+1-212-555-1212@gateway.com;user=phone;method=REGISTER;maddr=239.255.255.1;ttl=15");

        assertThat(uri.userParam()).contains("phone");
        assertThat(uri.methodParam()).contains(Method.REGISTER);
        assertThat(uri.maddr()).contains(Host.parse("239.255.255.1"));
        assertThat(uri.ttl()).hasValue(15);
    }

    @Test
    void keepsParametersInsideTheUserPartWithTheUser() {
        SipUri uri = SipUri.parse("sip:user;par=u%40example.net@example.com");

        assertThat(uri.user()).contains("user;par=u%40example.net");
        assertThat(uri.decodedUser()).contains("user;par=u@example.net");
        assertThat(uri.host().text()).isEqualTo("example.com");
        assertThat(uri.parameters().isEmpty()).isTrue();
    }

    @Test
    void decodesEscapesInTheUserOnlyOnce() {
        SipUri uri = SipUri.parse("sip:v%61lue%25%34%31@example.com");

        assertThat(uri.user()).contains("v%61lue%25%34%31");
        assertThat(uri.decodedUser()).contains("value%41");
    }

    @Test
    void keepsAnEscapedNulInTheUserWithoutTruncating() {
        SipUri uri = SipUri.parse("sip:null-%00-null@example.com");

        assertThat(uri.user()).contains("null-%00-null");
        assertThat(uri.decodedUser()).contains("null-\u0000-null");
        assertThat(uri.toString()).isEqualTo("sip:null-%00-null@example.com");
    }

    @Test
    void keepsTheOriginalTextIncludingCase() {
        String text = "SIP:ALICE@AtLanTa.CoM;Transport=udp";

        SipUri uri = SipUri.parse(text);

        assertThat(uri.toString()).isEqualTo(text);
        assertThat(uri.scheme()).isEqualTo("sip");
        assertThat(uri.transport()).contains("udp");
    }

    @Test
    void readsIpv4Hosts() {
        SipUri uri = SipUri.parse("sip:bob@192.0.2.4:5070");

        assertThat(uri.host().kind()).isEqualTo(Host.Kind.IPV4);
        assertThat(uri.host().text()).isEqualTo("192.0.2.4");
        assertThat(uri.port()).hasValue(5070);
    }

    @Test
    void readsBracketedIpv6ReferenceWithoutPort() {
        SipUri uri = SipUri.parse("sip:[2001:db8::10]");

        assertThat(uri.host().kind()).isEqualTo(Host.Kind.IPV6);
        assertThat(uri.host().text()).isEqualTo("2001:db8::10");
        assertThat(uri.host().toString()).isEqualTo("[2001:db8::10]");
        assertThat(uri.port()).isEmpty();
    }

    @Test
    void readsPortAfterBracketedIpv6Reference() {
        SipUri uri = SipUri.parse("sip:[2001:db8::10]:5070");

        assertThat(uri.host()).isEqualTo(Host.parse("[2001:db8::10]"));
        assertThat(uri.port()).hasValue(5070);
    }

    @Test
    void treatsPortInsideBracketsAsPartOfIpv6Address() {
        SipUri uri = SipUri.parse("sip:user@[2001:db8::10:5070]");

        assertThat(uri.host().text()).isEqualTo("2001:db8::10:5070");
        assertThat(uri.host()).isEqualTo(Host.parse("[2001:db8:0:0:0:0:10:5070]"));
        assertThat(uri.port()).isEmpty();
    }

    @Test
    void readsIpv4MappedIpv6Address() {
        SipUri uri = SipUri.parse("sip:[::ffff:192.0.2.10]");

        assertThat(uri.host()).isEqualTo(Host.parse("[0:0:0:0:0:ffff:c000:20a]"));
    }

    @Test
    void toleratesThreeColonsBeforeEmbeddedIpv4() {
        SipUri uri = SipUri.parse("sip:[2001:db8:::192.0.2.1]");

        assertThat(uri.host().kind()).isEqualTo(Host.Kind.IPV6);
        assertThat(uri.host()).isEqualTo(Host.parse("[2001:db8::192.0.2.1]"));
        assertThat(uri.toString()).isEqualTo("sip:[2001:db8:::192.0.2.1]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sip:2001:db8::10", "sip:user@2001:db8::10", "sip:fe80::1;transport=udp"})
    void refusesIpv6AddressWithoutBrackets(String text) {
        assertThatThrownBy(() -> Uri.parse(text))
                .isInstanceOfSatisfying(SipParseException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.reason()).contains("IPv6").contains("'[' ']'");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"sip:", "sip:alice@", "sip:alice@;transport=tcp", "sip::5060", "sip:?subject=x"})
    void refusesEmptyHost(String text) {
        assertThatThrownBy(() -> Uri.parse(text))
                .isInstanceOfSatisfying(SipParseException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.reason()).contains("empty host");
                    assertThat(e.reasonPhrase()).startsWith("Bad URI");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"sip:host:50a0", "sip:host:65536", "sip:host:99999999999999999999", "sip:host:",
        "sip:host:-1", "sip:[::1]:x", "sip:host:5060:5070"})
    void refusesBadPort(String text) {
        assertThatThrownBy(() -> Uri.parse(text))
                .isInstanceOfSatisfying(SipParseException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.reason()).containsIgnoringCase("port");
                });
    }

    @Test
    void acceptsHighestPort() {
        assertThat(SipUri.parse("sip:host:65535").port()).hasValue(65535);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sip:alice @atlanta.com", "sip:alice@atlanta.com ;lr", "sip:alice@atlanta.com\t",
        " sip:alice@atlanta.com", "sip:alice@atlanta.com\r\n"})
    void refusesWhitespaceInsideUri(String text) {
        assertThatThrownBy(() -> Uri.parse(text))
                .isInstanceOfSatisfying(SipParseException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.reason()).contains("whitespace");
                    assertThat(e.offset()).isEqualTo(firstWhitespace(text));
                });
    }

    private static int firstWhitespace(String text) {
        int i = 0;
        while (text.charAt(i) > ' ') {
            i++;
        }
        return i;
    }

    @ParameterizedTest
    @ValueSource(strings = {"<sip:alice@atlanta.com>", "<sip:alice@atlanta.com", "sip:alice@atlanta.com>"})
    void refusesAngleBracketsAroundUri(String text) {
        assertThatThrownBy(() -> Uri.parse(text))
                .isInstanceOfSatisfying(SipParseException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.reason()).contains("'<' '>'");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"sip:%G1@example.com", "sip:alice%2@example.com", "sip:alice@example.com;x=%",
        "sip:alice@example.com?subject=%zz"})
    void refusesBadEscapes(String text) {
        assertThatThrownBy(() -> Uri.parse(text))
                .isInstanceOfSatisfying(SipParseException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.reason()).contains("bad escape");
                    assertThat(text.charAt(e.offset())).isEqualTo('%');
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice@atlanta.com", "atlanta.com", ":alice@atlanta.com", "1sip:alice@atlanta.com", ""})
    void refusesUriWithoutScheme(String text) {
        assertThatThrownBy(() -> Uri.parse(text))
                .isInstanceOfSatisfying(SipParseException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.reason()).containsAnyOf("missing scheme", "empty URI");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "sip:@example.com",
        "sip:a@b@example.com",
        "sip:alice@exa_mple.com",
        "sip:alice@-example.com",
        "sip:alice@example-.com",
        "sip:alice@example..com",
        "sip:alice@example.123",
        "sip:alice@256.0.0.1",
        "sip:alice@1.2.3",
        "sip:alice@[2001:db8::10",
        "sip:alice@[2001:db8::10]x",
        "sip:alice@[2001:db8::10::1]",
        "sip:alice@[12345::1]",
        "sip:alice@[1:2:3:4:5:6:7:8:9]",
        "sip:alice@example.com;=x",
        "sip:alice@example.com;;lr",
        "sip:alice@example.com;x=",
        "sip:alice@example.com;x=a=b",
        "sip:alice@example.com?",
        "sip:alice@example.com?subject",
        "sip:alice@example.com?=x",
        "sip:alice@example.com?a=b&",
        "sip:alice@example.com;ttl=256",
        "sip:alice@example.com;ttl=abc",
        "sip:alice@example.com;transport=",
        "sip:alice@example.com;method=IN\"VITE",
        "sip:alice@example.com;maddr=exa_mple",
        "sip:al#ice@example.com",
        "sip:alice:pa:ss@example.com",
        "sip:alice@example.com#frag",
        "sip:alice@ex\u00e4mple.com"})
    void refusesUrisThatBreakTheGrammar(String text) {
        assertThatThrownBy(() -> Uri.parse(text))
                .isInstanceOfSatisfying(SipParseException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.reasonPhrase()).startsWith("Bad URI - ");
                    assertThat(e.offset()).isBetween(0, text.length());
                });
    }

    @Test
    void refusesOtherSchemesWhenAskedForSipUri() {
        assertThatThrownBy(() -> SipUri.parse("tel:+12015550123"))
                .isInstanceOfSatisfying(SipParseException.class, e -> assertThat(e.reason()).contains("sip or sips"));
    }

    @Test
    void acceptsPasswordAndTelephoneSubscriberInUserinfo() {
        SipUri uri = SipUri.parse("sip:+1-212-555-1212:1234@gateway.com;user=phone");

        assertThat(uri.user()).contains("+1-212-555-1212");
        assertThat(uri.password()).contains("1234");
    }

    @Test
    void acceptsEmptyPassword() {
        SipUri uri = SipUri.parse("sip:alice:@example.com");

        assertThat(uri.password()).contains("");
        assertThat(uri.toString()).isEqualTo("sip:alice:@example.com");
    }

    @Test
    void keepsEscapedParameterAndHeaderValuesAsWritten() {
        SipUri uri = SipUri.parse("sip:biloxi.com;transport=tcp;method=REGISTER?to=sip:bob%40biloxi.com");

        assertThat(uri.headers().get("to")).contains("sip:bob%40biloxi.com");
        assertThat(UriEscapes.decode(uri.headers().get("to").orElseThrow())).isEqualTo("sip:bob@biloxi.com");
    }

    @Test
    void acceptsParametersWithoutValueAndEmptyHeaderValue() {
        SipUri uri = SipUri.parse("sip:proxy.example.com;lr;foo?subject=&x=1");

        assertThat(uri.parameters().has("foo")).isTrue();
        assertThat(uri.parameters().get("foo")).isEmpty();
        assertThat(uri.headers().get("subject")).contains("");
        assertThat(uri.headers().get("x")).contains("1");
    }

    @Test
    void acceptsHostNameWithTrailingDot() {
        assertThat(SipUri.parse("sip:alice@example.com.").host().text()).isEqualTo("example.com.");
    }

    @Test
    void acceptsSchemeInAnyCase() {
        assertThat(Uri.parse("SiPs:alice@example.com")).isInstanceOfSatisfying(SipUri.class,
                u -> assertThat(u.isSecure()).isTrue());
        assertThat(Uri.parse("SIP:alice@example.com").scheme()).isEqualTo("sip");
    }
}
