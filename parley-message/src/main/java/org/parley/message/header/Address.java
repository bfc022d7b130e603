package org.parley.message.header;

import java.util.Objects;
import java.util.Optional;
import org.parley.message.Parameters;
import org.parley.message.SipParseException;
import org.parley.message.Syntax;
import org.parley.message.uri.Uri;

/**
 * The address value of From, To, Contact, Route, Record-Route, Path, Service-Route, Reply-To,
 * Refer-To and Referred-By (RFC 3261 §20.10, §20.20, §20.30, §20.31, §20.34, §20.39, §25.1
 * name-addr / addr-spec; RFC 3327 Path; RFC 3608 Service-Route; RFC 3515 Refer-To; RFC 3892
 * Referred-By): an optional display name, a URI of any
 * scheme, and the header parameters that follow it ({@code tag}, {@code expires}, {@code q}, ...).
 *
 * <p>Two forms are read (RFC 3261 §20):
 * <ul>
 * <li>name-addr, {@code [display-name] "<" URI ">" *(";" param)}: the URI's own parameters and
 *     headers stay inside the brackets; no whitespace may appear between them (RFC 4475 §3.1.2.14).
 * <li>addr-spec, a bare URI: everything from its first ';' on is a header parameter, never a URI
 *     parameter (RFC 4475 §3.3.12), and a URI holding ',' or '?' is refused because it MUST be in
 *     angle brackets (RFC 4475 §3.1.2.13). Route, Record-Route, Path and Service-Route accept only
 *     name-addr (RFC 3261 §25.1 route-param, RFC 3327 path-value, RFC 3608 sr-value).
 * </ul>
 *
 * <p>The display name is kept decoded: quotes removed, quoted-pairs undone (it may hold any
 * character but CR and LF, even NUL, RFC 4475 §3.1.1.2); tokens separated by whitespace are joined
 * by single spaces. Header parameter values are kept as written; {@link #tag()} reads the tag.
 *
 * <p>{@link #toString()} writes the canonical form, {@code display-name <uri>;params}: the display
 * name stays unquoted when it is tokens separated by single spaces and is quoted otherwise; angle
 * brackets are written when the value was read or built as a name-addr, when there is a display
 * name, and always when the URI holds ',', ';' or '?' (RFC 3261 §20). The result parses back to an
 * equal address. {@link #equals(Object)} compares display name, URI (by the URI's own rules) and
 * parameters; whether brackets are written is presentation and does not count.
 *
 * <p>{@link #parse(String, String)} is on the hot path: it scans by index, without regular
 * expressions, and shares {@link Parameters#EMPTY} when there are no parameters.
 *
 * <p>Immutable and thread-safe; the {@code with*} methods return changed copies.
 */
public final class Address {
    /** Headers whose grammar has name-addr only (RFC 3261 §25.1, RFC 3327, RFC 3608). */
    private static final String[] NAME_ADDR_ONLY = {"Route", "Record-Route", "Path", "Service-Route"};

    /** Null when there is no display name. */
    private final String displayName;
    private final Uri uri;
    private final Parameters parameters;
    /** True when the value is written as a name-addr even if nothing else asks for brackets. */
    private final boolean nameAddr;

    /** Callers have checked every part. */
    private Address(String displayName, Uri uri, Parameters parameters, boolean nameAddr) {
        this.displayName = displayName;
        this.uri = uri;
        this.parameters = parameters;
        this.nameAddr = nameAddr;
    }

    /** The name-addr {@code <uri>;parameters} that {@link AddressScanner} read and checked. */
    static Address checked(Uri uri, Parameters parameters) {
        return new Address(null, uri, parameters, true);
    }

