package org.parley.message.header;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.parley.message.header.ParseErrors.assertBad;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.parley.message.HeaderValues;
import org.parley.message.SipParseException;
import org.parley.message.uri.SipUri;
import org.parley.message.uri.Uri;

class ContactTest {

    @ParameterizedTest
    @ValueSource(strings = {"*", "  *  ", "\t*"})
    void readsTheWildcard(String element) {
        Contact contact = Contact.parse(element);

        assertThat(contact).isSameAs(Contact.WILDCARD);
        assertThat(contact.isWildcard()).isTrue();
        assertThat(contact.address()).isEmpty();
        assertThat(contact.expires()).isEmpty();
        assertThat(contact.q()).isEmpty();
        assertThat(contact.instanceId()).isEmpty();
        assertThat(contact.regId()).isEmpty();
        assertThat(contact).hasToString("*");
    }

    @ParameterizedTest
    @ValueSource(strings = {"*;expires=0", "* ;q=1", "*;"})
    void refusesParametersOnTheWildcard(String element) {
        assertBad(() -> Contact.parse(element), "Contact", "wildcard '*' must stand alone");
    }

    @Test
    void readsAStarBeforeAngleBracketsAsATokenDisplayName() {
        Contact contact = Contact.parse("* <sip:a@example.com>");

        assertThat(contact.isWildcard()).isFalse();
        assertThat(contact.address().orElseThrow().displayName()).contains("*");
        assertThat(Contact.parse(contact.toString())).isEqualTo(contact);
    }

    @Test
    void refusesWhatIsNeitherWildcardNorAddress() {
        assertBad(() -> Contact.parse("**"), "Contact", "bad URI");
        assertBad(() -> Contact.parse("*sip:a@example.com"), "Contact", "bad URI");
        assertBad(() -> Contact.parse(""), "Contact", "empty value");
    }

    @Test
    void readsTheUsualRegistrationContact() {
        Contact contact = Contact.parse("<sip:alice@192.0.2.4;transport=tcp>;expires=3600;q=0.7");

        assertThat(contact.isWildcard()).isFalse();
        assertThat(contact.address()).hasValueSatisfying(a ->
                assertThat(a.uri()).isEqualTo(Uri.parse("sip:alice@192.0.2.4;transport=tcp")));
        assertThat(contact.expires()).hasValue(3600);
        assertThat(contact.q()).hasValue(0.7);
        assertThat(contact.qThousandths()).hasValue(700);
        assertThat(contact).hasToString("<sip:alice@192.0.2.4;transport=tcp>;expires=3600;q=0.7");
    }

    @Test
    void readsEscapedNullsAsTwoDistinctContacts() {
        // RFC 4475 §3.1.1.4 escnull.
        List<String> elements = TortureHeaders.values("rfc4475/escnull.dat", "Contact", "m");

        List<Contact> contacts = elements.stream().map(Contact::parse).toList();

        assertThat(contacts).hasSize(2);
        SipUri first = (SipUri) contacts.get(0).address().orElseThrow().uri();
        SipUri second = (SipUri) contacts.get(1).address().orElseThrow().uri();
        assertThat(first.decodedUser()).contains("\u0000");
        assertThat(second.decodedUser()).contains("\u0000\u0000");
        assertThat(contacts.get(0)).isNotEqualTo(contacts.get(1));
        assertThat(contacts).extracting(Contact::toString)
                .containsExactly("<sip:%00@host5.example.com>", "<sip:%00%00@host5.example.com>");
    }

    @Test
    void keepsAContactParameterOffTheUriOfABareContact() {
        // RFC 4475 §3.3.12 cparam01 and §3.3.13 cparam02.
        Contact header = Contact.parse(TortureHeaders.value("rfc4475/cparam01.dat", "Contact", "m"));
        Contact uri = Contact.parse(TortureHeaders.value("rfc4475/cparam02.dat", "Contact", "m"));

        Address headerAddress = header.address().orElseThrow();
        Address uriAddress = uri.address().orElseThrow();
        assertThat(((SipUri) headerAddress.uri()).parameters().has("unknownparam")).isFalse();
        assertThat(headerAddress.parameters().has("unknownparam")).isTrue();
        assertThat(((SipUri) uriAddress.uri()).parameters().has("unknownparam")).isTrue();
        assertThat(uriAddress.parameters().isEmpty()).isTrue();
        assertThat(header).isNotEqualTo(uri);
    }

