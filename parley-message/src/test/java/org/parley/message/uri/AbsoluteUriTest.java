package org.parley.message.uri;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.parley.message.SipParseException;

class AbsoluteUriTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "nobodyKnowsThisScheme:totallyopaquecontent",
        "soap.beep://192.0.2.103:3002",
        "isbn:2983792873",
        "http://www.example.com",
        "name:John_Smith",
        "mailto:watson@example.com?subject=a%20b",
        "http://[2001:db8::1]:8080/a;b?c=d#frag",
        "urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6"})
    void keepsTheOpaquePartByteForByte(String text) {
        Uri uri = Uri.parse(text);

        assertThat(uri).isInstanceOf(AbsoluteUri.class);
        assertThat(uri.toString()).isEqualTo(text);
        assertThat(((AbsoluteUri) uri).schemeSpecificPart()).isEqualTo(text.substring(text.indexOf(':') + 1));
    }

    @Test
    void comparesSchemeIgnoringCaseAndTheRestExactly() {
        Uri a = Uri.parse("HTTP://www.example.com");
        Uri b = Uri.parse("http://www.example.com");

        assertThat(a).isEqualTo(b);
        assertThat(a.hashCode()).isEqualTo(b.hashCode());
        assertThat(a.scheme()).isEqualTo("http");
        assertThat(a).isNotEqualTo(Uri.parse("http://WWW.example.com"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"isbn:", "isbn:a b", "isbn:a<b", "isbn:%zz", "is_bn:123", "isbn:a\"b"})
    void refusesMalformedAbsoluteUris(String text) {
        assertThatThrownBy(() -> Uri.parse(text))
                .isInstanceOfSatisfying(SipParseException.class, e -> assertThat(e.statusCode()).isEqualTo(400));
    }

    @Test
    void refusesSchemesThatHaveTheirOwnType() {
        assertThatThrownBy(() -> AbsoluteUri.parse("sip:alice@example.com")).isInstanceOf(SipParseException.class);
        assertThatThrownBy(() -> AbsoluteUri.parse("TEL:+1")).isInstanceOf(SipParseException.class);
    }

    @Test
    void buildsFromSchemeAndRest() {
        AbsoluteUri uri = AbsoluteUri.of("urn", "service:sos");

        assertThat(uri.toString()).isEqualTo("urn:service:sos");
        assertThat(uri).isEqualTo(Uri.parse("URN:service:sos"));
        assertThatThrownBy(() -> AbsoluteUri.of("1urn", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AbsoluteUri.of("ur:n", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AbsoluteUri.of("urn", "")).isInstanceOf(IllegalArgumentException.class);
    }
}
