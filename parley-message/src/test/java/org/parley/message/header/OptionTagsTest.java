package org.parley.message.header;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.parley.message.header.ParseErrors.assertBad;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.parley.message.HeaderValues;
import org.parley.message.SipParseException;

class OptionTagsTest {

    @Test
    void parsesEachElementAsOneTag() {
        // RFC 4475 §3.3.5 bext01
        List<String> tags = HeaderValues.split("Require", "nothingSupportsThis, nothingSupportsThisEither")
                .stream().map(e -> OptionTags.parse("Require", e)).toList();

        assertThat(tags).containsExactly("nothingSupportsThis", "nothingSupportsThisEither");
        assertThat(OptionTags.parse("Supported", " 100rel ")).isEqualTo(OptionTags.REL_100);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a b", "a;b", "a/b", "\"a\""})
    void rejectsAnElementThatIsNotOneTokenNamingTheHeader(String element) {
        assertThatThrownBy(() -> OptionTags.parse("Proxy-Require", element))
                .isInstanceOfSatisfying(SipParseException.class,
                    e -> assertThat(e.reasonPhrase()).startsWith("Bad Proxy-Require - "));
    }

    @Test
    void formatsAListAndRefusesNonTokens() {
        assertThat(OptionTags.format(List.of(OptionTags.TIMER, OptionTags.REL_100))).isEqualTo("timer, 100rel");
        assertThatThrownBy(() -> OptionTags.format(List.of("a b"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("option tag must be a token, was \"a b\"");
    }

    @Test
    void roundTripsAList() {
        String formatted = OptionTags.format(List.of("path", "gruu", "outbound"));

        assertThat(HeaderValues.split("Supported", formatted).stream().map(e -> OptionTags.parse("Supported", e)))
                .containsExactly("path", "gruu", "outbound");
    }

    @Test
    void rejectsAnEmptyElementOfAList() {
        String empty = HeaderValues.split("Require", "timer,,100rel").get(1);

        assertBad(() -> OptionTags.parse("Require", empty), "Require", "expected option tag");
    }
}
