package org.parley.message;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * Parses SIP messages from bytes (RFC 3261 §7 and the §25 grammar).
 *
 * <p>Parsing finds the start line, each header line and the body, and checks what framing needs
 * (the start line, header-line syntax, Content-Length); it decodes no header value. Values are
 * decoded and typed when read from the {@link SipMessage}, and a value that breaks its grammar is
 * reported then, with the same {@link SipParseException}. {@code MessageValidator} forces every
 * known header at once, for elements that want a message checked before they act on it.
 *
 * <p>Tolerated, because RFC 3261 says so or because real peers send it: CRLFs before the start line
 * (§7.5), bare LF line ends, whitespace before the header colon, folded lines (§7.3.1), compact
 * header names, a Status-Line with no reason phrase. Refused with a 400 (or 505, 413, 513) whose
 * reason names the problem: anything else that does not follow the grammar of the start line or of
 * a header line, a missing empty line after the headers, a Content-Length that is not a number,
 * appears twice with different values, or (datagrams) promises more bytes than arrived.
 *
 * <p>Thread-safe: the parser holds only its immutable configuration.
 */
public final class SipParser {
    private static final SipParser DEFAULT = new SipParser(ParserConfig.DEFAULT);
    private static final int INITIAL_HEADERS = 24;
    /** Reads a little-endian long from a byte array at any offset; the first byte is the lowest. */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long EIGHT_LF = 0x0A0A0A0A0A0A0A0AL;
    private static final long EIGHT_ONES = 0x0101010101010101L;
    private static final long EIGHT_HIGH_BITS = 0x8080808080808080L;

    private final ParserConfig config;

