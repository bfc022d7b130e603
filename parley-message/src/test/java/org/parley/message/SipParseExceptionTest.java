package org.parley.message;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SipParseExceptionTest {
    @Test
    void makesTheReasonPhraseFitTheGrammarButKeepsTheReason() {
        SipParseException e = SipParseException.badRequest("Request-URI must not be enclosed in \"<>\"", 7);
        assertThat(e.reason()).isEqualTo("Request-URI must not be enclosed in \"<>\"");
        assertThat(e.reasonPhrase()).isEqualTo("Bad Request - Request-URI must not be enclosed in '()'");
        assertThat(e.offset()).isEqualTo(7);
        assertThat(e.statusCode()).isEqualTo(400);
    }

    @Test
    void keepsUtf8AndAllowedPunctuationInTheReasonPhrase() {
        assertThat(Syntax.reasonPhrase("Größe ok; a=b, (c) 100%\u0001\u0085")).isEqualTo("Größe ok; a=b, (c) 100   ");
    }
}
