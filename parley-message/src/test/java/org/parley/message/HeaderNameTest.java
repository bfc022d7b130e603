package org.parley.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class HeaderNameTest {
    /** Every public HeaderName constant. */
    static List<HeaderName> knownHeaders() throws IllegalAccessException {
        List<HeaderName> out = new ArrayList<>();
        for (Field f : HeaderName.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == HeaderName.class) {
                out.add((HeaderName) f.get(null));
            }
        }
        return out;
    }

    private static int idOf(String name) {
        byte[] line = ("xx" + name + ": value").getBytes(StandardCharsets.UTF_8);
        int from = 2;
        return HeaderName.idOf(line, from, from + name.getBytes(StandardCharsets.UTF_8).length);
    }

    @ParameterizedTest
    @MethodSource("knownHeaders")
    void findsEveryKnownLongNameInAnyCase(HeaderName h) {
        assertThat(idOf(h.name())).isEqualTo(h.id());
        assertThat(idOf(h.name().toLowerCase(Locale.ROOT))).isEqualTo(h.id());
        assertThat(idOf(h.name().toUpperCase(Locale.ROOT))).isEqualTo(h.id());
        assertThat(HeaderName.byId(h.id())).isSameAs(h);
    }

    @ParameterizedTest
    @MethodSource("knownHeaders")
    void findsEveryCompactFormInEitherCase(HeaderName h) {
        if (h.compactForm().isPresent()) {
            char c = h.compactForm().get();
            assertThat(idOf(String.valueOf(c))).isEqualTo(h.id());
            assertThat(idOf(String.valueOf(Character.toUpperCase(c)))).isEqualTo(h.id());
        }
    }

    @ParameterizedTest
    @MethodSource("knownHeaders")
    void refusesNearMissesOfEveryKnownName(HeaderName h) {
        String n = h.name();
        assertThat(idOf(n + "x")).isEqualTo(HeaderName.UNKNOWN_ID);
        assertThat(idOf(n.substring(0, n.length() - 1) + "\u00e9")).isEqualTo(HeaderName.UNKNOWN_ID);
        if (n.length() > 2) {
            assertThat(idOf(n.substring(1))).isEqualTo(HeaderName.UNKNOWN_ID);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"X-Custom", "P-Asserted-Identity", "Call_ID", "Call-ID2", "q", "z", "1", "Vía",
        "Content-Lengtg", "CSEQ ", "Max-Forward"})
    void answersUnknownForOtherNames(String name) {
        assertThat(idOf(name)).isEqualTo(HeaderName.UNKNOWN_ID);
    }

    @Test
    void treatsOnlyLettersCaseInsensitively() {
        // '-' (0x2D) and '\r' (0x0D) differ only in bit 0x20: only letters fold.
        assertThat(idOf("Call-ID")).isEqualTo(HeaderName.CALL_ID.id());
        assertThat(idOf("Call\rID")).isEqualTo(HeaderName.UNKNOWN_ID);
        assertThat(idOf("Max\rForwards")).isEqualTo(HeaderName.UNKNOWN_ID);
    }

    @Test
    void answersUnknownForAnEmptyName() {
        assertThat(HeaderName.idOf(new byte[] {':'}, 0, 0)).isEqualTo(HeaderName.UNKNOWN_ID);
    }

    @Test
    void ofMatchesIdOf() throws IllegalAccessException {
        for (HeaderName h : knownHeaders()) {
            assertThat(HeaderName.of(h.name().toUpperCase(Locale.ROOT))).isSameAs(h);
        }
    }
}