    /**
     * Parses one address header value straight from the message bytes {@code bytes[from, to)} (the
     * unfolded value of one header line), as {@link #parse(String, String)} would parse it for any
     * address header, when it has the plain form nearly every Route, Record-Route, Path and Contact
     * has: {@code <sip-uri>} with token parameters, no display name, no whitespace, one element.
     * Meant for Parley's own message parser ({@code SipMessage.routes()}, {@code contacts()}), which
     * needs it across packages; other code should use {@link #parse(String, String)}.
     *
     * @return the address, equal to what {@link #parse(String, String)} gives; empty when the value
     *     is not of the plain form or breaks the grammar: {@link #parse(String, String)} then decides
     *     and reports
     * @throws IndexOutOfBoundsException when the range is not inside {@code bytes}
     */
    public static Optional<Address> parseNameAddr(byte[] bytes, int from, int to) {
        Objects.checkFromToIndex(from, to, bytes.length);
        return Optional.ofNullable(AddressScanner.nameAddr(bytes, from, to));
    }

    /** The address {@code <uri>}, without display name or parameters. */
    public static Address of(Uri uri) {
        return new Address(null, Objects.requireNonNull(uri, "uri"), Parameters.EMPTY, true);
    }

    /**
     * The address {@code "displayName" <uri>}, without parameters.
     *
     * @param displayName the display name as a person reads it (not quoted); any text without CR
     *     or LF, possibly empty
     * @throws IllegalArgumentException when the display name holds CR or LF
     */
    public static Address of(String displayName, Uri uri) {
        return new Address(checkDisplayName(displayName), Objects.requireNonNull(uri, "uri"), Parameters.EMPTY,
                true);
    }

    /**
     * Parses ONE element of an address header: the value of From or To, or one element of a
     * Contact, Route, Record-Route or Path list already split at its commas (and unfolded) by
     * {@link org.parley.message.HeaderValues#split}. Whitespace is allowed around '<', '>', ';'
     * and '='; a token display name may touch the '<' ({@code caller<sip:caller@example.com>},
     * RFC 4475 §3.1.1.6).
     *
     * @param headerName the header, named in error reason phrases; for Route, Record-Route, Path
     *     and Service-Route (any case) only name-addr is accepted
     * @param element the element
     * @throws SipParseException (400 naming the header) for an empty element, an unterminated
     *     quoted string (RFC 4475 §3.1.2.6), a display name that is neither a quoted string nor
     *     tokens (RFC 4475 §3.1.2.15), a missing '>', whitespace inside the brackets (RFC 4475
     *     §3.1.2.14), a bare URI holding ',' or '?' (RFC 4475 §3.1.2.13), a URI that breaks its
     *     scheme's grammar, an empty parameter name, a tag that is not a token, or anything after
     *     the parameters
     */
    public static Address parse(String headerName, String element) {
        HeaderScanner s = new HeaderScanner(headerName, Objects.requireNonNull(element, "element"));
        s.skipLws();
        if (s.atEnd()) {
            throw s.error("empty value");
        }
        Optional<String> displayName = s.readDisplayName();
        Address address = s.peek() == '<'
                ? readNameAddr(s, element, displayName.orElse(null))
                : readAddrSpec(s, headerName, element);
        checkTag(s, address.parameters);
        return address;
    }

    /** {@code "<" addr-spec ">" *(SEMI param)}, the cursor on the '<'. */
    private static Address readNameAddr(HeaderScanner s, String element, String displayName) {
        int from = s.position() + 1;
        s.position(from);
        int to = s.find('>', "'>' after the URI");
        s.position(to);
        Uri uri;
        try {
            // Parsed in place: the URI makes its own copy of the text only when asked for it.
            uri = Uri.parse(element, from, to);
        } catch (SipParseException e) {
            // RFC 3261 §25.1: LAQUOT and RAQUOT carry the optional whitespace, addr-spec none. Every
            // URI grammar refuses whitespace, so it is looked for only once the URI has failed.
            if (hasWhitespace(element, from, to)) {
                throw s.error("whitespace inside '<' '>'");
            }
            throw uriError(s, e);
        }
        s.position(s.position() + 1);
        Parameters params = s.readParameters();
        s.expectEnd();
        return new Address(displayName, uri, params, true);
    }

