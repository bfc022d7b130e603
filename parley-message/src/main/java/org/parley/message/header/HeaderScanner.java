package org.parley.message.header;

import java.util.Objects;
import java.util.Optional;
import org.parley.message.Parameters;
import org.parley.message.SipParseException;
import org.parley.message.Syntax;

/**
 * A cursor over one header value element, with the building blocks of the RFC 3261 §25.1 grammar:
 * linear whitespace, tokens, quoted strings, generic parameters, display names, numbers. Parley's
 * own header, URI and message parsers are built on it; it is public so that parsers of extension
 * headers can be too.
 *
 * <p>The cursor works on a range of a {@code String} by index and allocates only the values it
 * returns. Reading methods start exactly at the cursor and do not skip whitespace before what they
 * read; {@link #skipLws()}, {@link #tryChar(char)} and {@link #expect(char, String)} handle the
 * optional whitespace the grammar allows around separators ({@code SWS ";" SWS} and the like).
 * Whitespace is SP and HTAB; a line fold (CRLF or LF followed by SP or HTAB) counts as whitespace
 * too, although callers usually unfold values before parsing.
 *
 * <p>Every failure is a {@link SipParseException} with status 400 whose reason phrase names the
 * header given to the constructor and the problem. Reason phrases never echo the input (it could
 * hold line breaks); {@link #position()} tells where the cursor stopped.
 *
 * <p>Not thread-safe: a scanner is a short-lived cursor confined to the thread that parses.
 */
public final class HeaderScanner {
    private static final String[] NO_WORDS = {};
    /**
     * Parameter names {@link #readParameters()} returns without allocating when spelled exactly so:
     * those of From/To (RFC 3261 §19.3), Contact (§20.10, RFC 5626), Route (§19.1.1), Content-Type
     * and Event (RFC 6665) that nearly every message carries.
     */
    private static final String[] COMMON_PARAMETERS = {
        "tag", "lr", "expires", "q", "+sip.instance", "reg-id", "ob", "charset", "id",
    };

    private final String headerName;
    private final String text;
    private final int end;
    private int pos;

    /**
     * The parameter name {@code b[from, to)}: the entry of the vocabulary {@link #readParameters()}
     * uses when spelled exactly so, else a new string. For the byte scanners of this package.
     */
    static String word(byte[] b, int from, int to) {
        int length = to - from;
        for (String word : COMMON_PARAMETERS) {
            if (word.length() == length && Syntax.regionEquals(b, from, word)) {
                return word;
            }
        }
        return Syntax.latin1(b, from, to);
    }

    /**
     * A scanner over the whole of {@code text}.
     *
     * @param headerName the header being parsed, named in error reason phrases (e.g. "Via")
     * @param text the element to scan
     */
    public HeaderScanner(String headerName, String text) {
        this(headerName, text, 0, text.length());
    }

    /**
     * A scanner over {@code text[from, to)}; positions stay indexes into {@code text}.
     *
     * @throws IndexOutOfBoundsException when the range is not inside {@code text}
     */
    public HeaderScanner(String headerName, String text, int from, int to) {
        this.headerName = Objects.requireNonNull(headerName, "headerName");
        this.text = Objects.requireNonNull(text, "text");
        Objects.checkFromToIndex(from, to, text.length());
        this.pos = from;
        this.end = to;
    }

    /** The index of the cursor in the text. */
    public int position() {
        return pos;
    }

    /**
     * Moves the cursor, e.g. back to a position saved before trying an alternative.
     *
     * @throws IndexOutOfBoundsException when {@code position} is beyond the end of the range
     */
    public void position(int position) {
        this.pos = Objects.checkIndex(position, end + 1);
    }

    /** The index just past the scanned range. */
    public int end() {
        return end;
    }

    /** True when the cursor is at the end of the range (whitespace is not skipped). */
    public boolean atEnd() {
        return pos >= end;
    }

    /** The character at the cursor, or -1 at the end. */
    public int peek() {
        return pos < end ? text.charAt(pos) : -1;
    }

    /** The text from {@code from} to the cursor. */
    public String textFrom(int from) {
        return text.substring(from, pos);
    }

    /** Skips LWS (SP, HTAB, line folds); true when there was any. */
    public boolean skipLws() {
        int p = pos;
        while (p < end) {
            char c = text.charAt(p);
            if (c == ' ' || c == '\t') {
                p++;
            } else {
                int fold = foldLength(p);
                if (fold == 0) {
                    break;
                }
                p += fold;
            }
        }
        boolean skipped = p != pos;
        pos = p;
        return skipped;
    }

