package org.parley.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Fuzz targets for the parser and the stream framer: any bytes yield a message or a
 * {@link SipParseException}, nothing else (STYLE.md §5). Beyond that, a message that parses must
 * read back the same from its own bytes, keep a stable canonical form, rebuild through
 * {@code toBuilder()}, and frame over a stream exactly as it parsed as a datagram; a refusal must
 * carry a status and reason phrase a server can answer with; a framer holds at most its bound plus
 * one chunk.
 *
 * <p>In {@code ./mvnw verify} Jazzer runs in regression mode: each target runs once on every seed in
 * {@code src/test/resources/org/parley/message/SipParserFuzzTestInputs/<method name>/} (RFC 4475
 * torture messages and reproducers of past findings) and on the empty input.
 *
 * <p>Real, coverage-guided fuzzing runs on request, one target at a time (Jazzer fuzzes only one per
 * run), for the {@code maxDuration} below; new corpus entries go to
 * {@code parley-message/.cifuzz-corpus/} (ignored by git) and a crashing input is written into the
 * target's seed directory, where it becomes a regression case once renamed to say what it is:
 * <pre>
 * JAZZER_FUZZ=1 ./mvnw -o -pl parley-message test -Dtest='SipParserFuzzTest#parsesAnyDatagramOrRefusesIt'
 * JAZZER_FUZZ=1 ./mvnw -o -pl parley-message test -Dtest='SipParserFuzzTest#framesAnyStreamOrRefusesIt'
 * </pre>
 */
class SipParserFuzzTest {
    /** Small bounds for the framer, so that fuzzed streams reach them. */
    private static final ParserConfig SMALL = new ParserConfig(512, 16);
    private static final SipParser SMALL_PARSER = new SipParser(SMALL);
    private static final int MAX_CHUNK = 600;
    /** More next() calls than one chunk can need: a framer that loops fails instead of hanging. */
    private static final int MAX_FRAMES_PER_FEED = 2 * MAX_CHUNK;

    @FuzzTest(maxDuration = "3m")
    void parsesAnyDatagramOrRefusesIt(byte[] data) {
        parsedOrRefused(() -> SMALL_PARSER.parseDatagram(data));
        SipMessage m = parsedOrRefused(() -> SipParser.parse(data));
        if (m == null) {
            return;
        }
        exerciseEveryAccessor(m);

        SipMessage again = SipParser.parse(m.toBytes());
        assertThat(again.headerFields()).isEqualTo(m.headerFields());
        assertThat(again.body()).isEqualTo(m.body());

        byte[] canonical = m.toCanonicalBytes();
        assertThat(SipParser.parse(canonical).toCanonicalBytes()).isEqualTo(canonical);

        SipMessage rebuilt = m.toBuilder().build();
        assertThat(rebuilt.body()).isEqualTo(m.body());
        exerciseEveryAccessor(rebuilt);
        assertThat(SipParser.parse(rebuilt.toBytes()).body()).isEqualTo(m.body());

        if (m.hasHeader(HeaderName.CONTENT_LENGTH) || !m.hasBody()) {
            // Over a stream the same bytes must frame as the same message (no smuggling between paths).
            StreamFramer framer = new StreamFramer(ParserConfig.DEFAULT);
            framer.feed(m.toBytes());
            Optional<Frame> frame = framer.next();
            assertThat(frame).containsInstanceOf(Frame.Message.class);
            assertThat(((Frame.Message) frame.get()).message().toBytes()).isEqualTo(m.toBytes());
            assertThat(framer.buffered()).isZero();
        }
    }

