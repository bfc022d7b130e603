package org.parley.message;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.BiFunction;
import org.parley.message.header.Address;
import org.parley.message.header.Allow;
import org.parley.message.header.CSeq;
import org.parley.message.header.Contact;
import org.parley.message.header.Challenge;
import org.parley.message.header.Credentials;
import org.parley.message.header.DeltaSeconds;
import org.parley.message.header.Event;
import org.parley.message.header.MaxForwards;
import org.parley.message.header.MediaType;
import org.parley.message.header.OptionTags;
import org.parley.message.header.SubscriptionState;
import org.parley.message.header.Timestamp;
import org.parley.message.header.Via;

/**
 * A SIP message (RFC 3261 §7): a request or a response, its header lines in order with their
 * original names, and its body.
 *
 * <p><b>Representation.</b> A message is its wire bytes plus an index of where each part lies:
 * parsing finds the line and header boundaries once and stops there; header values are decoded and
 * typed values parsed only when read, and then cached. A parsed message that is forwarded untouched
 * serializes by copying its bytes; {@link #toBuilder()} reuses the bytes of every header it does not
 * change. Bytes past the end of the message (RFC 3261 §18.3: trailing octets of a datagram) are not
 * part of it.
 *
 * <p><b>Thread model.</b> Immutable and thread-safe. Cached typed values are computed at most a few
 * times under a race and are themselves immutable, so the race is harmless. The byte array handed
 * to the parser is owned by the message from then on: the caller must not change it.
 */
public abstract sealed class SipMessage permits SipRequest, SipResponse {
    /**
     * Ints per header in {@link #index}: name start, value start, value end, and a word that packs
     * the name's length, the header id and the flags (see {@link #word}). Four rather than five:
     * the index is the largest object a parse allocates.
     */
    static final int SLOTS = 4;
    /** Flag bit in the fourth slot: the value contains folded lines. */
    static final int FOLDED = 1;
    /** The name length sits above the id; it fits, as a message has at most 2^24 bytes (ParserConfig). */
    private static final int NAME_SHIFT = 8;
    /** The id takes seven bits, two's complement: 0..63 and {@link HeaderName#UNKNOWN_ID}. */
    private static final int ID_MASK = 0x7F;

    final byte[] buf;
    final int start;
    final int startLineEnd;
    final int[] index;
    final int headerCount;
    final int bodyStart;
    final int end;

    private Object[] typed;

    SipMessage(byte[] buf, int start, int startLineEnd, int[] index, int headerCount, int bodyStart, int end) {
        this.buf = buf;
        this.start = start;
        this.startLineEnd = startLineEnd;
        this.index = index;
        this.headerCount = headerCount;
        this.bodyStart = bodyStart;
        this.end = end;
    }

    /** True for a request, false for a response. */
    public abstract boolean isRequest();

    /** A builder that starts as a copy of this message and reuses the bytes of untouched headers. */
    public abstract MessageBuilder<?> toBuilder();

    /** The start line (Request-Line or Status-Line) without its line end. */
    public String startLine() {
        return Syntax.utf8(buf, start, startLineEnd);
    }

    // ---- header lines -------------------------------------------------------------------------

    /** How many header lines the message has (a folded line counts once). */
    public int headerLineCount() {
        return headerCount;
    }

    /** Every header line in order, names as written and values unfolded. */
    public List<HeaderField> headerFields() {
        List<HeaderField> fields = new ArrayList<>(headerCount);
        for (int i = 0; i < headerCount; i++) {
            fields.add(new HeaderField(nameAt(i), valueAt(i)));
        }
        return List.copyOf(fields);
    }

    /** True when at least one line of this header (long or compact name) is present. */
    public boolean hasHeader(HeaderName name) {
        return find(name, 0) >= 0;
    }

    /** The value of the first line of this header, unfolded and trimmed. */
    public Optional<String> header(HeaderName name) {
        int i = find(name, 0);
        return i < 0 ? Optional.empty() : Optional.of(valueAt(i));
    }

    /** The value of the first line of the header of this name, long or compact form, any case. */
    public Optional<String> header(String name) {
        return header(HeaderName.of(name));
    }

