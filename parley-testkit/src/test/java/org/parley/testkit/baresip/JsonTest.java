package org.parley.testkit.baresip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {
    @Test
    void readsABaresipEventWithANestedObject() {
        Object v = Json.parse("{\"event\":true,\"type\":\"CALL_RTCP\",\"param\":\"audio\","
                + "\"rtcp_stats\":{\"tx\":{\"sent\":0,\"lost\":-1,\"jit\":1.5e2}},\"id\":null,\"list\":[1,\"a\",[]]}");

        assertThat(v).isInstanceOf(Map.class);
        Map<?, ?> m = (Map<?, ?>) v;
        assertThat(m.get("event")).isEqualTo(Boolean.TRUE);
        assertThat(m.get("type")).isEqualTo("CALL_RTCP");
        assertThat(m.get("id")).isSameAs(Json.NULL);
        assertThat(((Map<?, ?>) ((Map<?, ?>) m.get("rtcp_stats")).get("tx")).get("jit"))
                .isEqualTo(new BigDecimal("1.5e2"));
        assertThat(m.get("list")).isEqualTo(List.of(BigDecimal.ONE, "a", List.of()));
    }

    @Test
    void decodesEscapes() {
        assertThat(Json.parse("\"a\\n\\t\\\"\\\\\\/\\u001B[32mOK\\u00e9\"")).isEqualTo("a\n\t\"\\/\u001B[32mOKé");
    }

    @Test
    void quotedStringsReadBackAsThemselves() {
        String s = "dial sip:bob@127.0.0.1;x=\"y\"\\ \n\r\t\u0001é";
        assertThat(Json.parse(Json.quote(s))).isEqualTo(s);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "{\"a\"}", "{\"a\":}", "[1,]", "01", "+1", "1.", "tru", "\"abc", "\"\\x\"",
        "\"\\u12\"", "{\"a\":1 \"b\":2}", "[1 2]", "{a:1}", "1 2", "\"tab\there\""})
    void refusesMalformedJsonWithItsOffset(String text) {
        assertThatThrownBy(() -> Json.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad JSON").hasMessageContaining("offset");
    }

    @Test
    void refusesNestingDeeperThanTheLimit() {
        String deep = "[".repeat(Json.MAX_DEPTH + 2) + "]".repeat(Json.MAX_DEPTH + 2);
        assertThatThrownBy(() -> Json.parse(deep)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nested");
        String ok = "[".repeat(Json.MAX_DEPTH) + "]".repeat(Json.MAX_DEPTH);
        assertThat(Json.parse(ok)).isInstanceOf(List.class);
    }

    static Stream<Long> seeds() {
        return IntStream.range(0, 200).mapToObj(i -> 0x5eed0000L + i);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void anyBytesGiveAValueOrAnIllegalArgumentException(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        String alphabet = "{}[]\":,\\ntrufalse0123456789.-eE u";
        StringBuilder s = new StringBuilder();
        for (int i = random.nextInt(40); i > 0; i--) {
            s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        try {
            Json.parse(s.toString());
        } catch (IllegalArgumentException expected) {
            assertThat(expected).hasMessageContaining("bad JSON");
        }
    }
}