    @Test
    void keepsTheEscapedRouteHeaderOfRegescrt() {
        // RFC 4475 §3.3.14: the binding keeps the escaped header in its URI.
        Contact contact = Contact.parse(TortureHeaders.value("rfc4475/regescrt.dat", "Contact", "m"));

        assertThat(contact).hasToString("<sip:user@example.com?Route=%3Csip:sip.example.com%3E>");
    }

    @Test
    void refusesTheUnbracketedContactOfRegbadct() {
        String element = TortureHeaders.value("rfc4475/regbadct.dat", "Contact", "m");

        assertBad(() -> Contact.parse(element), "Contact", "must be enclosed in '<' '>'");
    }

    @Test
    void refusesTheEmptyParametersOfBadinv01() {
        // RFC 4475 §3.1.2.1: Contact "Joe" <sip:joe@example.org>;;;;
        String element = TortureHeaders.value("rfc4475/badinv01.dat", "Contact", "m");

        assertBad(() -> Contact.parse(element), "Contact", "empty parameter name");
    }

    @Test
    void readsTheFoldedWsinvContact() {
        // RFC 4475 §3.1.1.1: m:"Quoted string \"\"" <sip:jdrosen@example.com> ; newparam = newvalue ; ...
        Contact contact = Contact.parse(TortureHeaders.value("rfc4475/wsinv.dat", "Contact", "m"));

        Address address = contact.address().orElseThrow();
        assertThat(address.displayName()).contains("Quoted string \"\"");
        assertThat(address.parameters().get("newparam")).contains("newvalue");
        assertThat(address.parameters().has("secondparam")).isTrue();
        assertThat(contact.q()).hasValue(0.33);
        assertThat(contact.qThousandths()).hasValue(330);
        assertThat(contact).hasToString(
                "\"Quoted string \\\"\\\"\" <sip:jdrosen@example.com>;newparam=newvalue;secondparam;q=0.33");
    }

    @Test
    void readsTheUnknownSchemeContactOfUnksm2() {
        Contact contact = Contact.parse(TortureHeaders.value("rfc4475/unksm2.dat", "Contact", "m"));

        assertThat(contact.address().orElseThrow().uri().scheme()).isEqualTo("name");
    }

    @ParameterizedTest
    @CsvSource({"0, 0", "0., 0", "0.5, 500", "0.001, 1", "0.999, 999", "1, 1000", "1., 1000", "1.000, 1000"})
    void acceptsEveryQvalue(String written, int thousandths) {
        Contact contact = Contact.parse("<sip:a@example.com>;q=" + written);

        assertThat(contact.qThousandths()).hasValue(thousandths);
        assertThat(contact.q()).hasValue(thousandths / 1000.0);
    }

    @ParameterizedTest
    @ValueSource(strings = {";q=1.5", ";q=1.001", ";q=2", ";q=0.0001", ";q=.5", ";q=01", ";q=abc", ";q", ";q=\"1\""})
    void refusesQOutsideZeroToOneWithThreeDecimals(String param) {
        assertBad(() -> Contact.parse("<sip:a@example.com>" + param), "Contact", "q must be 0..1");
    }

