package org.parley.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Inputs built to exhaust memory, time or stack: each is refused with a {@link SipParseException}
 * after a bounded amount of work, or parsed when it is within the bounds (STYLE.md §5). The timeout
 * only turns a hang into a failure; nothing here measures speed.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HostileInputTest {
    private static final int MAX = ParserConfig.DEFAULT_MAX_MESSAGE_BYTES;
    private static final byte[] START = "OPTIONS sip:a@b SIP/2.0\r\n".getBytes(StandardCharsets.US_ASCII);

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void refusesATenMegabyteDatagramWith513BeforeLookingAtItsBytes() {
        byte[] datagram = new byte[10 * 1024 * 1024];
        Arrays.fill(datagram, (byte) 'a');
        System.arraycopy(START, 0, datagram, 0, START.length);
        SipParseException e = catchThrowableOfType(SipParseException.class, () -> SipParser.parse(datagram));
        assertThat(e.statusCode()).isEqualTo(StatusCode.MESSAGE_TOO_LARGE);
        assertThat(e.offset()).isZero();
        assertThat(e.reason()).contains("10485760 bytes", "limit of " + MAX);
    }

    @Test
    void refusesAContentLengthOfTenMegabytesWith413() {
        byte[] datagram = ascii("OPTIONS sip:a@b SIP/2.0\r\nContent-Length: 10485760\r\n\r\nshort");
        SipParseException e = catchThrowableOfType(SipParseException.class, () -> SipParser.parse(datagram));
        assertThat(e.statusCode()).isEqualTo(StatusCode.REQUEST_ENTITY_TOO_LARGE);
    }

    @Test
    void refusesAHundredThousandHeaderLinesAtTheHeaderCountBound() {
        String text = "OPTIONS sip:a@b SIP/2.0\r\n" + "X:a\r\n".repeat(100_000) + "\r\n";
        byte[] datagram = ascii(text);
        // The size bound alone refuses it with the default configuration...
        assertThatThrownBy(() -> SipParser.parse(datagram)).isInstanceOfSatisfying(SipParseException.class,
                e -> assertThat(e.statusCode()).isEqualTo(StatusCode.MESSAGE_TOO_LARGE));
        // ...and with room for 16 MiB the header count bound stops it at line 257, not line 100,000.
        SipParser roomy = new SipParser(new ParserConfig(16 * 1024 * 1024, ParserConfig.DEFAULT_MAX_HEADER_COUNT));
        SipParseException e = catchThrowableOfType(SipParseException.class, () -> roomy.parseDatagram(datagram));
        assertThat(e.statusCode()).isEqualTo(StatusCode.BAD_REQUEST);
        assertThat(e.reason()).contains("more than 256 header lines");
        assertThat(e.offset()).isEqualTo(START.length + 256 * "X:a\r\n".length());
    }

    @Test
    void parsesAHeaderLineOfSixtyKilobytes() {
        String value = "v".repeat(60 * 1024);
        byte[] wire = ascii("OPTIONS sip:a@b SIP/2.0\r\nX-Long: " + value + "\r\nContent-Length: 0\r\n\r\n");
        SipMessage m = SipParser.parse(wire);
        assertThat(m.header("X-Long")).hasValueSatisfying(v -> assertThat(v).isEqualTo(value));
        assertThat(m.toBytes()).isEqualTo(wire);

        StreamFramer framer = new StreamFramer(ParserConfig.DEFAULT);
        framer.feed(wire);
        assertThat(framer.next()).hasValueSatisfying(
                f -> assertThat(((Frame.Message) f).message().header("x-long")).contains(value));
    }

    @Test
    void refusesAMegabyteStreamWithoutAnEmptyLineOnceItPassesTheBound() {
        byte[] piece = new byte[1024];
        byte[] line = ascii("X-Pad: " + "p".repeat(1015) + "\r\n");
        assertThat(line).hasSize(piece.length);
        StreamFramer framer = new StreamFramer(ParserConfig.DEFAULT);
        SipParseException refusal = null;
        int fed = 0;
        for (int i = 0; i < 1024 && refusal == null; i++) {
            byte[] chunk = i == 0 ? withStartLine(line) : line;
            try {
                framer.feed(chunk);
                fed += chunk.length;
                assertThat(framer.buffered()).isLessThanOrEqualTo(MAX + chunk.length);
                assertThat(framer.next()).isEmpty();
            } catch (SipParseException e) {
                refusal = e;
            }
        }
        assertThat(refusal).isNotNull();
        assertThat(refusal.statusCode()).isEqualTo(StatusCode.MESSAGE_TOO_LARGE);
        assertThat(fed).isBetween(MAX, MAX + 2 * piece.length);
        assertThat(framer.isBroken()).isTrue();
        assertThat(framer.buffered()).isLessThanOrEqualTo(MAX + piece.length);
        assertThatThrownBy(() -> framer.feed(line)).isSameAs(refusal);
        assertThatThrownBy(framer::next).isSameAs(refusal);
    }

    private static byte[] withStartLine(byte[] line) {
        byte[] first = Arrays.copyOf(START, line.length);
        System.arraycopy(line, 0, first, START.length, line.length - START.length);
        first[first.length - 2] = '\r';
        first[first.length - 1] = '\n';
        return first;
    }

    @Test
    void refusesTenThousandNestedAngleBracketsWithoutRecursing() {
        String nested = "<".repeat(10_000) + "sip:p@example.com;lr";
        assertThatThrownBy(() -> HeaderValues.split("Route", nested)).isInstanceOf(SipParseException.class)
                .hasMessageContaining("Route").hasMessageContaining("'<'");
        SipMessage m = SipParser.parse(ascii("OPTIONS sip:a@b SIP/2.0\r\nRoute: " + nested + "\r\nl: 0\r\n\r\n"));
        assertThatThrownBy(() -> m.headerValues(HeaderName.ROUTE)).isInstanceOf(SipParseException.class);

        String balanced = "<".repeat(10_000) + "sip:p@example.com;lr" + ">".repeat(10_000);
        assertThat(HeaderValues.split("Route", balanced + ", " + balanced)).containsExactly(balanced, balanced);
    }

    @Test
    void refusesTenThousandOpenQuotesWithoutRecursing() {
        String quotes = "\"\\".repeat(10_000) + "\"";
        assertThatThrownBy(() -> HeaderValues.split("Contact", quotes)).isInstanceOf(SipParseException.class)
                .hasMessageContaining("unterminated quoted string");
    }
}
