package org.parley.message.header;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.parley.message.header.ParseErrors.assertBad;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.parley.message.Parameters;
import org.parley.message.uri.AbsoluteUri;
import org.parley.message.uri.SipUri;
import org.parley.message.uri.TelUri;
import org.parley.message.uri.Uri;

class AddressTest {

    @Test
    void parsesNameAddrWithQuotedDisplayNameAndTag() {
        Address from = Address.parse("From", "\"Alice Smith\" <sip:alice@atlanta.example.com>;tag=1928301774");

        assertThat(from.displayName()).contains("Alice Smith");
        assertThat(from.uri()).isEqualTo(Uri.parse("sip:alice@atlanta.example.com"));
        assertThat(from.tag()).contains("1928301774");
        assertThat(from.parameters().size()).isEqualTo(1);
        assertThat(from.hasAngleBrackets()).isTrue();
        assertThat(from).hasToString("Alice Smith <sip:alice@atlanta.example.com>;tag=1928301774");
    }

    @Test
    void parsesBareAddrSpecWithoutParameters() {
        Address to = Address.parse("To", "sip:bob@biloxi.example.com");

        assertThat(to.displayName()).isEmpty();
        assertThat(to.tag()).isEmpty();
        assertThat(to.parameters()).isSameAs(Parameters.EMPTY);
        assertThat(to.hasAngleBrackets()).isFalse();
        assertThat(to).hasToString("sip:bob@biloxi.example.com");
    }

    @Test
    void decodesTheIntmethToDisplayNameWithQuotedControlCharacters() {
        // RFC 4475 §3.1.1.2: quoted-pairs escape BEL, NUL and DEL; the URI user holds ',' '?' ';'.
        String element = TortureHeaders.value("rfc4475/intmeth.dat", "To", "t");

        Address to = Address.parse("To", element);

        assertThat(to.displayName()).contains("BEL:\u0007 NUL:\u0000 DEL:\u007f");
        SipUri uri = (SipUri) to.uri();
        assertThat(uri.user()).contains("1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*");
        assertThat(uri.host().text()).isEqualTo("example.com");
        assertThat(uri.parameters().isEmpty()).isTrue();
        assertThat(to.toString()).startsWith("\"BEL:\\\u0007 NUL:\\\u0000 DEL:\\\u007f\" <sip:1_unusual");
        assertThat(Address.parse("To", to.toString())).isEqualTo(to);
    }

    @Test
    void joinsTheIntmethFromDisplayNameTokensAndKeepsItsUtf8Parameter() {
        String element = TortureHeaders.value("rfc4475/intmeth.dat", "From", "f");

        Address from = Address.parse("From", element);

        assertThat(from.displayName()).contains("token1~` token2'+_ token3*%!.-");
        assertThat(from.uri()).isEqualTo(Uri.parse("sip:mundane@example.com"));
        assertThat(from.parameters().get("fromParam''~+*_!.-%")).contains("\"работающий\"");
        assertThat(from.tag()).contains("_token~1'+`*%!-.");
        assertThat(from.toString()).startsWith("token1~` token2'+_ token3*%!.- <sip:mundane@example.com>;");
        assertThat(Address.parse("From", from.toString())).isEqualTo(from);
    }

    @Test
    void acceptsATokenDisplayNameTouchingTheAngleBracket() {
        // RFC 4475 §3.1.1.6 lwsdisp.
        String element = TortureHeaders.value("rfc4475/lwsdisp.dat", "From", "f");

        Address from = Address.parse("From", element);

        assertThat(element).isEqualTo("caller<sip:caller@example.com>;tag=323");
        assertThat(from.displayName()).contains("caller");
        assertThat(from.tag()).contains("323");
        assertThat(from).hasToString("caller <sip:caller@example.com>;tag=323");
    }