    /** How many lines of this header the message has. */
    public int headerLineCount(HeaderName name) {
        int n = 0;
        for (int i = find(name, 0); i >= 0; i = find(name, i + 1)) {
            n++;
        }
        return n;
    }

    /**
     * The values of this header across all its lines, in order. For list headers
     * ({@link HeaderName#isList()}) each comma-separated element is one value (RFC 3261 §7.3.1);
     * for the others each line is one value.
     *
     * @throws SipParseException when a list element leaves a quoted string or '<' open
     */
    public List<String> headerValues(HeaderName name) {
        return List.copyOf(elements(name));
    }

    /** The values {@link #headerValues} returns, for the typed accessors. */
    private List<String> elements(HeaderName name) {
        return parseElements(name, (header, element) -> element);
    }

    /**
     * The elements of this header, in an array holding one slot per line to start with
     * (the usual one element per line fills it exactly) and null after the last element. Every line
     * is split before the caller parses any element, so a split error comes first as before.
     */
    private Object[] elementArray(HeaderName name) {
        int lines = 0;
        for (int i = find(name, 0); i >= 0; i = find(name, i + 1)) {
            lines++;
        }
        Object[] out = new Object[lines];
        int n = 0;
        for (int i = find(name, 0); i >= 0; i = find(name, i + 1)) {
            String value = valueAt(i);
            if (!name.isList()) {
                out[n++] = value;
                continue;
            }
            // HeaderValues.split, element by element: empty elements are kept, but a line that is
            // only whitespace gives none.
            int lineStart = n;
            int from = 0;
            while (true) {
                int comma = HeaderValues.nextSeparator(name.name(), value, from);
                String element = Syntax.trimWsp(value.substring(from, comma));
                boolean last = comma == value.length();
                if (!last || !element.isEmpty() || n > lineStart) {
                    if (n == out.length) {
                        out = Arrays.copyOf(out, out.length * 2);
                    }
                    out[n++] = element;
                }
                if (last) {
                    break;
                }
                from = comma + 1;
            }
        }
        return out;
    }

    /**
     * Parses each element of this header, as {@link #headerValues} gives them, with {@code parser}
     * (called with the header's name and the element), in order; an unmodifiable list of the results.
     * Builds no list of strings on the way: Route, Record-Route and Contact are read for every request
     * a proxy forwards.
     */
    @SuppressWarnings("unchecked")
    private <T> List<T> parseElements(HeaderName name, BiFunction<String, String, T> parser) {
        int first = find(name, 0);
        if (first < 0) {
            return List.of();
        }
        if (find(name, first + 1) < 0) {
            // One line, usually one element: no array (a Contact, the Route of a single proxy).
            String value = valueAt(first);
            if (!name.isList() || HeaderValues.nextSeparator(name.name(), value, 0) == value.length()) {
                String element = name.isList() ? Syntax.trimWsp(value) : value;
                return name.isList() && element.isEmpty() ? List.of() : List.of(parser.apply(name.name(), element));
            }
        }
        Object[] values = elementArray(name);
        int n = 0;
        while (n < values.length && values[n] != null) {
            values[n] = parser.apply(name.name(), (String) values[n]);
            n++;
        }
        // List.of keeps one or two values without an array; the array is exact in the usual case.
        return (List<T>) List.of(n == values.length ? values : Arrays.copyOf(values, n));
    }

    /** The fourth slot of a header line: the name's length, the header id, no flags set. */
    static int word(int nameLength, int id) {
        return nameLength << NAME_SHIFT | (id & ID_MASK) << 1;
    }

    /** The header id in a {@link #word}. */
    static int idOf(int word) {
        return word << 24 >> 25;
    }

    /** The name length in a {@link #word}. */
    static int nameLengthOf(int word) {
        return word >>> NAME_SHIFT;
    }

