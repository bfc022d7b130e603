package org.parley.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.parley.message.header.Address;

class TagScannerTest {
    private static SipMessage withFrom(String from) {
        return SipParser.parse(Messages.crlf("OPTIONS sip:a@b SIP/2.0\nFrom: " + from + "\nTo: <sip:b@c>\n\n"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "<sip:a@b>;tag=abc",
        "\"A;tag=no\" <sip:a@b>;tag=yes",
        "<sip:a@b;tag=uri-param>;x=1;tag=header-param",
        "sip:a@b;tag=bare-addr-spec",
        "<sip:a@b> ; TAG = spaced ; other",
        "\"q\\\"uote;tag=x\" <sip:a@b>",
        "<sip:a@b>;tagx=1;xtag=2",
        "<sip:a@b>",
        "Alice Smith <sip:a@b>;tag=_token~1'+`*%!-.",
    })
    void readsTheSameTagAsTheFullParser(String from) {
        SipMessage m = withFrom(from);
        assertThat(m.fromTag()).isEqualTo(Address.parse("From", from).tag());
    }

    @Test
    void leavesValuesItIsUnsureOfToTheFullParser() {
        assertThat(TagScanner.tag(bytes("<sip:a@b;tag=x"), 0, 14)).isSameAs(TagScanner.FULL_PARSE);
        assertThat(TagScanner.tag(bytes("\"open <sip:a@b>;tag=x"), 0, 21)).isSameAs(TagScanner.FULL_PARSE);
        assertThat(TagScanner.tag(bytes("<sip:a@b>;tag"), 0, 13)).isSameAs(TagScanner.FULL_PARSE);
        assertThat(TagScanner.tag(bytes("<sip:a@b>;tag=\"q\""), 0, 17)).isSameAs(TagScanner.FULL_PARSE);
        assertThatThrownBy(() -> withFrom("<sip:a@b>;tag=\"q\"").fromTag()).isInstanceOf(SipParseException.class);
    }

    @Test
    void refusesARepeatedOrMissingFromLikeTheFullParser() {
        SipMessage twice = SipParser.parse(Messages.crlf("OPTIONS sip:a@b SIP/2.0\nf: <sip:a@b>;tag=1\n"
                + "From: <sip:a@b>;tag=2\n\n"));
        assertThatThrownBy(twice::fromTag).isInstanceOf(SipParseException.class).hasMessageContaining("more than once");
        assertThatThrownBy(() -> withFrom("<sip:a@b>").toBuilder().remove(HeaderName.TO).build().toTag())
                .isInstanceOf(SipParseException.class).hasMessageContaining("To: missing");
    }

    static Stream<String> corpus() {
        return Stream.concat(
                TortureCorpus.names(TortureCorpus.RFC4475, 49).stream().map(n -> TortureCorpus.RFC4475 + "/" + n),
                TortureCorpus.names(TortureCorpus.RFC5118_WIRE, 12).stream()
                        .map(n -> TortureCorpus.RFC5118_WIRE + "/" + n));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void agreesWithTheFullParserOnEveryTortureMessage(String file) {
        int slash = file.lastIndexOf('/');
        byte[] bytes = TortureCorpus.bytes(file.substring(0, slash), file.substring(slash + 1));
        SipMessage m;
        try {
            m = SipParser.parse(bytes);
        } catch (SipParseException e) {
            return;
        }
        for (boolean from : List.of(true, false)) {
            Address address;
            try {
                address = from ? m.from() : m.to();
            } catch (SipParseException e) {
                continue;
            }
            SipMessage fresh = SipParser.parse(bytes);
            assertThat(from ? fresh.fromTag() : fresh.toTag()).as(file + (from ? " From" : " To"))
                    .isEqualTo(address.tag());
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
