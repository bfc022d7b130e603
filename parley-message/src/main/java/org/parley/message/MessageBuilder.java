package org.parley.message;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Builds a SIP message: header lines in order, then a body. Started from scratch
 * ({@link SipRequest#builder}, {@link SipResponse#builder}) or from a message
 * ({@link SipMessage#toBuilder()}), in which case every header line left untouched is copied byte
 * for byte. {@link #build()} always writes a Content-Length that matches the body.
 *
 * <p>Not thread-safe: a builder is confined to the thread that uses it.
 *
 * @param <B> the concrete builder, for chaining
 */
public abstract sealed class MessageBuilder<B extends MessageBuilder<B>> permits RequestBuilder, ResponseBuilder {
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] COLON_SP = {':', ' '};

    /** One header line: a slice of an existing message, or a name and value given in code. */
    private record Line(HeaderName header, String name, String value, byte[] src, int lineStart, int nameEnd,
            int valueStart, int valueEnd, int flags) {
        static Line of(HeaderName header, String name, String value) {
            return new Line(header, name, value, null, 0, 0, 0, 0, 0);
        }
    }

    private final List<Line> lines = new ArrayList<>();
    private byte[] body = new byte[0];

    MessageBuilder() {
    }

    MessageBuilder(SipMessage m) {
        for (int i = 0; i < m.headerCount; i++) {
            int o = i * SipMessage.SLOTS;
            int id = SipMessage.idOf(m.index[o + 3]);
            HeaderName h = id == HeaderName.UNKNOWN_ID ? HeaderName.of(m.nameAt(i)) : HeaderName.byId(id);
            lines.add(indexedLine(h, m, o));
        }
        body = m.body();
    }

    /** Appends, byte for byte, every line of {@code header} that {@code m} has. */
    B copyLines(SipMessage m, HeaderName header) {
        for (int i = m.find(header, 0); i >= 0; i = m.find(header, i + 1)) {
            int o = i * SipMessage.SLOTS;
            lines.add(indexedLine(header, m, o));
        }
        return self();
    }

    /** The line whose index entry starts at {@code o} in {@code m}, to be copied byte for byte. */
    private static Line indexedLine(HeaderName header, SipMessage m, int o) {
        int[] x = m.index;
        return new Line(header, null, null, m.buf, x[o], x[o] + SipMessage.nameLengthOf(x[o + 3]), x[o + 1], x[o + 2],
                x[o + 3]);
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /** Appends a header line, written with the header's canonical name. */
    public B add(HeaderName header, String value) {
        lines.add(Line.of(header, header.name(), checkValue(value)));
        return self();
    }

    /** Appends a header line with the name spelled as given (long or compact form). */
    public B add(String name, String value) {
        HeaderName header = HeaderName.of(name);
        lines.add(Line.of(header, name, checkValue(value)));
        return self();
    }

    /**
     * Puts a header line above the first line of the same header, or at the end when there is none:
     * where a proxy puts its Via (RFC 3261 §16.6 step 8) and its Record-Route (step 4).
     */
    public B addFirst(HeaderName header, String value) {
        int at = indexOf(header);
        lines.add(at < 0 ? lines.size() : at, Line.of(header, header.name(), checkValue(value)));
        return self();
    }

    /** Replaces every line of this header with one line holding {@code value}, where the first one was. */
    public B set(HeaderName header, String value) {
        Line line = Line.of(header, header.name(), checkValue(value));
        int at = indexOf(header);
        if (at < 0) {
            lines.add(line);
        } else {
            lines.set(at, line);
            removeFrom(header, at + 1);
        }
        return self();
    }

    /** Removes every line of this header. */
    public B remove(HeaderName header) {
        removeFrom(header, 0);
        return self();
    }

    /**
     * Removes the first value of this header: the whole first line, or only its first element when
     * the line holds a comma-separated list (the topmost Via of a response, RFC 3261 §16.7 step 3; the
     * topmost Route, §16.4).
     */
    public B removeFirst(HeaderName header) {
        int at = indexOf(header);
        if (at < 0) {
            return self();
        }
        Line line = lines.get(at);
        String value = valueOf(line);
        List<String> elements = header.isList() ? HeaderValues.split(header.name(), value) : List.of(value);
        if (elements.size() <= 1) {
            lines.remove(at);
        } else {
            lines.set(at, Line.of(header, header.name(), String.join(", ", elements.subList(1, elements.size()))));
        }
        return self();
    }

    /**
     * Replaces the first value of this header where it stands: the whole first line, or only its
     * first element when the line holds a comma-separated list (a transport stamping the top Via,
     * RFC 3261 §18.2.1). Appends a line when there is none.
     */
    public B replaceFirst(HeaderName header, String value) {
        String checked = checkValue(value);
        int at = indexOf(header);
        if (at < 0) {
            lines.add(Line.of(header, header.name(), checked));
            return self();
        }
        String current = valueOf(lines.get(at));
        List<String> elements = header.isList() ? HeaderValues.split(header.name(), current) : List.of(current);
        String rest = elements.size() <= 1 ? "" : ", " + String.join(", ", elements.subList(1, elements.size()));
        lines.set(at, Line.of(header, header.name(), checked + rest));
        return self();
    }

    /** Whether the builder currently holds a line of this header. */
    public boolean has(HeaderName header) {
        return indexOf(header) >= 0;
    }

    /** Sets the body and its Content-Type. */
    public B body(String contentType, byte[] bytes) {
        set(HeaderName.CONTENT_TYPE, contentType);
        return body(bytes);
    }

    /** Sets the body and its Content-Type; the text is encoded as UTF-8. */
    public B body(String contentType, String text) {
        return body(contentType, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Sets the body bytes (a copy is kept), leaving Content-Type as it is. */
    public B body(byte[] bytes) {
        body = Objects.requireNonNull(bytes, "bytes").clone();
        return self();
    }

    /** Removes the body and its Content-Type. */
    public B noBody() {
        remove(HeaderName.CONTENT_TYPE);
        body = new byte[0];
        return self();
    }

    private int indexOf(HeaderName header) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).header.equals(header)) {
                return i;
            }
        }
        return -1;
    }

    private void removeFrom(HeaderName header, int from) {
        for (int i = lines.size() - 1; i >= from; i--) {
            if (lines.get(i).header.equals(header)) {
                lines.remove(i);
            }
        }
    }

    private static String valueOf(Line line) {
        if (line.src == null) {
            return line.value;
        }
        return SipMessage.decodeValue(line.src, line.valueStart, line.valueEnd, (line.flags & SipMessage.FOLDED) != 0);
    }

    private static String checkValue(String value) {
        Objects.requireNonNull(value, "value");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n' || c == 0) {
                throw new IllegalArgumentException("header value must not contain CR, LF or NUL, was \""
                        + value.replace("\r", "\\r").replace("\n", "\\n") + "\"");
            }
        }
        return Syntax.trimWsp(value);
    }

    /** Writes the start line, without its CRLF. */
    abstract void writeStartLine(ByteSink out);

    /** Creates the message from the written bytes. */
    abstract SipMessage create(byte[] bytes, int startLineEnd, int[] index, int count, int bodyStart);

    /** The message. The builder may be used again afterwards. */
    public SipMessage build() {
        ByteSink out = new ByteSink(256 + body.length + lines.size() * 48);
        writeStartLine(out);
        int startLineEnd = out.size();
        out.write(CRLF);
        int[] index = new int[Math.max(1, lines.size() + 1) * SipMessage.SLOTS];
        int count = 0;
        boolean lengthWritten = false;
        for (Line line : lines) {
            if (line.header.equals(HeaderName.CONTENT_LENGTH)) {
                if (lengthWritten) {
                    continue;
                }
                lengthWritten = true;
                if (line.src == null || !lengthMatches(line)) {
                    line = Line.of(HeaderName.CONTENT_LENGTH, HeaderName.CONTENT_LENGTH.name(),
                            Integer.toString(body.length));
                }
            }
            writeLine(out, line, index, count++ * SipMessage.SLOTS);
        }
        if (!lengthWritten) {
            writeLine(out, Line.of(HeaderName.CONTENT_LENGTH, HeaderName.CONTENT_LENGTH.name(),
                    Integer.toString(body.length)), index, count++ * SipMessage.SLOTS);
        }
        out.write(CRLF);
        int bodyStart = out.size();
        out.write(body);
        return create(out.toByteArray(), startLineEnd, index, count, bodyStart);
    }

    private boolean lengthMatches(Line line) {
        return SipParser.digits(line.src, line.valueStart, line.valueEnd) == body.length;
    }

    private static void writeLine(ByteSink out, Line line, int[] index, int o) {
        int base = out.size();
        if (line.src != null) {
            out.write(line.src, line.lineStart, line.valueEnd - line.lineStart);
            index[o] = base;
            index[o + 1] = base + line.valueStart - line.lineStart;
            index[o + 2] = base + line.valueEnd - line.lineStart;
            index[o + 3] = line.flags;
        } else {
            out.writeAscii(line.name);
            index[o] = base;
            int nameLength = out.size() - base;
            out.write(COLON_SP);
            index[o + 1] = out.size();
            out.writeUtf8(line.value);
            index[o + 2] = out.size();
            index[o + 3] = SipMessage.word(nameLength, line.header.id());
        }
        out.write(CRLF);
    }
}