    @Test
    void readsTheFoldedWsinvToAndFrom() {
        // RFC 4475 §3.1.1.1: LWS around ';' and '=' after both forms; escaped quote and backslash.
        Address to = Address.parse("To", TortureHeaders.value("rfc4475/wsinv.dat", "To", "t"));
        Address from = Address.parse("From", TortureHeaders.value("rfc4475/wsinv.dat", "From", "f"));

        assertThat(to.uri()).isEqualTo(Uri.parse("sip:vivekg@chair-dnrc.example.com"));
        assertThat(to.tag()).contains("1918181833n");
        assertThat(to).hasToString("sip:vivekg@chair-dnrc.example.com;tag=1918181833n");
        assertThat(from.displayName()).contains("J Rosenberg \\\"");
        assertThat(from.tag()).contains("98asjd8");
        assertThat(from).hasToString("\"J Rosenberg \\\\\\\"\" <sip:jdrosen@example.com>;tag=98asjd8");
    }

    @Test
    void acceptsWhitespaceAroundTheAngleBracketsAndSeparators() {
        Address a = Address.parse("To", "  \"A\"   <sip:a@example.com>   ;  tag = x1  ");

        assertThat(a.displayName()).contains("A");
        assertThat(a.tag()).contains("x1");
        assertThat(a).hasToString("A <sip:a@example.com>;tag=x1");
    }

    @Test
    void treatsParametersAfterABareUriAsHeaderParameters() {
        // RFC 4475 §3.3.12 cparam01.
        String element = TortureHeaders.value("rfc4475/cparam01.dat", "Contact", "m");

        Address contact = Address.parse("Contact", element);

        SipUri uri = (SipUri) contact.uri();
        assertThat(uri.parameters().isEmpty()).isTrue();
        assertThat(uri).hasToString("sip:+19725552222@gw1.example.net");
        assertThat(contact.parameters().has("unknownparam")).isTrue();
        assertThat(contact).hasToString("sip:+19725552222@gw1.example.net;unknownparam");
    }

    @Test
    void keepsParametersInsideTheAngleBracketsOnTheUri() {
        // RFC 4475 §3.3.13 cparam02.
        String element = TortureHeaders.value("rfc4475/cparam02.dat", "Contact", "m");

        Address contact = Address.parse("Contact", element);

        assertThat(((SipUri) contact.uri()).parameters().has("unknownparam")).isTrue();
        assertThat(contact.parameters().isEmpty()).isTrue();
        assertThat(contact).hasToString("<sip:+19725552222@gw1.example.net;unknownparam>");
    }

    @Test
    void treatsEverythingAfterTheFirstSemicolonOfABareUriAsHeaderParameters() {
        Address tel = Address.parse("To", "tel:+1-201-555-0123;tag=9");
        Address isbn = Address.parse("To", "isbn:2983792873;tag=1");

        assertThat(tel.uri()).isInstanceOf(TelUri.class).hasToString("tel:+1-201-555-0123");
        assertThat(tel.tag()).contains("9");
        assertThat(isbn.uri()).isInstanceOf(AbsoluteUri.class).hasToString("isbn:2983792873");
        assertThat(isbn.tag()).contains("1");
    }

    @Test
    void acceptsEscapedUriHeadersInsideAngleBrackets() {
        // RFC 4475 §3.3.14 regescrt.
        String element = TortureHeaders.value("rfc4475/regescrt.dat", "Contact", "m");

        Address contact = Address.parse("Contact", element);

        SipUri uri = (SipUri) contact.uri();
        assertThat(uri.headers().name(0)).isEqualTo("Route");
        assertThat(uri.headers().value(0)).contains("%3Csip:sip.example.com%3E");
        assertThat(contact).hasToString("<sip:user@example.com?Route=%3Csip:sip.example.com%3E>");
    }

    @Test
    void refusesABareUriWithEscapedHeaders() {
        // RFC 4475 §3.1.2.13 regbadct: RFC 3261 §20 requires the angle brackets.
        String element = TortureHeaders.value("rfc4475/regbadct.dat", "Contact", "m");

        assertBad(() -> Address.parse("Contact", element), "Contact", "must be enclosed in '<' '>'");
    }

    @Test
    void refusesABareUriWithAComma() {
        assertBad(() -> Address.parse("To", "sip:a,b@example.com"), "To", "must be enclosed in '<' '>'");
    }