    /** The index of the first header line at or after {@code from} that is this header, or -1. */
    final int find(HeaderName name, int from) {
        int id = name.id();
        if (id != HeaderName.UNKNOWN_ID) {
            for (int i = from; i < headerCount; i++) {
                if (idOf(index[i * SLOTS + 3]) == id) {
                    return i;
                }
            }
            return -1;
        }
        String n = name.name();
        for (int i = from; i < headerCount; i++) {
            int o = i * SLOTS;
            if (idOf(index[o + 3]) == HeaderName.UNKNOWN_ID && nameLengthOf(index[o + 3]) == n.length()
                    && Syntax.regionEqualsIgnoreCase(buf, index[o], n)) {
                return i;
            }
        }
        return -1;
    }

    /** The name of header line {@code i} as written. */
    final String nameAt(int i) {
        int o = i * SLOTS;
        return Syntax.latin1(buf, index[o], index[o] + nameLengthOf(index[o + 3]));
    }

    /** The value of header line {@code i}, unfolded (each fold becomes one space) and trimmed. */
    final String valueAt(int i) {
        int o = i * SLOTS;
        return decodeValue(buf, index[o + 1], index[o + 2], (index[o + 3] & FOLDED) != 0);
    }

    /** Decodes a header value as UTF-8, joining folded lines. */
    static String decodeValue(byte[] buf, int from, int to, boolean folded) {
        if (!folded) {
            return Syntax.utf8(buf, from, to);
        }
        byte[] unfolded = unfold(buf, from, to);
        return Syntax.utf8(unfolded, 0, unfolded.length);
    }

    /** The id of the known header on line {@code i}, or {@link HeaderName#UNKNOWN_ID}. */
    final int idAt(int i) {
        return idOf(index[i * SLOTS + 3]);
    }

    private static byte[] unfold(byte[] b, int from, int to) {
        byte[] out = new byte[to - from];
        int n = 0;
        int i = from;
        while (i < to) {
            byte c = b[i];
            if (c == '\r' || c == '\n') {
                // RFC 3261 §7.3.1: a line break followed by whitespace is replaced by a single SP.
                while (i < to && (b[i] == '\r' || b[i] == '\n' || Syntax.isWsp(b[i]))) {
                    i++;
                }
                while (n > 0 && Syntax.isWsp(out[n - 1])) {
                    n--;
                }
                out[n++] = ' ';
            } else {
                out[n++] = c;
                i++;
            }
        }
        return Arrays.copyOf(out, n);
    }

    // ---- typed headers (RFC 3261 §20) -----------------------------------------------------------

    /**
     * The topmost Via: the first element of the first Via line (RFC 3261 §8.1.1.7, §18.2.2).
     *
     * @throws SipParseException when there is no Via or it breaks the grammar (400)
     */
    public Via topVia() {
        Object c = cached(TypedSlot.TOP_VIA);
        if (c != null) {
            return (Via) c;
        }
        int i = find(HeaderName.VIA, 0);
        if (i < 0) {
            throw missing(HeaderName.VIA);
        }
        int o = i * SLOTS;
        if ((index[o + 3] & FOLDED) == 0) {
            // RFC 3261 §20.42, §25.1: the plain via-parm is read from the bytes; anything unusual
            // (and every error) goes through the string parser below.
            Via via = Via.parseFirst(buf, index[o + 1], index[o + 2]).orElse(null);
            if (via != null) {
                return cache(TypedSlot.TOP_VIA, via);
            }
        }
        return cache(TypedSlot.TOP_VIA, Via.parse(HeaderValues.first("Via", valueAt(i))));
    }

    /** Every Via value in order, topmost first. */
    @SuppressWarnings("unchecked")
    public List<Via> vias() {
        Object c = cached(TypedSlot.VIA);
        if (c != null) {
            return (List<Via>) c;
        }
        return cache(TypedSlot.VIA, parseElements(HeaderName.VIA, (header, element) -> Via.parse(element)));
    }

    /**
     * The From address (RFC 3261 §20.20).
     *
     * @throws SipParseException when it is missing, repeated or malformed (400)
     */
    public Address from() {
        return address(TypedSlot.FROM, HeaderName.FROM);
    }

    /**
     * The To address (RFC 3261 §20.39).
     *
     * @throws SipParseException when it is missing, repeated or malformed (400)
     */
    public Address to() {
        return address(TypedSlot.TO, HeaderName.TO);
    }

