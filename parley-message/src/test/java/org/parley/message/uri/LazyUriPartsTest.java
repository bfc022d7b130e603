package org.parley.message.uri;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.parley.message.Parameters;
import org.parley.message.SipMessage;
import org.parley.message.SipParseException;
import org.parley.message.SipParser;
import org.parley.message.SipRequest;
import org.parley.message.TortureCorpus;
import org.parley.message.header.Address;

/** The host and uri-parameters of a parsed SipUri are checked at parse time and built on first access. */
class LazyUriPartsTest {
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"example.com", "EXAMPLE.com.", "a-b.c", "192.0.2.1", "255.255.255.255", "x1.y", "[::1]",
        "[2001:db8::10]", "[::ffff:192.0.2.1]"})
    void buildsTheHostThatParsingItAloneGives(String host) {
        SipUri uri = SipUri.parse("sip:alice@" + host + ":5060;lr");
        Host eager = Host.parse(host);
        assertThat(uri.host()).isSameAs(uri.host());
        assertThat(uri.host()).isEqualTo(eager);
        assertThat(uri.host().kind()).isEqualTo(eager.kind());
        assertThat(uri.host().text()).isEqualTo(eager.text());
        assertThat(uri.host()).hasToString(eager.toString());
        assertThat(uri.toBuilder().port(5061).build().host()).isEqualTo(eager);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "", "256.0.0.1", "1.2.3", "-a.com", "a..b", "1.2.3.4a", "2001:db8::1", "[::1", "exa_mple.com"})
    void refusesABadHostWhenParsingNotWhenItIsRead(String host) {
        String uri = "sip:alice@" + host + ";lr";
        String hostReason = catchReason(() -> Host.parse(host));
        assertThatThrownBy(() -> SipUri.parse(uri)).isInstanceOf(SipParseException.class)
                .satisfies(e -> assertThat(hostReason).isNotNull());
    }

    private static String catchReason(Runnable r) {
        try {
            r.run();
            return null;
        } catch (SipParseException e) {
            return e.reason();
        }
    }

    @Test
    void reportsTheSameErrorsAsBefore() {
        assertThatThrownBy(() -> SipUri.parse("sip:a@;lr")).hasMessageContaining("empty host");
        assertThatThrownBy(() -> SipUri.parse("sip:a@256.1.1.1"))
                .hasMessageContaining("bad IPv4 address \"256.1.1.1\"");
        assertThatThrownBy(() -> SipUri.parse("sip:a@ex_ample.com"))
                .hasMessageContaining("bad host name \"ex_ample.com\"");
    }

    @Test
    void readsTheParametersThatWereChecked() {
        SipUri uri = SipUri.parse("sip:a@b.example.com;transport=tcp;lr;%6C%72;x=%41;maddr=192.0.2.1?h=1");
        assertThat(uri.parameters().names()).containsExactly("transport", "lr", "lr", "x", "maddr");
        assertThat(uri.transport()).hasValue("tcp");
        assertThat(uri.isLooseRouter()).isTrue();
        assertThat(uri.maddr()).hasValue(Host.parse("192.0.2.1"));
        assertThat(uri.headers().names()).containsExactly("h");
        assertThat(uri)
                .isEqualTo(SipUri.parse("sip:a@b.example.com;lr;transport=TCP;%6C%72;x=%41;maddr=192.0.2.1?h=1"));
        assertThat(uri.toBuilder().looseRouter(false).build().parameters().names())
                .containsExactly("transport", "x", "maddr");
        assertThat(SipUri.parse("sip:a@b").parameters()).isSameAs(Parameters.EMPTY);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sip:a@b;ttl=300", "sip:a@b;=x", "sip:a@b;transport=", "sip:a@b;user=a b",
        "sip:a@b;maddr=-x", "sip:a@b;lr;;x", "sip:a@b;method=\"x\""})
    void refusesBadParametersWhenParsing(String uri) {
        assertThatThrownBy(() -> SipUri.parse(uri)).isInstanceOf(SipParseException.class);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sip:a@b.example.com", "SIPS:[2001:db8::1]:5061;lr?h=1&i=2", "sip:b;maddr=192.0.2.1",
        "tel:+1-201-555-0123", "http://example.com/x", "sip:a@[::1", "sip:a@b?h=1&", "sip:a@b;x=", "sip:", "<sip:a@b",
        "sip:a b@c", "1sip:a@b"})
    void parsesARangeAsItParsesTheSameText(String text) {
        for (String[] around : new String[][] {{"", ""}, {"<", ">"}, {"x]&;", "]&;?=y"}}) {
            String s = around[0] + text + around[1];
            int from = around[0].length();
            Object whole = outcome(() -> Uri.parse(text));
            Object ranged = outcome(() -> Uri.parse(s, from, from + text.length()));
            assertThat(ranged).as(s).isEqualTo(whole);
        }
    }

    /** The URI's text, class, host and parameters, or the reason it was refused. */
    private static Object outcome(Supplier<Uri> parse) {
        try {
            Uri uri = parse.get();
            return uri instanceof SipUri sip
                    ? List.of(sip.toString(), sip.host(), sip.parameters(), sip.headers(), sip.port(), sip.isSecure())
                    : List.of(uri.getClass(), uri.toString());
        } catch (SipParseException e) {
            return e.reason();
        }
    }

    static Stream<String> corpus() {
        return Stream.concat(
                TortureCorpus.names(TortureCorpus.RFC4475, 49).stream().map(n -> TortureCorpus.RFC4475 + "/" + n),
                TortureCorpus.names(TortureCorpus.RFC5118_WIRE, 12).stream()
                        .map(n -> TortureCorpus.RFC5118_WIRE + "/" + n));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void buildsTheSameHostsAsAnEagerParseOverTheTortureCorpora(String file) {
        int slash = file.lastIndexOf('/');
        SipMessage m;
        try {
            m = SipParser.parse(TortureCorpus.bytes(file.substring(0, slash), file.substring(slash + 1)));
        } catch (SipParseException e) {
            return;
        }
        List<Uri> uris = new ArrayList<>();
        tryAdd(uris, () -> List.of(((SipRequest) m).requestUri()));
        tryAdd(uris, () -> List.of(m.from().uri()));
        tryAdd(uris, () -> List.of(m.to().uri()));
        tryAdd(uris, () -> m.routes().stream().map(Address::uri).toList());
        tryAdd(uris, () -> m.contacts().stream().flatMap(c -> c.address().stream()).map(Address::uri).toList());
        for (Uri uri : uris) {
            if (uri instanceof SipUri sip) {
                Host eager = Host.of(sip.host().toString());
                assertThat(sip.host()).isEqualTo(eager);
                assertThat(sip.host().kind()).isEqualTo(eager.kind());
                assertThat(sip.host().text()).isEqualTo(eager.text());
                assertThat(sip.toString()).contains(eager.toString());
                assertThat(sip.parameters()).isSameAs(sip.parameters());
                if (sip.toString().indexOf('%') < 0) {
                    assertThat(sip.toString()).contains(sip.parameters().toString());
                }
            }
        }
    }

    private static void tryAdd(List<Uri> uris, Supplier<List<Uri>> read) {
        try {
            uris.addAll(read.get());
        } catch (SipParseException | ClassCastException e) {
            // Not every torture message has every header, or a valid one.
        }
    }
}