    @Test
    void parsesUnknownUriSchemes() {
        // RFC 4475 §3.3.4 unksm2.
        Address to = Address.parse("To", TortureHeaders.value("rfc4475/unksm2.dat", "To", "t"));
        Address from = Address.parse("From", TortureHeaders.value("rfc4475/unksm2.dat", "From", "f"));
        Address contact = Address.parse("Contact", TortureHeaders.value("rfc4475/unksm2.dat", "Contact", "m"));

        assertThat(to.uri().scheme()).isEqualTo("isbn");
        assertThat(((AbsoluteUri) to.uri()).schemeSpecificPart()).isEqualTo("2983792873");
        assertThat(to).hasToString("isbn:2983792873");
        assertThat(from.uri()).hasToString("http://www.example.com");
        assertThat(from.tag()).contains("3234233");
        assertThat(from).hasToString("<http://www.example.com>;tag=3234233");
        assertThat(contact.uri().scheme()).isEqualTo("name");
        assertThat(contact).hasToString("<name:John_Smith>");
    }

    @Test
    void refusesWhitespaceInsideTheAngleBrackets() {
        // RFC 4475 §3.1.2.14 badaspec.
        String element = TortureHeaders.value("rfc4475/badaspec.dat", "To", "t");

        assertThat(element).isEqualTo("\"Watson, Thomas\" < sip:t.watson@example.org >");
        assertBad(() -> Address.parse("To", element), "To", "whitespace inside '<' '>'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"<sip:a b@example.com>", "<sip:alice@example.com\t>", "< sip:a@b;x=>", "<sip:a@[::1 >",
        "<s p:a@b>", "<sip:a@b ;lr>"})
    void namesWhitespaceInsideTheBracketsBeforeAnyOtherFaultOfTheUri(String element) {
        assertBad(() -> Address.parse("Route", element), "Route", "whitespace inside '<' '>'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"<sip:a@b;x=>", "<sip:@example.com>", "<>", "<sip:a@b:99999>"})
    void namesAFaultyUriInsideTheBrackets(String element) {
        assertBad(() -> Address.parse("Route", element), "Route", "bad URI, ");
    }

    @Test
    void refusesUnquotedDisplayNamesWithNonTokenCharacters() {
        // RFC 4475 §3.1.2.15 baddn: From and To are single values, so the comma stays in the element.
        String from = TortureHeaders.value("rfc4475/baddn.dat", "From", "f");
        String to = TortureHeaders.value("rfc4475/baddn.dat", "To", "t");

        assertBad(() -> Address.parse("From", from), "From", "display name must be a quoted string or tokens");
        assertBad(() -> Address.parse("To", to), "To", "display name must be a quoted string or tokens");
        assertBad(() -> Address.parse("To", "Joe@Home <sip:j@example.com>"), "To", "display name");
    }

    @Test
    void refusesAnUnterminatedQuotedDisplayName() {
        // RFC 4475 §3.1.2.6 quotbal.
        String element = TortureHeaders.value("rfc4475/quotbal.dat", "To", "t");

        assertBad(() -> Address.parse("To", element), "To", "unterminated quoted string");
    }

    @Test
    void parsesIpv6ReferencesOfRfc5118() {
        Address withPort = Address.parse("Contact", "<sip:[2001:db8::10]:5070>");
        Address mapped = Address.parse("Contact", "<sip:[::ffff:192.0.2.2]>");
        Address desk = Address.parse("Contact",
                TortureHeaders.value("rfc5118/wire/ipv4-mapped-ipv6.dat", "Contact", "m"));

        SipUri uri = (SipUri) withPort.uri();
        assertThat(uri.host().text()).isEqualTo("2001:db8::10");
        assertThat(uri.port()).hasValue(5070);
        assertThat(((SipUri) mapped.uri()).host().isIpAddress()).isTrue();
        assertThat(((SipUri) mapped.uri()).port()).isEmpty();
        assertThat(desk.displayName()).contains("T. desk phone");
        assertThat(desk).hasToString("T. desk phone <sip:ted@[::ffff:192.0.2.2]>");
    }

    @Test
    void readsLooseRouteValues() {
        Address route = Address.parse("Route", "<sip:p1.example.com;lr>");
        Address strict = Address.parse("Record-Route", "<sip:p2.example.com>");
        Address wsinv = Address.parse("Route", TortureHeaders.value("rfc4475/wsinv.dat", "Route", "Route"));

        assertThat(((SipUri) route.uri()).isLooseRouter()).isTrue();
        assertThat(((SipUri) strict.uri()).isLooseRouter()).isFalse();
        assertThat(((SipUri) wsinv.uri()).isLooseRouter()).isTrue();
        assertThat(wsinv).hasToString("<sip:services.example.com;lr;unknownwith=value;unknown-no-value>");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Route", "Record-Route", "Path", "Service-Route", "record-route"})
    void refusesABareUriInRouteHeaders(String header) {
        assertBad(() -> Address.parse(header, "sip:p1.example.com;lr"), header, "must be enclosed in '<' '>'");
    }

    @Test
    void refusesEmptyAndIncompleteElements() {
        assertBad(() -> Address.parse("To", ""), "To", "empty value");
        assertBad(() -> Address.parse("To", "   "), "To", "empty value");
        assertBad(() -> Address.parse("To", "<>"), "To", "bad URI");
        assertBad(() -> Address.parse("To", "<sip:a@example.com"), "To", "missing '>'");
        assertBad(() -> Address.parse("To", "\"A\" sip:a@example.com"), "To", "expected '<'");
        assertBad(() -> Address.parse("To", "<sip:a@example.com>>"), "To", "unexpected '>'");
        assertBad(() -> Address.parse("To", "<sip:a@example.com> x"), "To", "unexpected 'x'");
        assertBad(() -> Address.parse("To", "sip:a@example.com x"), "To", "unexpected 'x' after the URI");
    }

    @Test
    void refusesBadUrisAndParameters() {
        assertBad(() -> Address.parse("From", "<alice@example.com>"), "From", "bad URI");
        assertBad(() -> Address.parse("From", "<sip:a@example.com>;;tag=1"), "From", "empty parameter name");
        assertBad(() -> Address.parse("From", "<sip:a@example.com>;tag=1;"), "From", "empty parameter name");
        assertBad(() -> Address.parse("From", "<sip:a@example.com>;tag"), "From", "tag must be a token");
        assertBad(() -> Address.parse("From", "<sip:a@example.com>;tag=\"1\""), "From", "tag must be a token");
        assertBad(() -> Address.parse("From", "<sip:a@example.com>;p="), "From", "parameter value");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "sip:alice@example.com",
        "<sip:alice@example.com>",
        "<sip:alice@example.com;transport=tcp>;tag=abc",
        "Alice <sip:alice@example.com>;tag=abc;x=\"a b\"",
        "\"Alice, the 2nd\" <sips:alice@example.com:5061>",
        "\"\" <sip:alice@example.com>",
        "\"\\\"quoted\\\" \\\\ name\" <tel:+1-201-555-0123;ext=1>;p=[2001:db8::1]",
        "\"Фёдор\" <sip:fyodor@example.com>",
        "<sip:user@example.com?Subject=hi>",
        "urn:service:sos;tag=7",
        "<mailto:joe@example.com>"})
    void writesAFormThatParsesBackEqual(String element) {
        Address parsed = Address.parse("To", element);

        Address again = Address.parse("To", parsed.toString());

        assertThat(again).isEqualTo(parsed).hasSameHashCodeAs(parsed);
        assertThat(again).hasToString(parsed.toString());
    }

    @Test
    void writesParsedValuesCanonically() {
        assertThat(Address.parse("To", "  \"Bob\"<sip:bob@example.com> ; TAG = 5"))
                .hasToString("Bob <sip:bob@example.com>;TAG=5");
        assertThat(Address.parse("To", "Bob    Smith <sip:bob@example.com>"))
                .hasToString("Bob Smith <sip:bob@example.com>");
        assertThat(Address.parse("To", "\"Bob  Smith\" <sip:bob@example.com>"))
                .hasToString("\"Bob  Smith\" <sip:bob@example.com>");
    }

    @Test
    void buildsAddressesInNameAddrForm() {
        SipUri uri = SipUri.parse("sip:alice@example.com");

        Address plain = Address.of(uri);
        Address named = Address.of("Alice Smith", uri).withTag("a73kszlfl");
        Address quoted = Address.of("Smith, Alice", uri).withParameter("x", "\"y z\"");

        assertThat(plain).hasToString("<sip:alice@example.com>");
        assertThat(plain.hasAngleBrackets()).isTrue();
        assertThat(named).hasToString("Alice Smith <sip:alice@example.com>;tag=a73kszlfl");
        assertThat(named.tag()).contains("a73kszlfl");
        assertThat(quoted).hasToString("\"Smith, Alice\" <sip:alice@example.com>;x=\"y z\"");
        assertThat(Address.parse("To", quoted.toString())).isEqualTo(quoted);
    }

    @Test
    void changesPartsWithoutTouchingTheOthers() {
        Address a = Address.parse("To", "sip:alice@example.com;tag=1;x=2");

        Address named = a.withDisplayName("Alice");
        Address moved = a.withUri(SipUri.parse("sip:alice@192.0.2.1;transport=tcp"));
        Address untagged = a.withoutParameter("tag").withoutParameter("absent");
        Address replaced = a.withParameters(Parameters.builder().flag("lr").build());

        assertThat(named).hasToString("Alice <sip:alice@example.com>;tag=1;x=2");
        assertThat(named.withoutDisplayName()).hasToString("sip:alice@example.com;tag=1;x=2");
        assertThat(moved).hasToString("<sip:alice@192.0.2.1;transport=tcp>;tag=1;x=2");
        assertThat(moved.hasAngleBrackets()).isTrue();
        assertThat(untagged).hasToString("sip:alice@example.com;x=2");
        assertThat(untagged.tag()).isEmpty();
        assertThat(a.withTag("9").tag()).contains("9");
        assertThat(replaced).hasToString("sip:alice@example.com;lr");
        assertThat(a).hasToString("sip:alice@example.com;tag=1;x=2");
    }

    @Test
    void keepsNulAndControlCharactersInBuiltDisplayNames() {
        Address a = Address.of("NUL:\u0000 TAB:\t", SipUri.parse("sip:a@example.com"));

        assertThat(a).hasToString("\"NUL:\\\u0000 TAB:\t\" <sip:a@example.com>");
        assertThat(Address.parse("To", a.toString()).displayName()).contains("NUL:\u0000 TAB:\t");
    }

    @Test
    void refusesMalformedBuiltParts() {
        Uri uri = Uri.parse("sip:a@example.com");
        Address a = Address.of(uri);

        assertThatThrownBy(() -> Address.of("line\r\nbreak", uri))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CR or LF");
        assertThatThrownBy(() -> a.withDisplayName("x\ny"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CR or LF");
        assertThatThrownBy(() -> a.withParameter("bad name", "1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be a token");
        assertThatThrownBy(() -> a.withParameter("x", "a b"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"a b\"");
        assertThatThrownBy(() -> a.withTag("\"q\""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tag must be a token");
        assertThatThrownBy(() -> a.withParameters(Parameters.builder().flag("tag").build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tag must be a token");
        assertThatThrownBy(() -> Address.of(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void comparesDisplayNameUriAndParametersButNotTheBrackets() {
        Address bare = Address.parse("To", "sip:alice@EXAMPLE.com;tag=1");
        Address bracketed = Address.parse("To", "<sip:alice@example.com>;tag=1");

        assertThat(bare).isEqualTo(bracketed).hasSameHashCodeAs(bracketed);
        assertThat(bare).isNotEqualTo(bracketed.withDisplayName("Alice"));
        assertThat(bare).isNotEqualTo(bracketed.withTag("2"));
        assertThat(Address.parse("To", "\"\" <sip:alice@example.com>"))
                .isNotEqualTo(Address.parse("To", "<sip:alice@example.com>"));
        assertThat(bare).isNotEqualTo(Address.parse("To", "sip:bob@example.com;tag=1"));
    }
}
