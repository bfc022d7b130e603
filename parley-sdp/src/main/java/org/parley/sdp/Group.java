package org.parley.sdp;

import java.util.List;

/**
 * The value of {@code a=group} (RFC 5888 §5): a semantics such as {@code BUNDLE} (RFC 9143) or
 * {@code LS}, and the media identifications ({@code a=mid}) it groups. Immutable.
 *
 * @param semantics the semantics token
 * @param mids the identification tags, in order
 */
public record Group(String semantics, List<String> mids) {
    /** Checks the tokens and copies the list. */
    public Group {
        Syntax.requireToken(semantics, "group semantics");
        mids = List.copyOf(mids);
        for (String mid : mids) {
            Syntax.requireToken(mid, "group identification tag");
        }
    }

    /**
     * Parses {@code semantics *(SP identification-tag)}.
     *
     * @throws SdpParseException naming the problem
     */
    public static Group parse(String value) {
        String[] parts = value.split(" ", -1);
        for (String part : parts) {
            if (!Syntax.isToken(part)) {
                throw SdpParseException.badValue("group", "expected \"<semantics> <mid>...\", got \"" + value + "\"");
            }
        }
        return new Group(parts[0], List.of(parts).subList(1, parts.length));
    }

    /** The attribute value. */
    @Override
    public String toString() {
        return mids.isEmpty() ? semantics : semantics + ' ' + String.join(" ", mids);
    }
}