    /** The length of the line fold (CRLF or LF, then SP or HTAB) at {@code p}, or 0. */
    private int foldLength(int p) {
        char c = text.charAt(p);
        if (c == '\r' && p + 2 < end && text.charAt(p + 1) == '\n' && Syntax.isWsp(text.charAt(p + 2))) {
            return 3;
        }
        if (c == '\n' && p + 1 < end && Syntax.isWsp(text.charAt(p + 1))) {
            return 2;
        }
        return 0;
    }

    /**
     * Consumes {@code SWS c SWS} when {@code c} comes next after optional whitespace; otherwise
     * leaves the cursor where it was and answers false.
     */
    public boolean tryChar(char c) {
        int saved = pos;
        skipLws();
        if (pos < end && text.charAt(pos) == c) {
            pos++;
            skipLws();
            return true;
        }
        pos = saved;
        return false;
    }

    /**
     * Consumes {@code SWS c SWS}.
     *
     * @param where completes the message "expected 'c' ...", e.g. "after protocol name"
     * @throws SipParseException when {@code c} does not come next
     */
    public void expect(char c, String where) {
        if (!tryChar(c)) {
            skipLws();
            throw error("expected '" + c + "' " + where + ", found " + describe(peek()));
        }
    }

    /**
     * Skips trailing whitespace and checks that nothing else is left.
     *
     * @throws SipParseException naming the first unexpected character
     */
    public void expectEnd() {
        skipLws();
        if (pos < end) {
            throw error("unexpected " + describe(text.charAt(pos)));
        }
    }

    /**
     * Reads {@code 1*tokenchar} (RFC 3261 §25.1 token).
     *
     * @param what what the token is, for the message "expected ..."
     * @throws SipParseException when no token character is at the cursor
     */
    public String readToken(String what) {
        int start = pos;
        skipTokenChars();
        if (pos == start) {
            throw error("expected " + what + ", found " + describe(peek()));
        }
        return text.substring(start, pos);
    }

    /**
     * Reads a token like {@link #readToken(String)}, but returns the entry of {@code vocabulary}
     * spelled exactly like it instead of a new string: known words allocate nothing.
     */
    public String readToken(String what, String[] vocabulary) {
        int start = pos;
        skipTokenChars();
        int len = pos - start;
        if (len == 0) {
            throw error("expected " + what + ", found " + describe(peek()));
        }
        for (String word : vocabulary) {
            if (word.length() == len && text.startsWith(word, start)) {
                return word;
            }
        }
        return text.substring(start, pos);
    }

    private void skipTokenChars() {
        while (pos < end && Syntax.isTokenChar(text.charAt(pos))) {
            pos++;
        }
    }

    /**
     * Reads {@code 1*DIGIT} as a number; leading zeros are allowed ("0068" is 68).
     *
     * @param what the number's name, for the messages "expected ..." and "... must be at most max"
     * @param max the largest value accepted
     * @throws SipParseException when there is no digit or the value is above {@code max}
     */
    public long readNumber(String what, long max) {
        int start = pos;
        long value = 0;
        boolean overflow = false;
        while (pos < end && HostSyntax.isDigit(text.charAt(pos))) {
            if (!overflow) {
                value = value * 10 + text.charAt(pos) - '0';
                overflow = value > max;
            }
            pos++;
        }
        if (pos == start) {
            throw error("expected " + what + ", found " + describe(peek()));
        }
        if (overflow) {
            throw error(what + " must be at most " + max);
        }
        return value;
    }

    /**
     * Reads a quoted-string (RFC 3261 §25.1) and returns it as written, quotes and escapes
     * included. Text may hold UTF-8 (any char from U+0080 up); control characters other than HTAB
     * must be escaped, and CR or LF may not appear except in a line fold.
     *
     * @throws SipParseException when no '"' is at the cursor or the string is not terminated
     */
    public String readQuotedString() {
        int start = pos;
        pos = endOfQuotedString(start);
        return text.substring(start, pos);
    }

    /**
     * Reads a quoted-string and returns its text: quotes removed, quoted-pairs decoded, line folds
     * removed.
     *
     * @throws SipParseException when no '"' is at the cursor or the string is not terminated
     */
    public String readQuotedText() {
        int start = pos;
        pos = endOfQuotedString(start);
        return decode(text, start + 1, pos - 1);
    }

