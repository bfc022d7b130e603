package org.parley.message.header;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.parley.message.header.ParseErrors.assertBad;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.parley.message.Parameters;
import org.parley.message.SipParseException;

class HeaderScannerTest {

    private static HeaderScanner scan(String text) {
        return new HeaderScanner("X-Test", text);
    }

    @Test
    void skipsSpacesTabsAndLineFoldsButNotBareLineBreaks() {
        HeaderScanner s = scan(" \t\r\n  \n\tx\r\ny");

        assertThat(s.skipLws()).isTrue();
        assertThat(s.peek()).isEqualTo('x');
        s.position(s.position() + 1);
        assertThat(s.skipLws()).isFalse();
        assertThat(s.peek()).isEqualTo('\r');
    }

    @Test
    void readsTokensAndKnownWordsWithoutCopying() {
        String[] words = {"UDP"};
        HeaderScanner s = scan("UDP tcp!~");

        assertThat(s.readToken("transport", words)).isSameAs(words[0]);
        s.skipLws();
        assertThat(s.readToken("transport", words)).isEqualTo("tcp!~");
        assertThat(s.atEnd()).isTrue();
    }

    @Test
    void reportsAMissingTokenWithWhatWasFound() {
        assertBad(() -> scan("/x").readToken("method"), "X-Test", "expected method, found '/'");
        assertBad(() -> scan("").readToken("method"), "X-Test", "expected method, found end of value");
    }

    @Test
    void triesASeparatorWithSurroundingWhitespaceAndBacksOffWhenAbsent() {
        HeaderScanner s = scan("a  ;  b");
        s.readToken("a");

        assertThat(s.tryChar('=')).isFalse();
        assertThat(s.position()).isEqualTo(1);
        assertThat(s.tryChar(';')).isTrue();
        assertThat(s.peek()).isEqualTo('b');
    }

    @Test
    void expectsASeparatorOrNamesWhatItFound() {
        HeaderScanner s = scan("a / b c");
        s.readToken("a");
        s.expect('/', "after a");
        s.readToken("b");

        assertBad(() -> s.expect('/', "after b"), "X-Test", "expected '/' after b, found 'c'");
    }

    @Test
    void checksTheEndAfterTrailingWhitespace() {
        HeaderScanner ok = scan("a  \t");
        ok.readToken("a");
        ok.expectEnd();
        HeaderScanner bad = scan("a ,");
        bad.readToken("a");

        assertThat(ok.atEnd()).isTrue();
        assertBad(bad::expectEnd, "X-Test", "unexpected ','");
    }

    @Test
    void readsNumbersWithLeadingZerosUpToALimit() {
        assertThat(scan("0068").readNumber("hops", 255)).isEqualTo(68);
        assertBad(() -> scan("256").readNumber("hops", 255), "X-Test", "hops must be at most 255");
        assertBad(() -> scan("36893488147419103232").readNumber("n", 4294967295L), "X-Test", "at most 4294967295");
        assertBad(() -> scan("-1").readNumber("hops", 255), "X-Test", "expected hops");
    }

    @Test
    void readsAQuotedStringAsWrittenOrAsText() {
        String raw = "\"J Rosenberg \\\\\\\"\"";

        assertThat(scan(raw + " <").readQuotedString()).isEqualTo(raw);
        assertThat(scan(raw).readQuotedText()).isEqualTo("J Rosenberg \\\"");
        assertThat(scan("\"\"").readQuotedText()).isEmpty();
    }

    @Test
    void acceptsUtf8AndEscapedControlCharactersInQuotedStrings() {
        // RFC 4475 §3.1.1.2 intmeth: quoted-pairs carry BEL, NUL and DEL; UTF-8 text is allowed.
        HeaderScanner s = scan("\"BEL:\\\u0007 NUL:\\\u0000 DEL:\\\u007f \u0436\u0446\"");

        assertThat(s.readQuotedText()).isEqualTo("BEL:\u0007 NUL:\u0000 DEL:\u007f \u0436\u0446");
    }