    /**
     * The From tag, when there is one (RFC 3261 §19.3). Only the tag parameter is read when it can
     * be found without the full grammar; {@link #from()} checks the whole value.
     *
     * @throws SipParseException when From is missing or repeated, or the full parse it needs fails
     */
    public Optional<String> fromTag() {
        return tag(TypedSlot.FROM, HeaderName.FROM);
    }

    /**
     * The To tag, when there is one (RFC 3261 §19.3). Only the tag parameter is read when it can be
     * found without the full grammar; {@link #to()} checks the whole value.
     *
     * @throws SipParseException when To is missing or repeated, or the full parse it needs fails
     */
    public Optional<String> toTag() {
        return tag(TypedSlot.TO, HeaderName.TO);
    }

    private Optional<String> tag(int slot, HeaderName name) {
        Object c = cached(slot);
        if (c != null) {
            return ((Address) c).tag();
        }
        int i = find(name, 0);
        if (i < 0) {
            throw missing(name);
        }
        if (find(name, i + 1) >= 0) {
            throw SipParseException.badHeader(name.name(), "appears more than once");
        }
        int o = i * SLOTS;
        if ((index[o + 3] & FOLDED) == 0) {
            String tag = TagScanner.tag(buf, index[o + 1], index[o + 2]);
            if (tag != TagScanner.FULL_PARSE) {
                return Optional.ofNullable(tag);
            }
        }
        return address(slot, name).tag();
    }

    /** Every Contact value in order (RFC 3261 §20.10), including the wildcard {@code *}. */
    @SuppressWarnings("unchecked")
    public List<Contact> contacts() {
        Object c = cached(TypedSlot.CONTACT);
        if (c != null) {
            return (List<Contact>) c;
        }
        List<Contact> plain = plainElements(HeaderName.CONTACT,
                (bytes, from, to) -> Contact.parseNameAddr(bytes, from, to).orElse(null));
        return cache(TypedSlot.CONTACT, plain != null ? plain
                : parseElements(HeaderName.CONTACT, (header, element) -> Contact.parse(element)));
    }

    /** Every Route value in order, topmost first (RFC 3261 §20.34). */
    public List<Address> routes() {
        return addresses(TypedSlot.ROUTE, HeaderName.ROUTE);
    }

    /** Every Record-Route value in order, topmost first (RFC 3261 §20.30). */
    public List<Address> recordRoutes() {
        return addresses(TypedSlot.RECORD_ROUTE, HeaderName.RECORD_ROUTE);
    }

    /** Every Path value in order (RFC 3327). */
    public List<Address> paths() {
        return addresses(TypedSlot.PATH, HeaderName.PATH);
    }

    /** The Refer-To address, when present (RFC 3515 §2.1). */
    public Optional<Address> referTo() {
        String value = single(HeaderName.REFER_TO);
        return value == null ? Optional.empty() : Optional.of(Address.parse("Refer-To", value));
    }

    private Address address(int slot, HeaderName name) {
        Object c = cached(slot);
        if (c != null) {
            return (Address) c;
        }
        String value = single(name);
        if (value == null) {
            throw missing(name);
        }
        return cache(slot, Address.parse(name.name(), value));
    }

    @SuppressWarnings("unchecked")
    private List<Address> addresses(int slot, HeaderName name) {
        Object c = cached(slot);
        if (c != null) {
            return (List<Address>) c;
        }
        List<Address> plain = plainElements(name,
                (bytes, from, to) -> Address.parseNameAddr(bytes, from, to).orElse(null));
        return cache(slot, plain != null ? plain : parseElements(name, Address::parse));
    }

    /** Parses one header value from the message bytes, or answers null when the string parser must decide. */
    @FunctionalInterface
    private interface BytesParser<T> {
        T parse(byte[] bytes, int from, int to);
    }

