package org.parley.sdp;

import java.util.Optional;

/**
 * An {@code a=} line (RFC 8866 §5.13, §6): a property attribute ({@code a=rtcp-mux}) or a value
 * attribute ({@code a=rtpmap:0 PCMU/8000}). Every attribute is kept, known or not, in order, and its
 * value byte for byte; typed views such as {@link RtpMap} parse a value when asked. Immutable.
 */
public final class Attribute {
    private final String name;
    private final String value;

    private Attribute(String name, String value) {
        this.name = Syntax.requireToken(name, "attribute name");
        this.value = value == null ? null : Syntax.requireText(value, "attribute value");
    }

    /** A property attribute, {@code a=name}. */
    public static Attribute of(String name) {
        return new Attribute(name, null);
    }

    /** A value attribute, {@code a=name:value} (the value may be empty). */
    public static Attribute of(String name, String value) {
        return new Attribute(name, java.util.Objects.requireNonNull(value, "value"));
    }

    /**
     * Parses the text after {@code a=}.
     *
     * @throws SdpParseException when the name is not a token or the value holds NUL
     */
    public static Attribute parse(String line) {
        int colon = line.indexOf(':');
        String name = colon < 0 ? line : line.substring(0, colon);
        if (!Syntax.isToken(name)) {
            throw SdpParseException.badValue("attribute", "name \"" + name + "\" is not a token");
        }
        String value = colon < 0 ? null : line.substring(colon + 1);
        if (value != null && !Syntax.isText(value)) {
            throw SdpParseException.badValue("attribute", "value holds NUL");
        }
        return new Attribute(name, value);
    }

    /** The attribute name, case as written (RFC 8866 §5.13 names are case-sensitive). */
    public String name() {
        return name;
    }

    /** The value after the colon; empty for a property attribute. */
    public Optional<String> value() {
        return Optional.ofNullable(value);
    }

    /** Whether this is a property attribute (no colon). */
    public boolean isProperty() {
        return value == null;
    }

    /** The text after {@code a=}. */
    @Override
    public String toString() {
        return value == null ? name : name + ':' + value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Attribute a && a.name.equals(name) && java.util.Objects.equals(a.value, value);
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }
}
