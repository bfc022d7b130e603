package org.parley.message.header;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.parley.message.SipParseException;

/** Assertions on the 400s this package raises. */
final class ParseErrors {
    private ParseErrors() {
    }

    /** Asserts a 400 whose reason phrase names the header and whose reason contains the problem. */
    static void assertBad(ThrowingCallable parse, String headerName, String problem) {
        assertThatThrownBy(parse)
                .isInstanceOfSatisfying(SipParseException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.reasonPhrase()).startsWith("Bad " + headerName + " - ")
                            .doesNotContain("\r", "\n");
                    assertThat(e.reason()).contains(problem);
                });
    }
}