    /** {@code addr-spec *(SEMI param)}: the URI ends at the first ';' or whitespace (RFC 3261 §20). */
    private static Address readAddrSpec(HeaderScanner s, String headerName, String element) {
        int from = s.position();
        int to = from;
        while (to < s.end() && !endsBareUri(element.charAt(to))) {
            to++;
        }
        s.position(to);
        s.skipLws();
        if (!s.atEnd() && s.peek() != ';') {
            if (element.indexOf('<', to) >= 0) {
                throw s.error("display name must be a quoted string or tokens");
            }
            throw s.error("unexpected " + HeaderScanner.describe(s.peek()) + " after the URI");
        }
        for (String name : NAME_ADDR_ONLY) {
            if (name.equalsIgnoreCase(headerName)) {
                throw s.error("URI must be enclosed in '<' '>'");
            }
        }
        for (int i = from; i < to; i++) {
            char c = element.charAt(i);
            if (c == ',' || c == '?') {
                // RFC 3261 §20: such a URI MUST be written as a name-addr.
                throw s.error("URI holding ',' or '?' must be enclosed in '<' '>'");
            }
        }
        Uri uri = parseUri(s, element.substring(from, to));
        s.position(to);
        Parameters params = s.readParameters();
        s.expectEnd();
        return new Address(null, uri, params, false);
    }

