package org.parley.message.header;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.parley.message.Parameters;
import org.parley.message.SipParseException;

/**
 * A media type as Content-Type and the elements of Accept carry it (RFC 3261 §20.1, §20.15,
 * §25.1 media-type: {@code m-type SLASH m-subtype *(SEMI m-parameter)}), e.g.
 * {@code application/sdp} or {@code text/plain;charset=UTF-8}.
 *
 * <p>Type and subtype compare case-insensitively and are kept lower-case. Parameters keep their
 * order and spelling, values as written (quoted strings keep their quotes; see
 * {@link #parameter(String)} for the text). A media range of Accept may use wildcards:
 * {@code *}{@code /*} or {@code type/*}; {@link #matches(MediaType)} applies them.
 *
 * <p>Immutable and thread-safe.
 *
 * @param type the top-level type, lower-case, or "*"
 * @param subtype the subtype, lower-case, or "*"
 * @param parameters the parameters, in order
 */
public record MediaType(String type, String subtype, Parameters parameters) {
    /** {@code application/sdp}, RFC 3264. */
    public static final MediaType APPLICATION_SDP = of("application", "sdp");
    /** {@code application/pidf+xml}, RFC 3863. */
    public static final MediaType APPLICATION_PIDF_XML = of("application", "pidf+xml");
    /** {@code application/simple-message-summary}, RFC 3842. */
    public static final MediaType APPLICATION_SIMPLE_MESSAGE_SUMMARY = of("application", "simple-message-summary");
    /** {@code application/dialog-info+xml}, RFC 4235. */
    public static final MediaType APPLICATION_DIALOG_INFO_XML = of("application", "dialog-info+xml");
    /** {@code message/sipfrag}, RFC 3420. */
    public static final MediaType MESSAGE_SIPFRAG = of("message", "sipfrag");
    /** {@code text/plain}. */
    public static final MediaType TEXT_PLAIN = of("text", "plain");
    /** {@code multipart/mixed}, RFC 2046. */
    public static final MediaType MULTIPART_MIXED = of("multipart", "mixed");
    /** The range {@code *}{@code /*} that matches every media type. */
    public static final MediaType ANY = of("*", "*");

    private static final String[] TYPES = {"application", "text", "multipart", "message", "*"};
    private static final String[] SUBTYPES = {"sdp", "pidf+xml", "plain", "mixed", "sipfrag", "*"};

    /**
     * Checks the parts and lower-cases type and subtype.
     *
     * @throws IllegalArgumentException when type or subtype is not a token, or the type is "*"
     *     and the subtype is not
     */
    public MediaType {
        type = Checks.requireToken("media type", type).toLowerCase(Locale.ROOT);
        subtype = Checks.requireToken("media subtype", subtype).toLowerCase(Locale.ROOT);
        Objects.requireNonNull(parameters, "parameters");
        if (type.equals("*") && !subtype.equals("*")) {
            throw new IllegalArgumentException("media range with type * must have subtype *, was \""
                    + type + "/" + subtype + "\"");
        }
    }

    /** The media type {@code type/subtype} without parameters. */
    public static MediaType of(String type, String subtype) {
        return new MediaType(type, subtype, Parameters.EMPTY);
    }

    /**
     * Parses a Content-Type value or one element of Accept. LWS is allowed around '/', ';' and
     * '='.
     *
     * @throws SipParseException (400 naming Content-Type) when it does not follow the grammar
     */
    public static MediaType parse(String element) {
        return parse("Content-Type", element);
    }

    /**
     * Parses a media type, naming {@code headerName} (e.g. "Accept") in errors.
     *
     * @throws SipParseException (400 naming the header) when it does not follow the grammar, or
     *     for a range {@code *}{@code /subtype}
     */
    public static MediaType parse(String headerName, String element) {
        HeaderScanner s = new HeaderScanner(headerName, element);
        s.skipLws();
        String type = s.readToken("media type", TYPES);
        s.expect('/', "after media type");
        String subtype = s.readToken("media subtype", SUBTYPES);
        if (type.equals("*") && !subtype.equals("*")) {
            throw s.error("media range with type * must have subtype *");
        }
        Parameters params = s.readParameters();
        s.expectEnd();
        return new MediaType(type, subtype, params);
    }

    /** This type with these parameters instead. */
    public MediaType withParameters(Parameters newParameters) {
        return new MediaType(type, subtype, newParameters);
    }

    /** This type without parameters. */
    public MediaType withoutParameters() {
        return parameters.isEmpty() ? this : new MediaType(type, subtype, Parameters.EMPTY);
    }

    /** The text of a parameter (quotes removed, RFC 3261 §25.1 m-value), e.g. the charset. */
    public Optional<String> parameter(String name) {
        return parameters.get(name).map(HeaderScanner::unquote);
    }

    /** True when type or subtype is "*". */
    public boolean isWildcard() {
        return type.equals("*") || subtype.equals("*");
    }

    /**
     * True when this media range covers {@code other}: types equal or this type "*", subtypes
     * equal or this subtype "*". Parameters are not compared: {@code application/sdp} matches
     * {@code application/sdp;charset=UTF-8}.
     */
    public boolean matches(MediaType other) {
        return (type.equals("*") || type.equals(other.type)) && (subtype.equals("*") || subtype.equals(other.subtype));
    }

    /** The wire form: {@code type/subtype[;params]}. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(type.length() + subtype.length() + 1);
        out.append(type).append('/').append(subtype);
        parameters.appendTo(out);
        return out.toString();
    }
}
