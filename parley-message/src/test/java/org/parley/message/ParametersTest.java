package org.parley.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.parley.message.uri.SipUri;

class ParametersTest {
    @Test
    void keepsABuiltListWhenTheBuilderChangesAfterwards() {
        Parameters.Builder b = Parameters.builder(2).add("a", "1").add("b", null);
        Parameters full = b.build();

        b.set("a", "2");
        Parameters set = b.build();
        b.remove("b");
        Parameters removed = b.build();
        b.add("c", "3");

        assertThat(full).hasToString(";a=1;b");
        assertThat(set).hasToString(";a=2;b");
        assertThat(removed).hasToString(";a=2");
        assertThat(b.build()).hasToString(";a=2;c=3");
    }

    @Test
    void growsPastTheExpectedCount() {
        Parameters p = Parameters.builder(0).add("a", null).add("b", "2").add("c", null).build();
        assertThat(p).hasToString(";a;b=2;c");
        assertThat(p.toBuilder().add("d", "4").build()).hasToString(";a;b=2;c;d=4");
        assertThat(p).hasToString(";a;b=2;c");
    }

    @Test
    void refusesANegativeExpectedCount() {
        assertThatThrownBy(() -> Parameters.builder(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected parameter count must be >= 0, was -1");
    }

    @Test
    void readsUriParametersAndHeadersIntoExactlySizedLists() {
        SipUri uri = SipUri.parse("sip:a@b.example.com;transport=tcp;lr;x=%41?h=1&i=&j=2");
        assertThat(uri.parameters().names()).containsExactly("transport", "lr", "x");
        assertThat(uri.parameters().get("x")).hasValue("%41");
        assertThat(uri.headers().names()).containsExactly("h", "i", "j");
        assertThat(uri.headers().get("i")).hasValue("");
        assertThat(uri.parameters().toBuilder().flag("ob").build()).hasToString(";transport=tcp;lr;x=%41;ob");
    }
}
