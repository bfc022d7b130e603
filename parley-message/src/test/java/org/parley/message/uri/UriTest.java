package org.parley.message.uri;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.parley.message.SipParseException;

class UriTest {

    static Stream<String> validUris() {
        return Stream.of(
                "sip:alice@atlanta.com",
                "SIP:ALICE@AtLanTa.CoM;Transport=udp",
                "sips:alice:secret@atlanta.com:5061;transport=tls;lr?subject=hi&priority=urgent",
                "sip:user;par=u%40example.net@example.com",
                "sip:v%61lue%25%34%31@example.com",
                "sip:null-%00-null@example.com",
                "sip:[2001:db8::10]",
                "sip:[2001:db8::10]:5070",
                "sip:[2001:db8::10:5070]",
                "sip:[::ffff:192.0.2.10]",
                "sip:[2001:db8:::192.0.2.1]",
                "sip:192.0.2.4:5060;maddr=[2001:db8::1];ttl=255",
                "sip:+1-212-555-1212:1234@gateway.com;user=phone",
                "sip:biloxi.com;transport=tcp;method=REGISTER?to=sip:bob%40biloxi.com",
                "sip:alice@atlanta.com?subject=project%20x&priority=urgent",
                "sip:proxy.example.com;lr;foo?subject=&x=1",
                "sip:example.com.",
                "sip:*67%23@example.com",
                "sip:a-b.c-d.example:0",
                "tel:+1-201-555-0123",
                "tel:7042;phone-context=example.com",
                "TEL:863-1234;phone-context=+1-914-555;ext=22;isub=1%20a;foo",
                "nobodyKnowsThisScheme:totallyopaquecontent",
                "soap.beep://192.0.2.103:3002",
                "isbn:2983792873",
                "http://www.example.com",
                "name:John_Smith");
    }

    @ParameterizedTest
    @MethodSource("validUris")
    void writesParsedUriBackUnchanged(String text) {
        assertThat(Uri.parse(text).toString()).isEqualTo(text);
    }

    @ParameterizedTest
    @MethodSource("validUris")
    void equalsItselfParsedAgain(String text) {
        Uri a = Uri.parse(text);
        Uri b = Uri.parse(text);

        assertThat(a).isEqualTo(b);
        assertThat(a.hashCode()).isEqualTo(b.hashCode());
    }

    @ParameterizedTest
    @MethodSource("validUris")
    void rebuildsAnEqualUriFromItsParts(String text) {
        Uri uri = Uri.parse(text);

        Uri rebuilt = switch (uri) {
            case SipUri s -> s.toBuilder().looseRouter(s.isLooseRouter()).build();
            case TelUri t -> t.toBuilder().number(t.number()).build();
            case AbsoluteUri a -> AbsoluteUri.of(a.scheme(), a.schemeSpecificPart());
        };

        assertThat(rebuilt).isEqualTo(uri);
        assertThat(Uri.parse(rebuilt.toString())).isEqualTo(uri);
    }

    @Test
    void choosesTheTypeByScheme() {
        assertThat(Uri.parse("sip:a@b.com")).isInstanceOf(SipUri.class);
        assertThat(Uri.parse("Sips:a@b.com")).isInstanceOf(SipUri.class);
        assertThat(Uri.parse("tEl:+1")).isInstanceOf(TelUri.class);
        assertThat(Uri.parse("sipx:a@b.com")).isInstanceOf(AbsoluteUri.class);
        assertThat(Uri.parse("si:a@b.com")).isInstanceOf(AbsoluteUri.class);
        assertThat(Uri.parse("tels:+1")).isInstanceOf(AbsoluteUri.class);
        assertThat(Uri.parse("im:alice@example.com").scheme()).isEqualTo("im");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sip:a@b.com\u0000", "sip:a@b.com\u007f", "sip:\u00e9@b.com"})
    void refusesControlAndNonAsciiCharacters(String text) {
        assertThatThrownBy(() -> Uri.parse(text))
                .isInstanceOfSatisfying(SipParseException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.reason()).contains("invalid character U+");
                    assertThat(e.reasonPhrase()).doesNotContain("\u0000", "\u007f", "\u00e9");
                });
    }

    @Test
    void boundsTheInputQuotedInErrorMessages() {
        String text = "sip:alice@example.com;ttl=" + "9".repeat(10_000);

        assertThatThrownBy(() -> Uri.parse(text))
                .isInstanceOfSatisfying(SipParseException.class, e -> assertThat(e.reason()).hasSizeLessThan(200));
    }

    /** Seeded mutations of valid URIs: each must parse or raise SipParseException, nothing else. */
    @ParameterizedTest
    @ValueSource(longs = {1L, 2L, 3L, 42L, 20240229L})
    void yieldsUriOrSipParseExceptionForMutatedInput(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<String> seeds = validUris().toList();
        String alphabet = "sip:@;=?&%[]<>.:-+#*0123456789abcdefABCDEF \t\"\\/";
        int parsed = 0;
        int refused = 0;
        for (int round = 0; round < 2_000; round++) {
            StringBuilder text = new StringBuilder(seeds.get(random.nextInt(seeds.size())));
            int edits = 1 + random.nextInt(4);
            for (int e = 0; e < edits && !text.isEmpty(); e++) {
                int at = random.nextInt(text.length());
                switch (random.nextInt(3)) {
                    case 0 -> text.deleteCharAt(at);
                    case 1 -> text.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    default -> text.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            String input = text.toString();
            try {
                Uri uri = Uri.parse(input);
                assertThat(uri.toString()).isEqualTo(input);
                assertThat(uri).isEqualTo(Uri.parse(input));
                parsed++;
            } catch (SipParseException e) {
                assertThat(e.statusCode()).isEqualTo(400);
                assertThat(e.offset()).isBetween(-1, input.length());
                refused++;
            }
        }
        assertThat(parsed).isPositive();
        assertThat(refused).isPositive();
    }

    @Test
    void acceptsEveryPrefixOfAUriOrRefusesItCleanly() {
        String full = "sips:alice:pw@[2001:db8::10]:5061;transport=tls;maddr=192.0.2.1?subject=a%20b&x=";
        List<String> accepted = new ArrayList<>();
        for (int end = 0; end <= full.length(); end++) {
            String prefix = full.substring(0, end);
            try {
                accepted.add(Uri.parse(prefix).toString());
            } catch (SipParseException e) {
                assertThat(e.statusCode()).isEqualTo(400);
            }
        }
        assertThat(accepted).contains("sips:alice:pw@[2001:db8::10]", full);
    }
}
