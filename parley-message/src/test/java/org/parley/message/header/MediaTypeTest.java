package org.parley.message.header;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.parley.message.header.ParseErrors.assertBad;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.parley.message.Parameters;
import org.parley.message.SipParseException;

class MediaTypeTest {

    @Test
    void parsesTypeSubtypeAndParameters() {
        MediaType type = MediaType.parse("text/plain;charset=UTF-8;format=\"flowed\"");

        assertThat(type.type()).isEqualTo("text");
        assertThat(type.subtype()).isEqualTo("plain");
        assertThat(type.parameters().names()).containsExactly("charset", "format");
        assertThat(type.parameter("charset")).contains("UTF-8");
        assertThat(type.parameter("format")).contains("flowed");
        assertThat(type.parameters().get("format")).contains("\"flowed\"");
        assertThat(type).hasToString("text/plain;charset=UTF-8;format=\"flowed\"");
    }

    @Test
    void comparesTypeAndSubtypeIgnoringCase() {
        MediaType type = MediaType.parse("Application/SDP");

        assertThat(type).isEqualTo(MediaType.APPLICATION_SDP).hasSameHashCodeAs(MediaType.APPLICATION_SDP);
        assertThat(type).hasToString("application/sdp");
    }

    @Test
    void acceptsLwsAroundTheSeparators() {
        assertThat(MediaType.parse(" multipart / mixed ; boundary = \"simple boundary\" "))
                .hasToString("multipart/mixed;boundary=\"simple boundary\"");
    }

    @Test
    void parsesAnUnknownTypeAndAcceptRanges() {
        // RFC 4475 §3.3.6 invut and §3.3.15 sdp01
        assertThat(MediaType.parse("application/unknownformat").subtype()).isEqualTo("unknownformat");
        assertThat(MediaType.parse("Accept", "text/nobodyKnowsThis").subtype()).isEqualTo("nobodyknowsthis");
        assertThat(MediaType.parse("Accept", "*/*")).isEqualTo(MediaType.ANY);
        assertThat(MediaType.parse("Accept", "application/*;q=0.5").isWildcard()).isTrue();
    }

    @Test
    void matchesThroughWildcardsOnly() {
        MediaType sdp = MediaType.parse("application/sdp;charset=UTF-8");

        assertThat(MediaType.ANY.matches(sdp)).isTrue();
        assertThat(MediaType.parse("application/*").matches(sdp)).isTrue();
        assertThat(MediaType.APPLICATION_SDP.matches(sdp)).isTrue();
        assertThat(MediaType.parse("text/*").matches(sdp)).isFalse();
        assertThat(MediaType.APPLICATION_PIDF_XML.matches(sdp)).isFalse();
        assertThat(sdp.matches(MediaType.ANY)).isFalse();
    }

    @Test
    void rejectsAStarTypeWithAConcreteSubtype() {
        assertBad(() -> MediaType.parse("Accept", "*/sdp"), "Accept", "media range with type *");
        assertThatThrownBy(() -> MediaType.of("*", "sdp")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"*/sdp\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "application", "application/", "/sdp", "application/sdp;", "application/sdp;;a=b",
        "application/sdp x", "application/sdp;a=\"open", "app lication/sdp", "application/s@dp"})
    void rejectsMalformedMediaTypes(String element) {
        assertThatThrownBy(() -> MediaType.parse(element)).isInstanceOfSatisfying(SipParseException.class,
                e -> assertThat(e.reasonPhrase()).startsWith("Bad Content-Type - "));
    }

    @Test
    void refusesComponentsThatAreNotTokens() {
        assertThatThrownBy(() -> MediaType.of("text plain", "x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("media type must be a token, was \"text plain\"");
    }

    @Test
    void dropsOrReplacesParameters() {
        MediaType type = MediaType.parse("text/plain;charset=UTF-8");

        assertThat(type.withoutParameters()).isEqualTo(MediaType.TEXT_PLAIN);
        assertThat(MediaType.TEXT_PLAIN.withoutParameters()).isSameAs(MediaType.TEXT_PLAIN);
        assertThat(MediaType.TEXT_PLAIN.withParameters(Parameters.builder().add("charset", "UTF-8").build()))
                .isEqualTo(type);
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/sdp", "message/sipfrag;version=2.0", "text/html;charset=\"utf-8\";x",
        "application/pidf+xml", "*/*;q=0.1"})
    void parsesItsOwnOutputBackToAnEqualValue(String element) {
        MediaType type = MediaType.parse(element);

        assertThat(MediaType.parse(type.toString())).isEqualTo(type);
    }
}
