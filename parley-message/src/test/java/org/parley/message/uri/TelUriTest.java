package org.parley.message.uri;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.parley.message.SipParseException;

class TelUriTest {

    @Test
    void readsGlobalNumberWithVisualSeparators() {
        TelUri uri = TelUri.parse("tel:+1-201-555-0123");

        assertThat(uri.isGlobal()).isTrue();
        assertThat(uri.number()).isEqualTo("+1-201-555-0123");
        assertThat(uri.digits()).isEqualTo("+12015550123");
        assertThat(uri.phoneContext()).isEmpty();
        assertThat(uri.scheme()).isEqualTo("tel");
    }

    @Test
    void readsLocalNumberWithItsPhoneContext() {
        TelUri uri = TelUri.parse("tel:7042;phone-context=example.com");

        assertThat(uri.isGlobal()).isFalse();
        assertThat(uri.digits()).isEqualTo("7042");
        assertThat(uri.phoneContext()).contains("example.com");
    }

    @Test
    void readsExtensionSubaddressAndOtherParameters() {
        TelUri uri = TelUri.parse("tel:+1-201-555-0123;ext=1234;isub=12%20ab;foo=bar;flag");

        assertThat(uri.extension()).contains("1234");
        assertThat(uri.isdnSubaddress()).contains("12%20ab");
        assertThat(uri.parameters().get("foo")).contains("bar");
        assertThat(uri.parameters().has("flag")).isTrue();
        assertThat(uri.parameters().names()).containsExactly("ext", "isub", "foo", "flag");
    }

    @Test
    void readsLocalNumbersWithHexDigitsStarAndHash() {
        TelUri uri = TelUri.parse("tel:*67#ab;phone-context=+1-914-555");

        assertThat(uri.digits()).isEqualTo("*67#ab");
        assertThat(uri.phoneContext()).contains("+1-914-555");
    }

    @ParameterizedTest(name = "{0} == {1}")
    @CsvSource(delimiter = '|', value = {
        "tel:+1-201-555-0123 | tel:+1(201)555.0123",
        "tel:+12015550123;ext=12-34 | tel:+12015550123;EXT=1234",
        "tel:7042;phone-context=Example.COM | TEL:7042;phone-context=example.com",
        "tel:863-1234;phone-context=+1-914-555 | tel:8631234;phone-context=+1914555",
        "tel:+12015550123;foo=bar;isub=x | tel:+12015550123;isub=X;FOO=BAR",
        "tel:abc;phone-context=example.com | tel:ABC;phone-context=example.com",
        "tel:+12015550123;foo=%41 | tel:+12015550123;foo=a",
    })
    void comparesTelUrisByRfc3966Rules(String a, String b) {
        Uri x = Uri.parse(a);
        Uri y = Uri.parse(b);

        assertThat(x).isEqualTo(y);
        assertThat(y).isEqualTo(x);
        assertThat(x.hashCode()).isEqualTo(y.hashCode());
    }

    @ParameterizedTest(name = "{0} != {1}")
    @CsvSource(delimiter = '|', value = {
        "tel:+12015550123 | tel:+12015550124",
        "tel:+12015550123 | tel:12015550123;phone-context=+1",
        "tel:+12015550123 | tel:+12015550123;ext=1",
        "tel:+12015550123;foo | tel:+12015550123;foo=1",
        "tel:+12015550123;ext=1 | tel:+12015550123;ext=2",
        "tel:7042;phone-context=example.com | tel:7042;phone-context=example.org",
        "tel:+12015550123;a=1 | tel:+12015550123;b=1",
    })
    void distinguishesTelUrisThatDiffer(String a, String b) {
        assertThat(Uri.parse(a)).isNotEqualTo(Uri.parse(b));
        assertThat(Uri.parse(b)).isNotEqualTo(Uri.parse(a));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "tel:", "tel:+", "tel:+-", "tel:+12a", "tel:7042", "tel:+1;phone-context=example.com", "tel:12 34",
        "tel:+1;ext=", "tel:+1;ext=12a", "tel:+1;ext", "tel:+1;isub=a\"b", "tel:+1;=x", "tel:+1;a_b=1",
        "tel:+1;a=", "tel:+1;ext=1;ext=2", "tel:1;phone-context=exa_mple.com", "tel:1;phone-context=+",
        "tel:+1;a=b?c", "tel:+1;;a=b"})
    void refusesTelUrisThatBreakTheGrammar(String text) {
        assertThatThrownBy(() -> Uri.parse(text))
                .isInstanceOfSatisfying(SipParseException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.reasonPhrase()).startsWith("Bad URI - ");
                });
    }

    @Test
    void keepsTheOriginalText() {
        String text = "TEL:+1-201-555-0123;Foo=1;ext=22";

        assertThat(Uri.parse(text).toString()).isEqualTo(text);
    }

    @Test
    void writesBuiltParametersInTheOrderRfc3966Asks() {
        TelUri uri = TelUri.builder()
                .number("863-1234")
                .parameter("zeta", "1")
                .parameter("Alpha", null)
                .phoneContext("+1-914-555")
                .extension("101")
                .build();

        assertThat(uri.toString()).isEqualTo("tel:863-1234;ext=101;phone-context=+1-914-555;Alpha;zeta=1");
        assertThat(TelUri.parse(uri.toString())).isEqualTo(uri);
    }

    @Test
    void givesBackTheParsedUriWhenNothingChanged() {
        TelUri parsed = TelUri.parse("tel:+1-201-555-0123;foo=1;ext=22");

        assertThat(parsed.toBuilder().build()).isSameAs(parsed);
        assertThat(parsed.toBuilder().removeParameter("foo").build().toString())
                .isEqualTo("tel:+1-201-555-0123;ext=22");
    }

    @Test
    void refusesBuildingInvalidTelUris() {
        assertThatThrownBy(() -> TelUri.builder().build()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> TelUri.builder().number("7042").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("phone-context");
        assertThatThrownBy(() -> TelUri.builder().number("+1").phoneContext("example.com").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("phone-context");
        assertThatThrownBy(() -> TelUri.builder().number("+1x").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("+1x");
        assertThatThrownBy(() -> TelUri.builder().number("+1").isdnSubaddress("a b").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("isub");
    }

    @Test
    void refusesOtherSchemesWhenAskedForTelUri() {
        assertThatThrownBy(() -> TelUri.parse("sip:alice@example.com"))
                .isInstanceOfSatisfying(SipParseException.class, e -> assertThat(e.reason()).contains("tel"));
    }
}
