package org.parley.message.uri;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.parley.message.uri.UriEscapes.Component;

class UriEscapesTest {

    @Test
    void decodesOneLevelOnly() {
        assertThat(UriEscapes.decode("v%61lue%25%34%31")).isEqualTo("value%41");
    }

    @Test
    void decodesEscapedUtf8() {
        assertThat(UriEscapes.decode("J%C3%BCrgen%20M")).isEqualTo("J\u00fcrgen M");
    }

    @Test
    void keepsEscapedNulAndWhatFollows() {
        assertThat(UriEscapes.decode("a%00b")).isEqualTo("a\u0000b").hasSize(3);
    }

    @Test
    void returnsTextWithoutEscapesUnchanged() {
        String text = "alice";

        assertThat(UriEscapes.decode(text)).isSameAs(text);
        assertThat(UriEscapes.encode(text, Component.USER)).isSameAs(text);
    }

    @Test
    void refusesMalformedEscapes() {
        assertThatThrownBy(() -> UriEscapes.decode("%G1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("%G1");
        assertThatThrownBy(() -> UriEscapes.decode("ab%4")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void escapesWhatEachComponentMayNotCarry() {
        assertThat(UriEscapes.encode("bob smith;x=1?", Component.USER)).isEqualTo("bob%20smith;x=1?");
        assertThat(UriEscapes.encode("a;b:c@d", Component.PASSWORD)).isEqualTo("a%3Bb%3Ac%40d");
        assertThat(UriEscapes.encode("a=b;c[1]:/", Component.PARAMETER)).isEqualTo("a%3Db%3Bc[1]:/");
        assertThat(UriEscapes.encode("sip:bob@biloxi.com?x&y", Component.HEADER))
                .isEqualTo("sip:bob%40biloxi.com?x%26y");
        assertThat(UriEscapes.encode("100%", Component.USER)).isEqualTo("100%25");
        assertThat(UriEscapes.encode("J\u00fcrgen", Component.USER)).isEqualTo("J%C3%BCrgen");
    }

    @Test
    void encodingThenDecodingGivesBackTheText() {
        String raw = "Zo\u00eb & \"friends\" <50%> \u2603";

        for (Component c : Component.values()) {
            String encoded = UriEscapes.encode(raw, c);
            assertThat(UriEscapes.isValid(encoded, c)).as(c.name()).isTrue();
            assertThat(UriEscapes.decode(encoded)).as(c.name()).isEqualTo(raw);
        }
    }

    @Test
    void tellsValidFromInvalidComponents() {
        assertThat(UriEscapes.isValid("alice;p=1", Component.USER)).isTrue();
        assertThat(UriEscapes.isValid("alice@", Component.USER)).isFalse();
        assertThat(UriEscapes.isValid("a%2", Component.HEADER)).isFalse();
    }

    @Test
    void normalizesOnlyUnreservedEscapesForComparison() {
        assertThat(UriEscapes.normalize("%61lice")).isEqualTo("alice");
        assertThat(UriEscapes.normalize("a%3bb")).isEqualTo("a%3Bb");
        assertThat(UriEscapes.normalize("a%25b")).isEqualTo("a%25b");
    }
}
