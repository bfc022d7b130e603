package org.parley.message;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * Cuts a byte stream (TCP, TLS) into SIP messages by Content-Length (RFC 3261 §18.3): feed it bytes
 * as they arrive, in pieces of any size, and take the frames it has completed.
 *
 * <p>Between messages it recognises keep-alives (RFC 5626 §3.5.1): CRLFCRLF is a {@link Frame.Ping};
 * a lone CRLF is the {@link Frame.Pong} when this side sent a ping ({@link #awaitPong()}), and
 * otherwise either waits for the next bytes (it may be the first half of a ping split across two
 * reads) or, followed by a message, is the empty line RFC 3261 §7.5 says to skip, reported as a pong.
 *
 * <p>Bounds: the bytes it holds never exceed {@link ParserConfig#maxMessageBytes()} plus one read;
 * a header section or a message larger than that is refused. Every framing error (no header end
 * within the bound, a Content-Length that is not a number or conflicts, a message over the bound)
 * leaves the stream unusable, since the next message's start can no longer be found: the framer
 * throws the same exception again on every later call, and the connection should be closed. A
 * message that frames but does not parse (a bad start line, say) is thrown once and skipped: the
 * stream continues with the next message.
 *
 * <p>Not thread-safe: one framer belongs to one connection and is used by its event loop.
 */
public final class StreamFramer {
    private final SipParser parser;
    private final int max;
    private byte[] buf = new byte[4096];
    private int read;
    private int write;
    /** Where the search for the end of the header section resumes, so no byte is scanned twice. */
    private int scanned;
    private SipParseException broken;
    private byte[] rejected;
    private boolean pongAwaited;

    /** A framer with these bounds. */
    public StreamFramer(ParserConfig config) {
        this.parser = new SipParser(config);
        this.max = config.maxMessageBytes();
    }

    /**
     * Appends bytes that arrived on the stream. Call {@link #next()} until it is empty after each
     * feed: a framer already holding more than the message bound refuses further bytes.
     */
    public void feed(byte[] bytes, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        if (broken != null) {
            throw broken;
        }
        if (write - read > max) {
            // The caller did not drain complete frames with next(); holding more would be unbounded.
            throw fail(new SipParseException("more than " + max + " bytes buffered without a complete message",
                    read, StatusCode.MESSAGE_TOO_LARGE, "Message Too Large"));
        }
        compactFor(length);
        System.arraycopy(bytes, offset, buf, write, length);
        write += length;
    }

    /** Appends bytes that arrived on the stream. */
    public void feed(byte[] bytes) {
        feed(bytes, 0, bytes.length);
    }

    /**
     * Says that this side just sent a ping on the stream (RFC 5626 §4.4.1), so the next lone CRLF is
     * its pong; without it a lone CRLF at the end of the bytes is held as the possible start of a ping.
     */
    public void awaitPong() {
        pongAwaited = true;
    }

    /** How many bytes are held that are not yet part of a returned frame. */
    public int buffered() {
        return write - read;
    }

    /**
     * The bytes of the message that the last {@link #next()} framed but could not parse, so that a
     * server can answer it (RFC 3261 §8.2.6.2 copies the request's headers); empty otherwise.
     */
    public Optional<byte[]> rejectedMessage() {
        return Optional.ofNullable(rejected == null ? null : rejected.clone());
    }

    /** True after a framing error: the connection should be closed. */
    public boolean isBroken() {
        return broken != null;
    }

    /**
     * The next complete frame, or empty when more bytes are needed.
     *
     * @throws SipParseException for a message that cannot be framed or parsed (see the class comment)
     */
    public Optional<Frame> next() {
        if (broken != null) {
            throw broken;
        }
        Frame keepAlive = keepAlive();
        if (keepAlive != null) {
            return Optional.of(keepAlive);
        }
        if (read == write) {
            return Optional.empty();
        }
        int headerEnd = headerEnd();
        if (headerEnd < 0) {
            if (write - read > max) {
                throw fail(new SipParseException("header section exceeds " + max + " bytes", read,
                        StatusCode.MESSAGE_TOO_LARGE, "Message Too Large"));
            }
            return Optional.empty();
        }
        long length = contentLength(headerEnd);
        long total = headerEnd - read + length;
        if (total > max) {
            throw fail(new SipParseException("message of " + total + " bytes exceeds the limit of " + max, read,
                    StatusCode.MESSAGE_TOO_LARGE, "Message Too Large"));
        }
        if (write - read < total) {
            return Optional.empty();
        }
        int from = read;
        read += (int) total;
        scanned = read;
        byte[] message = Arrays.copyOfRange(buf, from, from + (int) total);
        rejected = null;
        try {
            return Optional.of(new Frame.Message(parser.parseFramed(message, 0, message.length)));
        } catch (SipParseException e) {
            rejected = message;
            throw e;
        }
    }

    private Frame keepAlive() {
        while (read < write && buf[read] == '\n') {
            // A bare LF between messages is skipped like the CRLF of RFC 3261 §7.5.
            read++;
            scanned = Math.max(scanned, read);
        }
        int n = write - read;
        boolean crlf = n >= 2 && buf[read] == '\r' && buf[read + 1] == '\n';
        if (crlf && pongAwaited) {
            // RFC 5626 §4.4.1: the peer answers our ping with one CRLF.
            pongAwaited = false;
            read += 2;
            scanned = read;
            return Frame.PONG;
        }
        if (n >= 4 && crlf && buf[read + 2] == '\r' && buf[read + 3] == '\n') {
            read += 4;
            scanned = read;
            return Frame.PING;
        }
        if (crlf && n >= 3 && buf[read + 2] != '\r') {
            // RFC 3261 §7.5: an empty line before a message is skipped.
            read += 2;
            scanned = read;
            return Frame.PONG;
        }
        return null;
    }

    /** Index just past the empty line that ends the header section, or -1. */
    private int headerEnd() {
        int i = Math.max(read, scanned - 3);
        for (; i < write; i++) {
            if (buf[i] != '\n') {
                continue;
            }
            if (i + 1 < write && buf[i + 1] == '\n') {
                return i + 2;
            }
            if (i + 2 < write && buf[i + 1] == '\r' && buf[i + 2] == '\n') {
                return i + 3;
            }
        }
        scanned = write;
        return -1;
    }

    /** The Content-Length of the header section {@code [read, headerEnd)}; 0 when absent (§18.3). */
    private long contentLength(int headerEnd) {
        int[] index = new int[SipMessage.SLOTS];
        long found = -1;
        int p = SipParser.indexOfLf(buf, read, headerEnd) + 1;
        while (p > 0 && p < headerEnd) {
            int lf = SipParser.indexOfLf(buf, p, headerEnd);
            if (isLengthName(p, lf)) {
                int colon = p;
                while (buf[colon] != ':') {
                    colon++;
                }
                // RFC 3261 §7.3.1: the value may go on over folded lines ("Content-Length:" CRLF SP "5"),
                // as the parser reads it; a line in the header section that starts with WSP ends with LF.
                while (lf + 1 < headerEnd && Syntax.isWsp(buf[lf + 1])) {
                    lf = SipParser.indexOfLf(buf, lf + 1, headerEnd);
                }
                index[0] = p;
                index[1] = colon + 1;
                index[2] = lf;
                while (index[1] < lf && (Syntax.isWsp(buf[index[1]]) || isLineEnd(index[1]))) {
                    index[1]++;
                }
                while (index[2] > index[1] && (Syntax.isWsp(buf[index[2] - 1]) || buf[index[2] - 1] == '\r'
                        || buf[index[2] - 1] == '\n')) {
                    index[2]--;
                }
                index[3] = SipMessage.word(0, HeaderName.CONTENT_LENGTH.id());
                long value;
                try {
                    value = SipParser.contentLength(buf, index, 1);
                } catch (SipParseException e) {
                    // RFC 4475 §3.1.2.3: over a stream a bad length makes framing unrecoverable.
                    throw fail(e);
                }
                if (found >= 0 && found != value) {
                    throw fail(SipParseException.badHeader("Content-Length",
                            "conflicting values " + found + " and " + value));
                }
                found = value;
            }
            p = lf + 1;
        }
        return Math.max(found, 0);
    }

    /** True when {@code buf[i]} is an LF, or a CR before an LF. */
    private boolean isLineEnd(int i) {
        return buf[i] == '\n' || buf[i] == '\r' && i + 1 < write && buf[i + 1] == '\n';
    }

    /** True when the line at {@code p} is a Content-Length line (long or compact name, any case). */
    private boolean isLengthName(int p, int lf) {
        int e = p;
        while (e < lf && Syntax.isTokenChar(buf[e])) {
            e++;
        }
        int c = e;
        while (c < lf && Syntax.isWsp(buf[c])) {
            c++;
        }
        return c < lf && buf[c] == ':' && HeaderName.idOf(buf, p, e) == HeaderName.CONTENT_LENGTH.id();
    }

    private SipParseException fail(SipParseException e) {
        broken = e;
        return e;
    }

    private void compactFor(int more) {
        if (read > 0 && (read == write || write + more > buf.length)) {
            System.arraycopy(buf, read, buf, 0, write - read);
            write -= read;
            scanned -= read;
            read = 0;
        }
        if (write + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, write + more));
        }
    }
}