    /**
     * The elements of this header when every line holds one element that {@code parser} reads
     * straight from the bytes (RFC 3261 §7.3.1: one element per line is how Route, Record-Route,
     * Path and Contact are usually written); null when a line is folded or the parser is unsure, for
     * {@link #parseElements} to read them all, or report the first problem, from decoded values.
     */
    @SuppressWarnings("unchecked")
    private <T> List<T> plainElements(HeaderName name, BytesParser<T> parser) {
        int first = find(name, 0);
        if (first < 0) {
            return List.of();
        }
        T one = plainAt(first, parser);
        int second = one == null ? -1 : find(name, first + 1);
        if (one == null || second < 0) {
            return one == null ? null : List.of(one);
        }
        T two = plainAt(second, parser);
        int third = two == null ? -1 : find(name, second + 1);
        if (two == null || third < 0) {
            return two == null ? null : List.of(one, two);
        }
        Object[] values = {one, two, null, null};
        int n = 2;
        for (int i = third; i >= 0; i = find(name, i + 1)) {
            T value = plainAt(i, parser);
            if (value == null) {
                return null;
            }
            if (n == values.length) {
                values = Arrays.copyOf(values, n * 2);
            }
            values[n++] = value;
        }
        return (List<T>) List.of(n == values.length ? values : Arrays.copyOf(values, n));
    }

    /** What {@code parser} reads from header line {@code i}, or null when folded or unsure. */
    private <T> T plainAt(int i, BytesParser<T> parser) {
        int o = i * SLOTS;
        return (index[o + 3] & FOLDED) != 0 ? null : parser.parse(buf, index[o + 1], index[o + 2]);
    }

    /**
     * The Call-ID (RFC 3261 §20.8: {@code word ["@" word]}).
     *
     * @throws SipParseException when it is missing, repeated or not of that form (400)
     */
    public String callId() {
        Object c = cached(TypedSlot.CALL_ID);
        if (c != null) {
            return (String) c;
        }
        String value = single(HeaderName.CALL_ID);
        if (value == null) {
            throw missing(HeaderName.CALL_ID);
        }
        if (!Syntax.isCallId(value)) {
            throw SipParseException.badHeader("Call-ID", "must be word[@word]");
        }
        return cache(TypedSlot.CALL_ID, value);
    }

    /**
     * The CSeq.
     *
     * @throws SipParseException when it is missing, repeated or malformed (400)
     */
    public CSeq cseq() {
        Object c = cached(TypedSlot.CSEQ);
        if (c != null) {
            return (CSeq) c;
        }
        int i = singleIndex(HeaderName.CSEQ);
        if (i < 0) {
            throw missing(HeaderName.CSEQ);
        }
        CSeq plain = plainCSeq(i);
        return cache(TypedSlot.CSEQ, plain != null ? plain : CSeq.parse(valueAt(i)));
    }

    /**
     * The CSeq of line {@code i} read straight from the bytes when it has the usual form, 1 to 10
     * digits, one SP and a method token, and a number below 2^31; null otherwise, for
     * {@link CSeq#parse} to read it or to say what is wrong. Both give the same value.
     */
    private CSeq plainCSeq(int i) {
        int o = i * SLOTS;
        int from = index[o + 1];
        int to = index[o + 2];
        if ((index[o + 3] & FOLDED) != 0) {
            return null;
        }
        int p = from;
        long number = 0;
        while (p < to && p - from < 10 && buf[p] >= '0' && buf[p] <= '9') {
            number = number * 10 + buf[p++] - '0';
        }
        if (p == from || p == to || buf[p] != ' ' || number > CSeq.MAX_NUMBER) {
            return null;
        }
        Method method = Method.ofBytes(buf, p + 1, to);
        return method == null ? null : new CSeq(number, method);
    }

    /** The Max-Forwards count, when present (RFC 3261 §20.22: 0 to 255). */
    public OptionalInt maxForwards() {
        int i = singleIndex(HeaderName.MAX_FORWARDS);
        if (i < 0) {
            return OptionalInt.empty();
        }
        int o = i * SLOTS;
        if (index[o + 2] - index[o + 1] <= 3 && (index[o + 3] & FOLDED) == 0) {
            // The usual 1 to 3 digits, read without decoding the value; MaxForwards.parse reads the
            // same number from them and explains anything else.
            long hops = SipParser.digits(buf, index[o + 1], index[o + 2]);
            if (hops >= 0 && hops <= 255) {
                return OptionalInt.of((int) hops);
            }
        }
        return OptionalInt.of(MaxForwards.parse(valueAt(i)).hops());
    }