    private static boolean endsBareUri(char c) {
        return c == ';' || c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    private static Uri parseUri(HeaderScanner s, String text) {
        try {
            return Uri.parse(text);
        } catch (SipParseException e) {
            throw uriError(s, e);
        }
    }

    private static SipParseException uriError(HeaderScanner s, SipParseException e) {
        String problem = e.reason();
        if (problem.startsWith("URI: ")) {
            problem = problem.substring(5);
        }
        return s.error("bad URI, " + problem);
    }

    private static boolean hasWhitespace(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                return true;
            }
        }
        return false;
    }

    /** RFC 3261 §25.1 tag-param = "tag" EQUAL token. */
    private static void checkTag(HeaderScanner s, Parameters params) {
        if (!params.isEmpty() && params.has("tag")) {
            String tag = params.getOrNull("tag");
            if (tag == null || !Syntax.isToken(tag)) {
                throw s.error("tag must be a token");
            }
        }
    }

    private static String checkDisplayName(String displayName) {
        Objects.requireNonNull(displayName, "displayName");
        if (displayName.indexOf('\r') >= 0 || displayName.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("display name must not contain CR or LF, was \""
                    + displayName.replace("\r", "\\r").replace("\n", "\\n") + "\"");
        }
        return displayName;
    }

    private static Parameters checkParameters(Parameters parameters) {
        Objects.requireNonNull(parameters, "parameters");
        for (int i = 0; i < parameters.size(); i++) {
            String name = parameters.name(i);
            Checks.requireToken("address parameter name", name);
            String value = parameters.value(i).orElse(null);
            Checks.requireGenericValue("address parameter " + name, value);
            if (name.equalsIgnoreCase("tag") && (value == null || !Syntax.isToken(value))) {
                throw new IllegalArgumentException("tag must be a token, was "
                        + (value == null ? "no value" : "\"" + value + "\""));
            }
        }
        return parameters;
    }

    /** The display name, decoded (no quotes, no escapes); empty when there is none. */
    public Optional<String> displayName() {
        return Optional.ofNullable(displayName);
    }

    /** The URI: a {@link org.parley.message.uri.SipUri}, {@link org.parley.message.uri.TelUri} or other. */
    public Uri uri() {
        return uri;
    }

    /** The header parameters after the URI, in order, values as written. */
    public Parameters parameters() {
        return parameters;
    }

    /** The tag parameter (RFC 3261 §19.3), a token. */
    public Optional<String> tag() {
        return parameters.isEmpty() ? Optional.empty() : parameters.get("tag");
    }

    /**
     * True when {@link #toString()} encloses the URI in angle brackets: the value was parsed or
     * built as a name-addr, has a display name, or its URI holds ',', ';' or '?'.
     */
    public boolean hasAngleBrackets() {
        return nameAddr || displayName != null || needsBrackets(uri.toString());
    }

    private static boolean needsBrackets(String uri) {
        for (int i = 0; i < uri.length(); i++) {
            char c = uri.charAt(i);
            if (c == ',' || c == ';' || c == '?') {
                return true;
            }
        }
        return false;
    }

    /**
     * This address with another display name.
     *
     * @param name the display name as a person reads it; any text without CR or LF
     * @throws IllegalArgumentException when the name holds CR or LF
     */
    public Address withDisplayName(String name) {
        return new Address(checkDisplayName(name), uri, parameters, nameAddr);
    }

    /** This address without display name. */
    public Address withoutDisplayName() {
        return new Address(null, uri, parameters, nameAddr);
    }

    /** This address with another URI. */
    public Address withUri(Uri newUri) {
        return new Address(displayName, Objects.requireNonNull(newUri, "newUri"), parameters, nameAddr);
    }

    /**
     * This address with these header parameters instead of its own.
     *
     * @throws IllegalArgumentException when a name is not a token, a value is not a token, host
     *     or quoted string as written, or a tag is not a token
     */
    public Address withParameters(Parameters newParameters) {
        return new Address(displayName, uri, checkParameters(newParameters), nameAddr);
    }

    /**
     * This address with a header parameter set (replacing the first of that name, else appended).
     *
     * @param name a token
     * @param value the value as written (token, host or quoted-string), or null for a flag
     * @throws IllegalArgumentException when the name or value breaks that grammar
     */
    public Address withParameter(String name, String value) {
        Checks.requireToken("address parameter name", name);
        return withParameters(parameters.toBuilder().set(name, value).build());
    }

    /** This address without any header parameter of this name (any case). */
    public Address withoutParameter(String name) {
        Objects.requireNonNull(name, "name");
        return parameters.has(name)
                ? new Address(displayName, uri, parameters.toBuilder().remove(name).build(), nameAddr) : this;
    }

    /**
     * This address with the tag parameter set (RFC 3261 §19.3).
     *
     * @throws IllegalArgumentException when the tag is not a token
     */
    public Address withTag(String tag) {
        return withParameter("tag", Checks.requireToken("tag", tag));
    }

    /** Appends the wire form, as {@link #toString()} gives it. */
    public void appendTo(StringBuilder out) {
        String u = uri.toString();
        if (displayName != null) {
            if (isTokenSequence(displayName)) {
                out.append(displayName);
            } else {
                HeaderScanner.appendQuoted(out, displayName);
            }
            out.append(' ');
        }
        if (nameAddr || displayName != null || needsBrackets(u)) {
            out.append('<').append(u).append('>');
        } else {
            out.append(u);
        }
        parameters.appendTo(out);
    }

    /** True for tokens separated by single spaces (RFC 3261 §25.1 display-name without quotes). */
    private static boolean isTokenSequence(String s) {
        int n = s.length();
        if (n == 0 || s.charAt(0) == ' ' || s.charAt(n - 1) == ' ') {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c == ' ' ? s.charAt(i - 1) == ' ' : !Syntax.isTokenChar(c)) {
                return false;
            }
        }
        return true;
    }

    /** The canonical wire form: {@code display-name <uri>;params}; see the class comment. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(64 + (displayName == null ? 0 : displayName.length()));
        appendTo(out);
        return out.toString();
    }

    /**
     * Same display name (exactly, or both absent), equal URIs by the URI's own {@code equals}
     * (RFC 3261 §19.1.4 for SIP URIs) and equal parameters ({@link Parameters#equals}). Whether
     * angle brackets are written is not compared.
     */
    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof Address a && Objects.equals(a.displayName, displayName)
                && a.uri.equals(uri) && a.parameters.equals(parameters);
    }

    @Override
    public int hashCode() {
        return Objects.hash(displayName, uri, parameters);
    }
}