    @Test
    void unfoldsALineFoldInsideAQuotedString() {
        assertThat(scan("\"a\r\n b\"").readQuotedText()).isEqualTo("a b");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"open", "\"open\\\"", "\"ends in backslash\\", "\""})
    void rejectsAnUnterminatedQuotedString(String text) {
        assertBad(() -> scan(text).readQuotedString(), "X-Test", "unterminated quoted string");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"a\u0000b\"", "\"a\rb\"", "\"a\nb\"", "\"a\\\rb\"", "\"a\u007fb\""})
    void rejectsControlCharactersAndLineBreaksInQuotedStrings(String text) {
        assertThatThrownBy(() -> scan(text).readQuotedString())
                .isInstanceOf(SipParseException.class);
    }

    @Test
    void readsGenericParametersKeepingQuotedValuesAsWritten() {
        HeaderScanner s = scan(" ; tag = 1918181833n;lr;x=\"a;b\" ; maddr=[2001:db8::1];NAME=v ,next");

        Parameters p = s.readParameters();

        assertThat(p.names()).containsExactly("tag", "lr", "x", "maddr", "NAME");
        assertThat(p.get("tag")).contains("1918181833n");
        assertThat(p.has("lr")).isTrue();
        assertThat(p.get("lr")).isEmpty();
        assertThat(p.get("x")).contains("\"a;b\"");
        assertThat(p.get("maddr")).contains("[2001:db8::1]");
        assertThat(p.get("name")).contains("v");
        assertThat(s.peek()).isEqualTo(' ');
    }

    @Test
    void returnsTheSharedEmptyParametersWhenThereAreNone() {
        assertThat(scan(" ").readParameters()).isSameAs(Parameters.EMPTY);
    }

    @ParameterizedTest
    @ValueSource(strings = {";;", ";", "; ;a", ";=x", ";a;;b"})
    void rejectsEmptyParameterNames(String text) {
        assertBad(() -> scan(text).readParameters(), "X-Test", "empty parameter name");
    }

    @ParameterizedTest
    @ValueSource(strings = {";a=", ";a= ;b", ";a=[2001:db8::1", ";a=[not-ipv6]", ";a=\"x"})
    void rejectsMissingOrBrokenParameterValues(String text) {
        assertThatThrownBy(() -> scan(text).readParameters())
                .isInstanceOf(SipParseException.class);
    }

    @Test
    void unquotesQuotedValuesAndLeavesOthersAlone() {
        assertThat(HeaderScanner.unquote("\"a \\\"b\\\\ c\"")).isEqualTo("a \"b\\ c");
        assertThat(HeaderScanner.unquote("token")).isEqualTo("token");
        assertThat(HeaderScanner.unquote("\"")).isEqualTo("\"");
        assertThat(HeaderScanner.isQuoted("\"x\"")).isTrue();
        assertThat(HeaderScanner.isQuoted("x")).isFalse();
    }

    @Test
    void quotesTextSoThatItReadsBack() {
        String text = "Quoted \"string\" \\ with\ttab and \u0007 \u00e9";

        String quoted = HeaderScanner.quote(text);

        assertThat(quoted).isEqualTo("\"Quoted \\\"string\\\" \\\\ with\ttab and \\\u0007 \u00e9\"");
        assertThat(scan(quoted).readQuotedText()).isEqualTo(text);
        assertThat(HeaderScanner.unquote(quoted)).isEqualTo(text);
    }

    @Test
    void refusesToQuoteLineBreaks() {
        assertThatThrownBy(() -> HeaderScanner.quote("a\r\nb")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("quoted text must not contain CR or LF, was \"a\\r\\nb\"");
    }

    @Test
    void readsAQuotedDisplayNameAndStopsAtTheAngleBracket() {
        HeaderScanner s = scan("\"Quoted string \\\"\\\"\" <sip:jdrosen@example.com>");

        assertThat(s.readDisplayName()).contains("Quoted string \"\"");
        assertThat(s.peek()).isEqualTo('<');
    }

    @Test
    void readsATokenDisplayNameJoinedBySingleSpaces() {
        // RFC 4475 §3.1.1.2 intmeth From
        HeaderScanner s = scan("token1~` token2'+_ \t token3*%!.- <sip:mundane@example.com>;tag=1");

        assertThat(s.readDisplayName()).contains("token1~` token2'+_ token3*%!.-");
        assertThat(s.peek()).isEqualTo('<');
    }

    @Test
    void readsADisplayNameFollowedDirectlyByTheAngleBracket() {
        // RFC 4475 §3.1.1.6 lwsdisp
        HeaderScanner s = scan("caller<sip:caller@example.com>;tag=323");

        assertThat(s.readDisplayName()).contains("caller");
        assertThat(s.peek()).isEqualTo('<');
    }

    @Test
    void readsAQuotedDisplayNameWithUtf8AndNoSpaceBeforeTheBracket() {
        HeaderScanner s = scan("\"\u00c5sa \u0416\"<sip:a@example.com>");

        assertThat(s.readDisplayName()).contains("\u00c5sa \u0416");
        assertThat(s.peek()).isEqualTo('<');
    }

    @Test
    void answersAnEmptyQuotedDisplayNameAsEmptyText() {
        assertThat(scan("\"\" <sip:a@example.com>").readDisplayName()).contains("");
    }

    @Test
    void findsNoDisplayNameBeforeABracketedAddress() {
        HeaderScanner s = scan("  <sip:a@example.com>");

        assertThat(s.readDisplayName()).isEmpty();
        assertThat(s.peek()).isEqualTo('<');
    }

    @ParameterizedTest
    @ValueSource(strings = {"sip:caller@example.net;tag=134161461246", "Bell, Alexander <sip:a.g.bell@example.com>",
        "tel:+1-201-555-0123", "abc"})
    void findsNoDisplayNameInAnAddrSpecAndRewinds(String value) {
        HeaderScanner s = scan(value);

        assertThat(s.readDisplayName()).isEmpty();
        assertThat(s.position()).isZero();
    }

    @Test
    void rejectsAnUnterminatedQuotedDisplayName() {
        // RFC 4475 §3.1.2.6 quotbal
        assertBad(() -> scan("\"Mr. J. User <sip:j.user@example.com>").readDisplayName(), "X-Test",
                "unterminated quoted string");
    }

    @Test
    void rejectsAQuotedDisplayNameWithoutAddress() {
        assertBad(() -> scan("\"Joe\" sip:joe@example.org").readDisplayName(), "X-Test",
                "expected '<' after display name");
    }

    @Test
    void readsUntilACharacterAndStopsOnIt() {
        HeaderScanner s = scan("<sip:a@example.com;lr>;tag=1");
        s.expect('<', "first");

        assertThat(s.readUntil('>', "'>'")).isEqualTo("sip:a@example.com;lr");
        assertThat(s.peek()).isEqualTo('>');
        assertBad(() -> scan("<sip:a").readUntil('>', "'>' after URI"), "X-Test", "missing '>' after URI");
    }

    @Test
    void scansOnlyItsRange() {
        String line = "Via: SIP/2.0/UDP h;branch=z9hG4bK1\r\n";
        HeaderScanner s = new HeaderScanner("Via", line, 5, line.length() - 2);

        assertThat(s.readToken("protocol")).isEqualTo("SIP");
        s.position(line.indexOf(';'));
        assertThat(s.readParameters().get("branch")).contains("z9hG4bK1");
        assertThat(s.atEnd()).isTrue();
        assertThat(s.end()).isEqualTo(line.length() - 2);
    }

    @Test
    void describesCharactersWithoutEchoingUnsafeOnes() {
        assertThat(HeaderScanner.describe('x')).isEqualTo("'x'");
        assertThat(HeaderScanner.describe('\r')).isEqualTo("character 0x0D");
        assertThat(HeaderScanner.describe(' ')).isEqualTo("character 0x20");
        assertThat(HeaderScanner.describe(-1)).isEqualTo("end of value");
        assertThat(HeaderScanner.describe('\u00e9')).isEqualTo("character 0xE9");
    }
}
