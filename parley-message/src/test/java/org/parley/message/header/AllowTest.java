package org.parley.message.header;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.message.header.ParseErrors.assertBad;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.message.HeaderValues;
import org.parley.message.Method;

class AllowTest {

    @Test
    void parsesKnownAndExtensionMethods() {
        List<Method> methods = HeaderValues.split("Allow", "INVITE, ACK ,OPTIONS,NEWMETHOD").stream()
                .map(Allow::parse).toList();

        assertThat(methods).containsExactly(Method.INVITE, Method.ACK, Method.OPTIONS, Method.of("NEWMETHOD"));
        assertThat(methods.get(0)).isSameAs(Method.INVITE);
    }

    @Test
    void rejectsAnElementThatIsNotOneMethod() {
        assertBad(() -> Allow.parse("INVITE ACK"), "Allow", "unexpected 'A'");
        assertBad(() -> Allow.parse(""), "Allow", "expected method");
        assertBad(() -> Allow.parse("IN<VITE"), "Allow", "unexpected '<'");
    }

    @Test
    void formatsMethodsThatParseBack() {
        String formatted = Allow.format(List.of(Method.INVITE, Method.BYE, Method.of("FOO")));

        assertThat(formatted).isEqualTo("INVITE, BYE, FOO");
        assertThat(HeaderValues.split("Allow", formatted).stream().map(Allow::parse))
                .containsExactly(Method.INVITE, Method.BYE, Method.of("FOO"));
    }
}