    /** The Content-Type, when present. */
    public Optional<MediaType> contentType() {
        Object c = cached(TypedSlot.CONTENT_TYPE);
        if (c != null) {
            return Optional.of((MediaType) c);
        }
        String value = single(HeaderName.CONTENT_TYPE);
        return value == null ? Optional.empty() : Optional.of(cache(TypedSlot.CONTENT_TYPE, MediaType.parse(value)));
    }

    /** The Expires header's delta-seconds, when present (RFC 3261 §20.19). */
    public OptionalLong expires() {
        String value = single(HeaderName.EXPIRES);
        return value == null ? OptionalLong.empty() : OptionalLong.of(DeltaSeconds.parse("Expires", value));
    }

    /** The Min-Expires header's delta-seconds, when present (RFC 3261 §20.23). */
    public OptionalLong minExpires() {
        String value = single(HeaderName.MIN_EXPIRES);
        return value == null ? OptionalLong.empty() : OptionalLong.of(DeltaSeconds.parse("Min-Expires", value));
    }

    /** The option tags of every Require line (RFC 3261 §20.32). */
    public List<String> require() {
        return optionTags(HeaderName.REQUIRE);
    }

    /** The option tags of every Proxy-Require line (RFC 3261 §20.29). */
    public List<String> proxyRequire() {
        return optionTags(HeaderName.PROXY_REQUIRE);
    }

    /** The option tags of every Supported line (RFC 3261 §20.37). */
    public List<String> supported() {
        return optionTags(HeaderName.SUPPORTED);
    }

    /** The option tags of every Unsupported line (RFC 3261 §20.40). */
    public List<String> unsupported() {
        return optionTags(HeaderName.UNSUPPORTED);
    }

    /** The methods of every Allow line (RFC 3261 §20.5). */
    public List<Method> allow() {
        List<Method> methods = new ArrayList<>();
        for (String element : elements(HeaderName.ALLOW)) {
            methods.add(Allow.parse(element));
        }
        return List.copyOf(methods);
    }

    /** The Event, when present (RFC 6665 §8.2.1). */
    public Optional<Event> event() {
        String value = single(HeaderName.EVENT);
        return value == null ? Optional.empty() : Optional.of(Event.parse(value));
    }

    /** The Subscription-State, when present (RFC 6665 §8.2.3). */
    public Optional<SubscriptionState> subscriptionState() {
        String value = single(HeaderName.SUBSCRIPTION_STATE);
        return value == null ? Optional.empty() : Optional.of(SubscriptionState.parse(value));
    }

    /** The Timestamp, when present (RFC 3261 §20.38). */
    public Optional<Timestamp> timestamp() {
        String value = single(HeaderName.TIMESTAMP);
        return value == null ? Optional.empty() : Optional.of(Timestamp.parse(value));
    }

    /** Every WWW-Authenticate challenge, one per line (RFC 3261 §20.44). */
    public List<Challenge> wwwAuthenticate() {
        return challenges(HeaderName.WWW_AUTHENTICATE);
    }

    /** Every Proxy-Authenticate challenge, one per line (RFC 3261 §20.27). */
    public List<Challenge> proxyAuthenticate() {
        return challenges(HeaderName.PROXY_AUTHENTICATE);
    }

    /** Every Authorization header's credentials, one per line (RFC 3261 §20.7). */
    public List<Credentials> authorization() {
        return credentials(HeaderName.AUTHORIZATION);
    }

    /** Every Proxy-Authorization header's credentials, one per line (RFC 3261 §20.28). */
    public List<Credentials> proxyAuthorization() {
        return credentials(HeaderName.PROXY_AUTHORIZATION);
    }

    /** The User-Agent text, when present (RFC 3261 §20.41). */
    public Optional<String> userAgent() {
        return header(HeaderName.USER_AGENT);
    }