    /** Checks the quoted-string starting at {@code start}; returns the index past its closing quote. */
    private int endOfQuotedString(int start) {
        if (start >= end || text.charAt(start) != '"') {
            throw error("expected '\"', found " + describe(start < end ? text.charAt(start) : -1));
        }
        int p = start + 1;
        while (true) {
            if (p >= end) {
                throw error("unterminated quoted string");
            }
            char c = text.charAt(p);
            if (c == '"') {
                return p + 1;
            }
            if (c == '\\') {
                // RFC 3261 §25.1: quoted-pair = "\" (%x00-09 / %x0B-0C / %x0E-7F)
                if (p + 1 >= end) {
                    throw error("unterminated quoted string");
                }
                char escaped = text.charAt(p + 1);
                if (escaped == '\r' || escaped == '\n') {
                    throw error("line break escaped in quoted string");
                }
                p += 2;
            } else if (c == '\r' || c == '\n') {
                int fold = foldLength(p);
                if (fold == 0) {
                    throw error("line break in quoted string");
                }
                p += fold;
            } else if (c < 0x20 && c != '\t' || c == 0x7f) {
                throw error("control character in quoted string");
            } else {
                p++;
            }
        }
    }

    private static String decode(String s, int from, int to) {
        int i = from;
        while (i < to && s.charAt(i) != '\\' && s.charAt(i) != '\r' && s.charAt(i) != '\n') {
            i++;
        }
        if (i == to) {
            return s.substring(from, to);
        }
        StringBuilder out = new StringBuilder(to - from);
        out.append(s, from, i);
        for (; i < to; i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < to) {
                out.append(s.charAt(++i));
            } else if (c != '\r' && c != '\n') {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * Reads a gen-value (RFC 3261 §7.3.1, §25.1: token / host / quoted-string) as written: a
     * quoted string keeps its quotes, an IPv6 reference its brackets.
     *
     * @throws SipParseException when none of these forms is at the cursor
     */
    public String readGenericValue() {
        int c = peek();
        if (c == '"') {
            return readQuotedString();
        }
        if (c == '[') {
            int close = text.indexOf(']', pos);
            if (close < 0 || close >= end || !HostSyntax.isIpv6(text, pos + 1, close)) {
                throw error("bad IPv6 reference in parameter value");
            }
            int start = pos;
            pos = close + 1;
            return text.substring(start, pos);
        }
        return readToken("parameter value");
    }

    /**
     * Reads {@code *( SEMI generic-param )} (RFC 3261 §25.1), values as written. Stops before the
     * first character that does not continue the list, with the cursor before any whitespace.
     *
     * @return the parameters, or {@link Parameters#EMPTY} (no allocation) when there are none
     * @throws SipParseException for an empty parameter name (";;" or a trailing ';', RFC 4475
     *     §3.1.2.1) or a '=' without a value
     */
    public Parameters readParameters() {
        Parameters.Builder params = null;
        while (tryChar(';')) {
            String name = readParameterName(COMMON_PARAMETERS);
            String value = tryChar('=') ? readGenericValue() : null;
            if (params == null) {
                params = Parameters.builder();
            }
            params.add(name, value);
        }
        return params == null ? Parameters.EMPTY : params.build();
    }

    /**
     * Reads the token that names a parameter, just after a ';'.
     *
     * @throws SipParseException "empty parameter name" when no token is at the cursor
     */
    public String readParameterName() {
        return readParameterName(NO_WORDS);
    }

    /** Like {@link #readParameterName()}, returning the entry of {@code vocabulary} spelled so. */
    public String readParameterName(String[] vocabulary) {
        if (!Syntax.isTokenChar(peek())) {
            throw error("empty parameter name");
        }
        return readToken("parameter name", vocabulary);
    }

    /**
     * Reads the display-name of a name-addr (RFC 3261 §25.1: {@code *(token LWS) / quoted-string})
     * when one comes before a '<'.
     *
     * <ul>
     * <li>A quoted string gives its decoded text (possibly empty); it must be followed, after
     *     optional whitespace, by '<'.
     * <li>Tokens separated by whitespace give those tokens joined by single spaces, when a '<'
     *     follows. The '<' may follow the last token without whitespace ({@code caller<sip:...>}):
     *     RFC 4475 §3.1.1.6 asks elements to accept that.
     * <li>A value starting with '<' has no display name.
     * </ul>
     *
     * <p>On return the cursor is at the '<' when a display name was read or the value starts with
     * '<' (after whitespace). Otherwise (e.g. {@code sip:alice@example.com;tag=1}, an addr-spec
     * without brackets) the answer is empty and the cursor is back where it was.
     *
     * @throws SipParseException when a quoted string is unterminated or not followed by '<'
     */
    public Optional<String> readDisplayName() {
        int start = pos;
        skipLws();
        int c = peek();
        if (c == '"') {
            String name = readQuotedText();
            skipLws();
            if (peek() != '<') {
                throw error("expected '<' after display name, found " + describe(peek()));
            }
            return Optional.of(name);
        }
        if (c == '<') {
            return Optional.empty();
        }
        int first = pos;
        int last = pos;
        boolean singleSpaced = true;
        while (Syntax.isTokenChar(peek())) {
            if (pos != first && (pos - last != 1 || text.charAt(last) != ' ')) {
                singleSpaced = false;
            }
            skipTokenChars();
            last = pos;
            boolean spaced = skipLws();
            if (peek() == '<') {
                return Optional.of(singleSpaced ? text.substring(first, last) : joinTokens(first, last));
            }
            if (!spaced) {
                break;
            }
        }
        pos = start;
        return Optional.empty();
    }

    /** The tokens in {@code text[from, to)}, separated there by LWS, joined by single spaces. */
    private String joinTokens(int from, int to) {
        StringBuilder out = new StringBuilder(to - from);
        int i = from;
        while (i < to) {
            int start = i;
            while (i < to && Syntax.isTokenChar(text.charAt(i))) {
                i++;
            }
            if (!out.isEmpty()) {
                out.append(' ');
            }
            out.append(text, start, i);
            while (i < to && !Syntax.isTokenChar(text.charAt(i))) {
                i++;
            }
        }
        return out.toString();
    }

    /**
     * Returns the text from the cursor up to (not including) the next {@code c} and leaves the
     * cursor on that {@code c}; e.g. the addr-spec between '<' and '>'.
     *
     * @param what what is missing, for the message "missing ..." when {@code c} does not come
     */
    public String readUntil(char c, String what) {
        int i = find(c, what);
        String s = text.substring(pos, i);
        pos = i;
        return s;
    }

    /**
     * The index of the next {@code c} at or after the cursor, which stays where it is.
     *
     * @param what what is missing, for the message "missing ..." when {@code c} does not come
     */
    public int find(char c, String what) {
        int i = text.indexOf(c, pos);
        if (i < 0 || i >= end) {
            throw error("missing " + what);
        }
        return i;
    }

    /** A 400 {@link SipParseException} for this header with the problem given. */
    public SipParseException error(String problem) {
        return SipParseException.badHeader(headerName, problem);
    }

    /**
     * Describes a character for an error message without echoing unsafe input: {@code 'x'} for
     * printable ASCII, "end of value" for -1, a code point otherwise ("character 0x0D").
     */
    public static String describe(int c) {
        if (c < 0) {
            return "end of value";
        }
        if (c > 0x20 && c < 0x7f) {
            return "'" + (char) c + "'";
        }
        return String.format("character 0x%02X", c);
    }

    /**
     * The text of a quoted string: quotes removed and quoted-pairs decoded. A value that is not
     * a complete quoted string (no surrounding quotes) is returned unchanged, so this can be
     * applied to any gen-value.
     */
    public static String unquote(String value) {
        int n = value.length();
        if (n < 2 || value.charAt(0) != '"' || value.charAt(n - 1) != '"') {
            return value;
        }
        return decode(value, 1, n - 1);
    }

    /** True when {@code value} starts and ends with '"' (a quoted-string as written). */
    public static boolean isQuoted(String value) {
        int n = value.length();
        return n >= 2 && value.charAt(0) == '"' && value.charAt(n - 1) == '"';
    }

    /**
     * {@code text} as a quoted-string: in quotes, with '"', '\' and control characters escaped
     * (RFC 3261 §25.1 quoted-pair).
     *
     * @throws IllegalArgumentException when the text holds CR or LF, which no quoted-pair can carry
     */
    public static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2);
        appendQuoted(out, text);
        return out.toString();
    }

    /** Appends {@code text} as a quoted-string, like {@link #quote(String)}. */
    public static void appendQuoted(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r' || c == '\n') {
                throw new IllegalArgumentException("quoted text must not contain CR or LF, was \""
                        + text.replace("\r", "\\r").replace("\n", "\\n") + "\"");
            }
            if (c == '"' || c == '\\' || c < 0x20 && c != '\t' || c == 0x7f) {
                out.append('\\');
            }
            out.append(c);
        }
        out.append('"');
    }
}
