package org.parley.message.header;

import java.util.Collection;
import java.util.Objects;
import org.parley.message.SipParseException;

/**
 * Option tags, the elements of Require, Proxy-Require, Supported and Unsupported (RFC 3261
 * §19.2, §20.32, §20.29, §20.37, §20.40; {@code option-tag = token}). Tags compare
 * case-sensitively (RFC 3261 §19.2). Stateless.
 */
public final class OptionTags {
    /** Reliable provisional responses, RFC 3262. */
    public static final String REL_100 = "100rel";
    /** Session timers, RFC 4028. */
    public static final String TIMER = "timer";
    /** The Replaces header, RFC 3891. */
    public static final String REPLACES = "replaces";
    /** The Path header, RFC 3327. */
    public static final String PATH = "path";
    /** Client-initiated connections, RFC 5626. */
    public static final String OUTBOUND = "outbound";
    /** Globally routable UA URIs, RFC 5627. */
    public static final String GRUU = "gruu";
    /** REFER without implicit subscription, RFC 4488. */
    public static final String NOREFERSUB = "norefersub";

    private OptionTags() {
    }

    /**
     * Parses one element of an option-tag list.
     *
     * @param headerName the header, named in the error (e.g. "Require")
     * @throws SipParseException (400 naming the header) when the element is not one token
     */
    public static String parse(String headerName, String element) {
        HeaderScanner s = new HeaderScanner(headerName, element);
        s.skipLws();
        String tag = s.readToken("option tag");
        s.expectEnd();
        return tag;
    }

    /**
     * The elements of a header value listing these tags: {@code tag1, tag2}.
     *
     * @throws IllegalArgumentException when a tag is not a token
     */
    public static String format(Collection<String> tags) {
        StringBuilder out = new StringBuilder();
        for (String tag : tags) {
            Checks.requireToken("option tag", Objects.requireNonNull(tag, "tag"));
            if (!out.isEmpty()) {
                out.append(", ");
            }
            out.append(tag);
        }
        return out.toString();
    }
}
