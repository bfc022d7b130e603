package org.parley.message.header;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.parley.message.header.ParseErrors.assertBad;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.parley.message.SipParseException;

class EventTest {

    @Test
    void parsesPackageTemplatesAndId() {
        Event e = Event.parse("presence.winfo.x ; id = 7 ; other=\"v\"");

        assertThat(e.type()).isEqualTo("presence.winfo.x");
        assertThat(e.eventPackage()).isEqualTo("presence");
        assertThat(e.templates()).containsExactly("winfo", "x");
        assertThat(e.id()).contains("7");
        assertThat(e).hasToString("presence.winfo.x;id=7;other=\"v\"");
    }

    @Test
    void parsesABarePackage() {
        Event e = Event.parse("dialog");

        assertThat(e).isEqualTo(Event.of("dialog"));
        assertThat(e.templates()).isEmpty();
        assertThat(e.id()).isEmpty();
        assertThat(e).hasToString("dialog");
    }

    @Test
    void matchesByTypeAndIdOnly() {
        // RFC 6665 §8.2.1: "foo;id=1234" matches "foo;param=abcd;id=1234" but not "Foo;id=1234".
        Event e = Event.parse("foo; id=1234");

        assertThat(e.matches(Event.parse("foo;param=abcd;id=1234"))).isTrue();
        assertThat(e.matches(Event.parse("Foo;id=1234"))).isFalse();
        assertThat(e.matches(Event.parse("foo"))).isFalse();
        assertThat(Event.of("foo").matches(Event.parse("foo;x=1"))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {".presence", "presence.", "presence..winfo"})
    void rejectsEmptyDotSeparatedParts(String element) {
        assertBad(() -> Event.parse(element), "Event", "bad event type");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "presence;", "presence;;id=1", "presence x", "presence;id=\"7\"", "presence;id",
        "pres/ence"})
    void rejectsMalformedEvents(String element) {
        assertThatThrownBy(() -> Event.parse(element)).isInstanceOfSatisfying(SipParseException.class,
                e -> assertThat(e.reasonPhrase()).startsWith("Bad Event - "));
    }

    @Test
    void refusesABadTypeOrId() {
        assertThatThrownBy(() -> Event.of("a..b")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"a..b\"");
        assertThatThrownBy(() -> Event.of("refer").withId("a b")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Event id must be a token, was \"a b\"");
    }

    @Test
    void setsAnIdThatParsesBack() {
        Event e = Event.of("refer").withId("93809824");

        assertThat(e).hasToString("refer;id=93809824");
        assertThat(Event.parse(e.toString())).isEqualTo(e);
    }
}