    @Test
    void readsExpiresOnlyWhenAsked() {
        // RFC 4475 §3.1.2.4 scalar02: a registrar may answer 400 or use its default expiry instead.
        Contact huge = Contact.parse(TortureHeaders.value("rfc4475/scalar02.dat", "Contact", "m"));
        Contact max = Contact.parse("<sip:a@example.com>;expires=4294967295");
        Contact zero = Contact.parse("<sip:a@example.com>;expires=0");

        assertThat(huge.address().orElseThrow().parameters().get("expires")).contains("280297596632815");
        assertThatThrownBy(huge::expires).isInstanceOfSatisfying(SipParseException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.reasonPhrase()).startsWith("Bad Contact - ");
        });
        assertThat(max.expires()).hasValue(4294967295L);
        assertThat(zero.expires()).hasValue(0);
        assertThat(Contact.parse("<sip:a@example.com>").expires()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {";expires=4294967296", ";expires", ";expires=\"Thu, 01 Dec 1994 16:00:00 GMT\"",
        ";expires=-1", ";expires=12a"})
    void refusesMalformedExpiresWhenRead(String param) {
        Contact contact = Contact.parse("<sip:a@example.com>" + param);

        assertBad(contact::expires, "Contact", "expires");
    }

    @Test
    void readsTheOutboundInstanceAndRegId() {
        // RFC 5626 §5.2 example.
        Contact contact = Contact.parse("<sip:line1@192.0.2.2;transport=tcp>; reg-id=1;"
                + " +sip.instance=\"<urn:uuid:00000000-0000-1000-8000-000A95A0E128>\"");

        assertThat(contact.regId()).hasValue(1);
        assertThat(contact.instanceId()).contains("<urn:uuid:00000000-0000-1000-8000-000A95A0E128>");
        assertThat(Contact.parse(contact.toString())).isEqualTo(contact);
    }

    @ParameterizedTest
    @ValueSource(strings = {";reg-id=0", ";reg-id=2147483648", ";reg-id", ";reg-id=x"})
    void refusesRegIdOutsideItsRange(String param) {
        assertBad(() -> Contact.parse("<sip:a@example.com>" + param), "Contact", "reg-id must be 1..2^31-1");
    }

    @Test
    void parsesEveryElementOfAContactList() {
        String value = "\"Mr. Watson\" <sip:watson@worcester.bell-telephone.com>;q=0.7; expires=3600,"
                + " \"Mr. Watson\" <mailto:watson@bell-telephone.com> ;q=0.1";

        List<Contact> contacts = HeaderValues.split("Contact", value).stream().map(Contact::parse).toList();

        assertThat(contacts).extracting(Contact::toString).containsExactly(
                "Mr. Watson <sip:watson@worcester.bell-telephone.com>;q=0.7;expires=3600",
                "Mr. Watson <mailto:watson@bell-telephone.com>;q=0.1");
        assertThat(contacts.get(0).expires()).hasValue(3600);
        assertThat(contacts.get(1).q()).hasValue(0.1);
    }

    @Test
    void buildsContactsForARegistrarResponse() {
        Contact contact = Contact.of(Address.of(SipUri.parse("sip:alice@192.0.2.4")));

        Contact answered = contact.withExpires(3600).withQ(0.5);

        assertThat(answered).hasToString("<sip:alice@192.0.2.4>;expires=3600;q=0.5");
        assertThat(answered.expires()).hasValue(3600);
        assertThat(answered.q()).hasValue(0.5);
        assertThat(answered.withExpires(0)).hasToString("<sip:alice@192.0.2.4>;expires=0;q=0.5");
        assertThat(contact.withQ(1)).hasToString("<sip:alice@192.0.2.4>;q=1");
        assertThat(contact.withQ(0)).hasToString("<sip:alice@192.0.2.4>;q=0");
        assertThat(contact.withQ(0.125)).hasToString("<sip:alice@192.0.2.4>;q=0.125");
        assertThat(contact.withQ(0.33).qThousandths()).hasValue(330);
        assertThat(Contact.parse(answered.toString())).isEqualTo(answered);
    }

    @Test
    void refusesBadBuiltValues() {
        Contact contact = Contact.of(Address.of(SipUri.parse("sip:alice@192.0.2.4")));
        Address badQ = Address.of(SipUri.parse("sip:alice@192.0.2.4")).withParameter("q", "7");

        assertThatThrownBy(() -> contact.withExpires(-5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Contact expires must be 0..2^32-1, was -5");
        assertThatThrownBy(() -> contact.withQ(1.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("was 1.5");
        assertThatThrownBy(() -> contact.withQ(0.3333)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> contact.withQ(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Contact.of(badQ)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("q must be 0..1");
        assertThatThrownBy(() -> Contact.WILDCARD.withExpires(0)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Contact.WILDCARD.withQ(1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void comparesByAddress() {
        Contact a = Contact.parse("<sip:alice@EXAMPLE.com>;expires=60");
        Contact b = Contact.parse("sip:alice@example.com;expires=60");

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(Contact.WILDCARD);
        assertThat(Contact.parse("*")).isEqualTo(Contact.WILDCARD);
        assertThat(a).isNotEqualTo(a.withExpires(61));
    }
}