    /** A parser with these bounds. */
    public SipParser(ParserConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /** A parser with {@link ParserConfig#DEFAULT}. */
    public static SipParser standard() {
        return DEFAULT;
    }

    /** The bounds this parser enforces. */
    public ParserConfig config() {
        return config;
    }

    /**
     * Parses one datagram (RFC 3261 §18.3): the body ends where Content-Length says, or at the end
     * of the datagram when there is no Content-Length; octets after the end are ignored. The message
     * keeps a reference to {@code datagram}: the caller must not change it afterwards.
     */
    public SipMessage parseDatagram(byte[] datagram) {
        return parseDatagram(datagram, 0, datagram.length);
    }

    /** Parses the datagram in {@code bytes[offset, offset + length)}; see {@link #parseDatagram(byte[])}. */
    public SipMessage parseDatagram(byte[] bytes, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        if (length > config.maxMessageBytes()) {
            throw new SipParseException("message of " + length + " bytes exceeds the limit of "
                    + config.maxMessageBytes(), offset, StatusCode.MESSAGE_TOO_LARGE, "Message Too Large");
        }
        return parse(bytes, offset, offset + length, BodyRule.DATAGRAM);
    }

    /** Parses one datagram with the default bounds. */
    public static SipMessage parse(byte[] datagram) {
        return DEFAULT.parseDatagram(datagram);
    }

    /**
     * Parses exactly one message that a stream framer has delimited: {@code bytes[from, to)} holds
     * the header section and precisely Content-Length bytes of body.
     */
    SipMessage parseFramed(byte[] bytes, int from, int to) {
        return parse(bytes, from, to, BodyRule.FRAMED);
    }

    /**
     * Parses the start line and header section of {@code bytes} and leaves the body out, whatever
     * Content-Length says: for answering a request whose body or framing is broken, since the answer
     * copies the request's headers (RFC 3261 §8.2.6.2, §18.3). The message keeps a reference to
     * {@code bytes}.
     */
    public SipMessage parseHeaderSection(byte[] bytes) {
        if (bytes.length > config.maxMessageBytes()) {
            throw new SipParseException("message of " + bytes.length + " bytes exceeds the limit of "
                    + config.maxMessageBytes(), 0, StatusCode.MESSAGE_TOO_LARGE, "Message Too Large");
        }
        return parse(bytes, 0, bytes.length, BodyRule.IGNORED);
    }

    /** Where a body ends: RFC 3261 §18.3 for datagrams and framed stream messages, or not at all. */
    private enum BodyRule {
        DATAGRAM, FRAMED, IGNORED
    }

    private SipMessage parse(byte[] b, int from, int limit, BodyRule bodyRule) {
        int p = from;
        // RFC 3261 §7.5: implementations processing SIP messages over stream-oriented transports
        // MUST ignore any CRLF appearing before the start-line; we do the same for datagrams.
        while (p < limit && (b[p] == '\r' || b[p] == '\n')) {
            p++;
        }
        if (p == limit) {
            throw SipParseException.badRequest("empty message", p);
        }
        int start = p;
        int lf = indexOfLf(b, p, limit);
        if (lf < 0) {
            throw SipParseException.badRequest("start line is not terminated by CRLF", p);
        }
        int startLineEnd = lf > start && b[lf - 1] == '\r' ? lf - 1 : lf;
        StartLine line = StartLine.parse(b, start, startLineEnd);

        int[] index = new int[INITIAL_HEADERS * SipMessage.SLOTS];
        int count = 0;
        p = lf + 1;
        while (true) {
            if (p >= limit) {
                throw SipParseException.badRequest("header section is not terminated by an empty line", p);
            }
            byte c = b[p];
            if (c == '\n') {
                p++;
                break;
            }
            if (c == '\r' && p + 1 < limit && b[p + 1] == '\n') {
                p += 2;
                break;
            }
            if (Syntax.isWsp(c)) {
                p = continueFoldedLine(b, p, limit, index, count);
                continue;
            }
            if (count == config.maxHeaderCount()) {
                throw SipParseException.badRequest("more than " + config.maxHeaderCount() + " header lines", p);
            }
            if ((count + 1) * SipMessage.SLOTS > index.length) {
                index = Arrays.copyOf(index, index.length * 2);
            }
            p = headerLine(b, p, limit, index, count * SipMessage.SLOTS);
            count++;
        }
        int bodyStart = p;
        int end = bodyRule == BodyRule.IGNORED ? bodyStart
                : bodyEnd(b, index, count, bodyStart, limit, bodyRule == BodyRule.DATAGRAM);
        return line.build(b, start, startLineEnd, index, count, bodyStart, end);
    }

    /** Indexes one header line starting at {@code p}; returns the start of the next line. */
    private static int headerLine(byte[] b, int p, int limit, int[] index, int o) {
        int nameStart = p;
        while (p < limit && Syntax.isTokenChar(b[p])) {
            p++;
        }
        int nameEnd = p;
        if (nameEnd == nameStart) {
            throw SipParseException.badRequest("header line does not start with a header name", nameStart);
        }
        // RFC 3261 §25.1: HCOLON = *( SP / HTAB ) ":" SWS
        while (p < limit && Syntax.isWsp(b[p])) {
            p++;
        }
        if (p == limit || b[p] != ':') {
            throw SipParseException.badRequest("header line \"" + Syntax.latin1(b, nameStart, nameEnd)
                    + "\" has no ':' after its name", p);
        }
        p++;
        int lf = indexOfLf(b, p, limit);
        if (lf < 0) {
            throw SipParseException.badRequest("header section is not terminated by an empty line", p);
        }
        refuseBareCr(b, p, lf);
        int valueStart = Syntax.skipWsp(b, p, lf);
        int valueEnd = trimEnd(b, valueStart, lf);
        index[o] = nameStart;
        index[o + 1] = valueStart;
        index[o + 2] = valueEnd;
        index[o + 3] = SipMessage.word(nameEnd - nameStart, HeaderName.idOf(b, nameStart, nameEnd));
        return lf + 1;
    }

    /** Extends the previous header's value over a folded line (RFC 3261 §7.3.1). */
    private static int continueFoldedLine(byte[] b, int p, int limit, int[] index, int count) {
        if (count == 0) {
            throw SipParseException.badRequest("folded line before the first header", p);
        }
        int lf = indexOfLf(b, p, limit);
        if (lf < 0) {
            throw SipParseException.badRequest("header section is not terminated by an empty line", p);
        }
        refuseBareCr(b, p, lf);
        int o = (count - 1) * SipMessage.SLOTS;
        int contentStart = Syntax.skipWsp(b, p, lf);
        int contentEnd = trimEnd(b, contentStart, lf);
        if (contentEnd > contentStart) {
            if (index[o + 1] == index[o + 2]) {
                // The value began on the continuation line ("Subject:" CRLF SP "text").
                index[o + 1] = contentStart;
            } else {
                index[o + 3] |= SipMessage.FOLDED;
            }
            index[o + 2] = contentEnd;
        }
        return lf + 1;
    }

    /**
     * Refuses a CR inside the line {@code b[from, lf)}: only the CR of its CRLF may end a line (RFC 3261
     * §7). A value read with a bare CR would break {@link HeaderField} and could end a line for
     * another element.
     */
    private static void refuseBareCr(byte[] b, int from, int lf) {
        for (int i = from; i < lf - 1; i++) {
            if (b[i] == '\r') {
                throw SipParseException.badRequest("bare CR in a header line", i);
            }
        }
    }

    /** Where the body ends, by RFC 3261 §18.3 and §20.14. */
    private int bodyEnd(byte[] b, int[] index, int count, int bodyStart, int limit, boolean datagram) {
        long length = contentLength(b, index, count);
        int available = limit - bodyStart;
        if (length < 0) {
            // §18.3: over a datagram, no Content-Length means the body runs to its end.
            return datagram ? limit : bodyStart;
        }
        if (length > config.maxMessageBytes()) {
            throw new SipParseException("Content-Length " + length + " exceeds the limit of "
                    + config.maxMessageBytes(), bodyStart, StatusCode.REQUEST_ENTITY_TOO_LARGE,
                    "Request Entity Too Large");
        }
        if (length > available) {
            // §18.3: a Content-Length larger than the body received is answered with 400.
            throw SipParseException.badRequest("Content-Length " + length + " is larger than the "
                    + available + " body bytes received", bodyStart);
        }
        return bodyStart + (int) length;
    }

    /**
     * The Content-Length of the indexed headers, or -1 when there is none.
     *
     * @throws SipParseException when a value is not a number or two values differ
     *     (RFC 4475 §3.1.2.3, §3.3.9)
     */
    static long contentLength(byte[] b, int[] index, int count) {
        long found = -1;
        int id = HeaderName.CONTENT_LENGTH.id();
        for (int i = 0; i < count; i++) {
            int o = i * SipMessage.SLOTS;
            if (SipMessage.idOf(index[o + 3]) != id) {
                continue;
            }
            long value = digits(b, index[o + 1], index[o + 2]);
            if (value < 0) {
                throw SipParseException.badHeader("Content-Length", "\"" + Syntax.latin1(b, index[o + 1], index[o + 2])
                        + "\" is not a non-negative number");
            }
            if (found >= 0 && found != value) {
                throw SipParseException.badHeader("Content-Length", "conflicting values " + found + " and " + value);
            }
            found = value;
        }
        return found;
    }

    /** The decimal number in {@code b[from, to)}, capped at Long.MAX_VALUE / 10; -1 if not 1*DIGIT. */
    static long digits(byte[] b, int from, int to) {
        if (from >= to) {
            return -1;
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = Math.min(v * 10 + d, Long.MAX_VALUE / 10);
        }
        return v;
    }

    /**
     * The index of the first LF in {@code b[from, to)}, or -1. Reads eight bytes at a time: header
     * lines average some 50 bytes and this scan touches every byte of the header section.
     */
    static int indexOfLf(byte[] b, int from, int to) {
        int i = from;
        for (; i <= to - Long.BYTES; i += Long.BYTES) {
            // SWAR zero-byte test on word ^ LFs: the lowest flagged byte is the first LF (higher
            // flags may be false positives from the borrow, but only above a real match).
            long x = (long) LONGS.get(b, i) ^ EIGHT_LF;
            long found = (x - EIGHT_ONES) & ~x & EIGHT_HIGH_BITS;
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static int trimEnd(byte[] b, int from, int to) {
        while (to > from && (Syntax.isWsp(b[to - 1]) || b[to - 1] == '\r')) {
            to--;
        }
        return to;
    }
}