    @FuzzTest(maxDuration = "3m")
    void framesAnyStreamOrRefusesIt(FuzzedDataProvider data) {
        StreamFramer framer = new StreamFramer(SMALL);
        while (data.remainingBytes() > 0 && !framer.isBroken()) {
            int size = data.consumeInt(1, MAX_CHUNK);
            byte[] chunk = data.consumeBytes(size);
            parsedOrRefused(() -> {
                framer.feed(chunk);
                return chunk;
            });
            for (int i = 0; i < MAX_FRAMES_PER_FEED && !framer.isBroken(); i++) {
                Optional<Frame> next = parsedOrRefused(framer::next);
                if (next != null && next.isEmpty()) {
                    break;
                }
                if (next != null && next.get() instanceof Frame.Message message) {
                    exerciseEveryAccessor(message.message());
                    // A framed message reads the same as a datagram of its bytes.
                    SipMessage datagram = SipParser.parse(message.message().toBytes());
                    assertThat(datagram.headerFields()).isEqualTo(message.message().headerFields());
                    assertThat(datagram.body()).isEqualTo(message.message().body());
                }
                assertThat(i).as("frames after one feed").isLessThan(MAX_FRAMES_PER_FEED - 1);
            }
            assertThat(framer.buffered()).isLessThanOrEqualTo(SMALL.maxMessageBytes() + chunk.length);
        }
        if (framer.isBroken()) {
            // A broken stream stays broken: the connection is to be closed.
            assertThatThrownBy(framer::next).isInstanceOf(SipParseException.class);
            assertThatThrownBy(() -> framer.feed(new byte[] {'x'})).isInstanceOf(SipParseException.class);
        }
    }

    /** The value, or null when the input was refused with a well-formed SipParseException. */
    private static <T> T parsedOrRefused(Supplier<T> action) {
        try {
            return action.get();
        } catch (SipParseException e) {
            assertThat(e.getMessage()).isNotEmpty();
            assertThat(e.statusCode()).isBetween(400, 599);
            assertThat(e.reasonPhrase()).isNotEmpty();
            // A server answers with what the exception suggests (STYLE.md §5): that answer must build.
            SipResponse answer = SipResponse.builder(e.statusCode(), e.reasonPhrase()).build();
            assertThat(SipParser.parse(answer.toBytes()).startLine()).isEqualTo(answer.startLine());
            return null;
        }
    }

    /** Reads everything a message offers; decoding a header value may refuse it, nothing else may fail. */
    private static void exerciseEveryAccessor(SipMessage m) {
        assertThat(m.startLine()).isNotNull();
        if (m instanceof SipRequest r) {
            assertThat(r.method().name()).isNotEmpty();
            assertThat(r.requestUriText()).contains(":");
        } else {
            SipResponse r = (SipResponse) m;
            assertThat(r.statusCode()).isBetween(100, 699);
            assertThat(r.reasonPhrase()).isNotNull();
            assertThat(r.statusClass()).isEqualTo(r.statusCode() / 100);
            assertThat(r.isProvisional()).isEqualTo(r.statusCode() < 200);
        }
        assertThat(m.headerFields()).hasSize(m.headerLineCount());
        for (HeaderName h : KnownHeaders.ALL) {
            assertThat(m.header(h).isPresent()).isEqualTo(m.hasHeader(h));
            assertThat(m.headerLineCount(h) > 0).isEqualTo(m.hasHeader(h));
            parsedOrRefused(() -> m.headerValues(h));
        }
        for (HeaderField f : m.headerFields()) {
            assertThat(m.header(f.name())).isPresent();
            parsedOrRefused(() -> m.headerValues(f.headerName()));
        }
        assertThat(m.body()).hasSize(m.bodyLength());
        assertThat(m.bodyText()).isNotNull();
        assertThat(m.hasBody()).isEqualTo(m.bodyLength() > 0);
        byte[] bytes = m.toBytes();
        assertThat(bytes).hasSize(m.size());
        byte[] copy = new byte[m.size()];
        assertThat(m.copyTo(copy, 0)).isEqualTo(m.size());
        assertThat(copy).isEqualTo(bytes);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            m.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(out.toByteArray()).isEqualTo(bytes);
        assertThat(m.toString()).isNotNull();
        assertThat(m.toCanonicalBytes()).isNotEmpty();
        assertThat(m.toBuilder().build().isRequest()).isEqualTo(m.isRequest());
    }
}
