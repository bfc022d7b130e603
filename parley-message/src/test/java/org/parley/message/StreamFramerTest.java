package org.parley.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StreamFramerTest {
    private static final byte[] ONE = Messages.crlf(Messages.INVITE);
    private static final byte[] TWO = Messages.crlf("SIP/2.0 200 OK\nCall-ID: x\nl: 2\n\nhi");

    private static List<Frame> drain(StreamFramer f) {
        List<Frame> out = new ArrayList<>();
        for (Optional<Frame> n = f.next(); n.isPresent(); n = f.next()) {
            out.add(n.get());
        }
        return out;
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int o = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, o, p.length);
            o += p.length;
        }
        return out;
    }

    @Test
    void framesPipelinedMessagesSplitAtEveryByteBoundary() {
        byte[] stream = concat(ONE, "\r\n\r\n".getBytes(), TWO, ONE);
        for (int cut = 0; cut <= stream.length; cut++) {
            StreamFramer f = new StreamFramer(ParserConfig.DEFAULT);
            List<Frame> frames = new ArrayList<>();
            f.feed(Arrays.copyOfRange(stream, 0, cut));
            frames.addAll(drain(f));
            f.feed(Arrays.copyOfRange(stream, cut, stream.length));
            frames.addAll(drain(f));
            List<Frame> messages = frames.stream().filter(fr -> fr instanceof Frame.Message).toList();
            List<Frame> keepAlives = frames.stream().filter(fr -> !(fr instanceof Frame.Message)).toList();
            assertThat(messages).as("cut at %d", cut).hasSize(3);
            assertThat(((Frame.Message) messages.get(0)).message().toBytes()).isEqualTo(ONE);
            assertThat(((Frame.Message) messages.get(1)).message().bodyText()).isEqualTo("hi");
            // RFC 5626 §3.5.1: a ping is a ping wherever the reads cut it, its middle included.
            assertThat(keepAlives).as("cut at %d", cut).isEqualTo(List.of(Frame.PING));
            assertThat(f.buffered()).isZero();
        }
    }

    @Test
    void framesOneByteAtATime() {
        byte[] stream = concat(TWO, ONE);
        StreamFramer f = new StreamFramer(ParserConfig.DEFAULT);
        List<Frame> frames = new ArrayList<>();
        for (byte b : stream) {
            f.feed(new byte[] {b});
            frames.addAll(drain(f));
        }
        assertThat(frames).hasSize(2).allMatch(fr -> fr instanceof Frame.Message);
    }

    @Test
    void reportsALoneCrlfAsThePongOfAPingThisSideSent() {
        StreamFramer f = new StreamFramer(ParserConfig.DEFAULT);
        f.awaitPong();
        f.feed("\r\n".getBytes());
        assertThat(drain(f)).containsExactly(Frame.PONG);
        // The pong was the only one awaited: a second lone CRLF may start a ping, and is held.
        f.feed("\r\n".getBytes());
        assertThat(drain(f)).isEmpty();
        f.feed("\r\n".getBytes());
        assertThat(drain(f)).containsExactly(Frame.PING);
    }

    @Test
    void holdsALoneCrlfThatNoPingAwaitsUntilTheNextBytesSayWhatItIs() {
        StreamFramer f = new StreamFramer(ParserConfig.DEFAULT);
        f.feed("\r\n".getBytes());
        assertThat(drain(f)).isEmpty();
        assertThat(f.buffered()).isEqualTo(2);
        f.feed(ONE);
        // RFC 3261 §7.5: an empty line before the start line is skipped (reported as a pong).
        assertThat(drain(f)).hasSize(2).first().isEqualTo(Frame.PONG);
        assertThat(f.buffered()).isZero();
    }

    @Test
    void treatsAMissingContentLengthAsAnEmptyBody() {
        StreamFramer f = new StreamFramer(ParserConfig.DEFAULT);
        f.feed(Messages.crlf("OPTIONS sip:a@b SIP/2.0\nCall-ID: x\n\nSIP/2.0 200 OK\nl: 0\n\n"));
        assertThat(drain(f)).hasSize(2);
    }

    @Test
    void breaksTheStreamOnANegativeContentLength() {
        StreamFramer f = new StreamFramer(ParserConfig.DEFAULT);
        f.feed(Messages.crlf("OPTIONS sip:a@b SIP/2.0\nContent-Length: -999\n\n"));
        assertThatThrownBy(f::next).isInstanceOf(SipParseException.class).hasMessageContaining("Content-Length");
        assertThat(f.isBroken()).isTrue();
        assertThatThrownBy(() -> f.feed(ONE)).isInstanceOf(SipParseException.class);
    }

    @Test
    void refusesAHeaderSectionLargerThanTheBound() {
        StreamFramer f = new StreamFramer(new ParserConfig(1024, 64));
        f.feed(Messages.crlf("OPTIONS sip:a@b SIP/2.0\nX-Pad: " + "a".repeat(2000)));
        assertThatThrownBy(f::next).isInstanceOfSatisfying(SipParseException.class,
                e -> assertThat(e.statusCode()).isEqualTo(513));
    }

    @Test
    void refusesAContentLengthBeyondTheBoundBeforeReadingTheBody() {
        StreamFramer f = new StreamFramer(new ParserConfig(1024, 64));
        f.feed(Messages.crlf("OPTIONS sip:a@b SIP/2.0\nContent-Length: 999999999999\n\n"));
        assertThatThrownBy(f::next).isInstanceOf(SipParseException.class).hasMessageContaining("exceeds");
    }

    @Test
    void skipsAMessageThatFramesButDoesNotParse() {
        StreamFramer f = new StreamFramer(ParserConfig.DEFAULT);
        f.feed(concat(Messages.crlf("BAD LINE\nl: 0\n\n"), TWO));
        assertThatThrownBy(f::next).isInstanceOf(SipParseException.class);
        assertThat(f.rejectedMessage()).hasValueSatisfying(b -> assertThat(new String(b, StandardCharsets.US_ASCII))
                .startsWith("BAD LINE\r\n"));
        assertThat(drain(f)).hasSize(1);
        assertThat(f.rejectedMessage()).isEmpty();
        assertThat(f.isBroken()).isFalse();
    }

    @Test
    void readsAContentLengthWhoseValueIsFoldedOntoTheNextLine() {
        // RFC 3261 §7.3.1 allows the fold; found by MessageRoundTripPropertyTest.
        byte[] folded = Messages.crlf("OPTIONS sip:a@b SIP/2.0\nContent-Length:\n  \t2\nCall-ID: x\n\nhi");
        StreamFramer f = new StreamFramer(ParserConfig.DEFAULT);
        f.feed(concat(folded, TWO));
        List<Frame> frames = drain(f);
        assertThat(frames).hasSize(2);
        assertThat(((Frame.Message) frames.get(0)).message().bodyText()).isEqualTo("hi");
        assertThat(((Frame.Message) frames.get(0)).message().toBytes()).isEqualTo(folded);
        assertThat(f.buffered()).isZero();
    }

    @Test
    void breaksTheStreamOnAContentLengthFoldedInsideItsDigits() {
        StreamFramer f = new StreamFramer(ParserConfig.DEFAULT);
        f.feed(Messages.crlf("OPTIONS sip:a@b SIP/2.0\nContent-Length: 1\n 2\n\n"));
        assertThatThrownBy(f::next).isInstanceOf(SipParseException.class).hasMessageContaining("Content-Length");
        assertThat(f.isBroken()).isTrue();
    }
}