    /** The Server text, when present (RFC 3261 §20.35). */
    public Optional<String> server() {
        return header(HeaderName.SERVER);
    }

    /**
     * The value of a header that may appear once, or null when absent.
     *
     * @throws SipParseException when it appears more than once (RFC 4475 §3.3.8)
     */
    final String single(HeaderName name) {
        int i = singleIndex(name);
        return i < 0 ? null : valueAt(i);
    }

    /**
     * The line of a header that may appear once, or -1 when absent.
     *
     * @throws SipParseException when it appears more than once (RFC 4475 §3.3.8)
     */
    final int singleIndex(HeaderName name) {
        int i = find(name, 0);
        if (i >= 0 && find(name, i + 1) >= 0) {
            throw SipParseException.badHeader(name.name(), "appears more than once");
        }
        return i;
    }

    static SipParseException missing(HeaderName name) {
        return SipParseException.badHeader(name.name(), "missing");
    }

    private List<String> optionTags(HeaderName name) {
        List<String> tags = new ArrayList<>();
        for (String element : elements(name)) {
            tags.add(OptionTags.parse(name.name(), element));
        }
        return List.copyOf(tags);
    }

    private List<Challenge> challenges(HeaderName name) {
        List<Challenge> out = new ArrayList<>(1);
        for (int i = find(name, 0); i >= 0; i = find(name, i + 1)) {
            out.add(Challenge.parse(name.name(), valueAt(i)));
        }
        return List.copyOf(out);
    }

    private List<Credentials> credentials(HeaderName name) {
        List<Credentials> out = new ArrayList<>(1);
        for (int i = find(name, 0); i >= 0; i = find(name, i + 1)) {
            out.add(Credentials.parse(name.name(), valueAt(i)));
        }
        return List.copyOf(out);
    }

    // ---- typed value cache --------------------------------------------------------------------

    /** The cached typed value in {@code slot}, or null. */
    final Object cached(int slot) {
        Object[] t = typed;
        return t == null ? null : t[slot];
    }

    /** Caches {@code value} in {@code slot} and returns it. */
    final <T> T cache(int slot, T value) {
        Object[] t = typed;
        if (t == null) {
            t = new Object[TypedSlot.COUNT];
            typed = t;
        }
        t[slot] = value;
        return value;
    }

    // ---- body ---------------------------------------------------------------------------------

    /** The number of body bytes. */
    public int bodyLength() {
        return end - bodyStart;
    }

    /** True when the message has a non-empty body. */
    public boolean hasBody() {
        return end > bodyStart;
    }

    /** A copy of the body bytes, exactly as received. */
    public byte[] body() {
        return Arrays.copyOfRange(buf, bodyStart, end);
    }

    /** The body decoded as UTF-8 (for text bodies such as SDP or text/plain). */
    public String bodyText() {
        return Syntax.utf8(buf, bodyStart, end);
    }

    // ---- serialization ------------------------------------------------------------------------

    /** The size of the message on the wire, in bytes. */
    public int size() {
        return end - start;
    }

    /** The message as it goes on the wire: for a parsed message, the bytes it arrived with. */
    public byte[] toBytes() {
        return Arrays.copyOfRange(buf, start, end);
    }

    /** Writes the wire bytes to {@code out}. */
    public void writeTo(OutputStream out) throws IOException {
        out.write(buf, start, end - start);
    }

    /** Copies the wire bytes into {@code dst} at {@code offset}; returns the number of bytes written. */
    public int copyTo(byte[] dst, int offset) {
        System.arraycopy(buf, start, dst, offset, end - start);
        return end - start;
    }

    /**
     * The canonical form: single spaces in the start line, every header line as
     * {@code Name: value} with the canonical long name of known headers, folds joined, CRLF line ends,
     * and a Content-Length that matches the body. Serializing the canonical form's parse gives the
     * same bytes again.
     */
    public byte[] toCanonicalBytes() {
        return CanonicalForm.of(this);
    }

    /** The wire bytes decoded as UTF-8, for logs and tests. */
    @Override
    public String toString() {
        return new String(buf, start, end - start, StandardCharsets.UTF_8);
    }
}
