package org.parley.message.uri;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.parley.message.Parameters;
import org.parley.message.SipParseException;

/**
 * A tel URI (RFC 3966): a global number ({@code tel:+1-201-555-0123}) or a local number with its
 * required phone-context ({@code tel:7042;phone-context=example.com}), with parameters such as
 * ext, isub and phone-context.
 *
 * <p>The number and the parameters are kept as written, visual separators ("-", ".", "(", ")")
 * included; {@link #digits()} drops the separators. {@link #equals(Object)} follows RFC 3966 §4.
 * {@link #toString()} returns the parsed text unchanged; a built URI is written in the order
 * RFC 3966 §3 asks: ext or isub first, then phone-context, then the others sorted by name.
 * Immutable.
 */
public final class TelUri implements Uri {
    private final String number;
    private final String digits;
    private final Parameters parameters;
    private final String text;

    /** Takes a checked number and parameters; {@code text} is the wire form, or null to write it. */
    TelUri(String number, Parameters parameters, String text) {
        this.number = number;
        this.digits = withoutSeparators(number);
        this.parameters = parameters;
        this.text = text != null ? text : "tel:" + number + parameters;
    }

    /**
     * Parses a tel URI.
     *
     * @throws SipParseException (400) when the text is not one
     */
    public static TelUri parse(String text) {
        Objects.requireNonNull(text, "text");
        int colon = UriChars.schemeEnd(text);
        if (!TelUriParser.isTelScheme(text, colon)) {
            throw UriChars.bad("scheme must be tel, was \"" + UriChars.quote(text, 0, colon) + "\"", 0);
        }
        return TelUriParser.parse(text, colon);
    }

    /** Starts a builder; {@link Builder#number(String)} must be called before building. */
    public static Builder builder() {
        return new Builder(null);
    }

    /** A builder holding this URI's parts; building it unchanged gives back this URI. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Always "tel". */
    @Override
    public String scheme() {
        return "tel";
    }

    /** True for a global number (starting with "+"), false for a local one. */
    public boolean isGlobal() {
        return number.charAt(0) == '+';
    }

    /** The number as written, visual separators included. */
    public String number() {
        return number;
    }

    /** The number without visual separators, e.g. "+12015550123" (RFC 3966 §5.1.1). */
    public String digits() {
        return digits;
    }

    /** The phone-context parameter: a domain name or a global number prefix (RFC 3966 §5.1.5). */
    public Optional<String> phoneContext() {
        return parameters.get(TelUriParser.PHONE_CONTEXT);
    }

    /** The ext parameter (RFC 3966 §5.2). */
    public Optional<String> extension() {
        return parameters.get(TelUriParser.EXTENSION);
    }

    /** The isub parameter (RFC 3966 §5.3), as written. */
    public Optional<String> isdnSubaddress() {
        return parameters.get(TelUriParser.ISDN_SUBADDRESS);
    }

    /** All parameters in order, as written, including ext, isub and phone-context. */
    public Parameters parameters() {
        return parameters;
    }

    static String withoutSeparators(String s) {
        int i = 0;
        while (i < s.length() && !UriChars.is(s.charAt(i), UriChars.VISUAL)) {
            i++;
        }
        if (i == s.length()) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        out.append(s, 0, i);
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!UriChars.is(c, UriChars.VISUAL)) {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * RFC 3966 §4: both global or both local; the same digits once visual separators are removed;
     * the same parameter names, in any order; phone-context compared as a host name or digit by
     * digit, ext digit by digit, other values as text. All comparisons ignore case.
     */
    @Override
    public boolean equals(Object o) {
        if (o == this) {
            return true;
        }
        if (!(o instanceof TelUri u) || !SipUriComparison.asciiEqualsIgnoreCase(u.digits, digits)
                || u.parameters.size() != parameters.size()) {
            return false;
        }
        NameIndex other = NameIndex.of(u.parameters, parameters.size());
        for (int i = 0; i < parameters.size(); i++) {
            String name = parameters.name(i);
            int j = other.indexOf(name);
            if (j < 0 || !sameValue(name, parameters.value(i).orElse(null), u.parameters.value(j).orElse(null))) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameValue(String name, String a, String b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (name.equalsIgnoreCase(TelUriParser.EXTENSION) || name.equalsIgnoreCase(TelUriParser.PHONE_CONTEXT)) {
            // Visual separators never matter in digits; a domain name holds none but "-" and ".", which
            // cannot be dropped from it.
            if (name.equalsIgnoreCase(TelUriParser.EXTENSION) || a.charAt(0) == '+') {
                return withoutSeparators(a).equals(withoutSeparators(b));
            }
            return a.equalsIgnoreCase(b);
        }
        return SipUriComparison.asciiEqualsIgnoreCase(UriEscapes.normalize(a), UriEscapes.normalize(b));
    }

    @Override
    public int hashCode() {
        return 31 * SipUriComparison.asciiLowerHash(digits) + parameters.size();
    }

    /** The wire form: the text as parsed, or the canonical form of a built URI. */
    @Override
    public String toString() {
        return text;
    }

    /**
     * Builds a {@link TelUri}, checking the number and parameters against RFC 3966 §3. Values are
     * given as they appear on the wire. Not thread-safe.
     */
    public static final class Builder {
        private TelUri original;
        private String number;
        private Parameters parameters = Parameters.EMPTY;

        private Builder(TelUri from) {
            original = from;
            if (from != null) {
                number = from.number;
                parameters = from.parameters;
            }
        }

        /** Sets the number: "+" and digits for a global number, else a local number. */
        public Builder number(String newNumber) {
            this.number = Objects.requireNonNull(newNumber, "newNumber");
            original = null;
            return this;
        }

        /** Sets the phone-context parameter (required for a local number, RFC 3966 §5.1.5). */
        public Builder phoneContext(String context) {
            return parameter(TelUriParser.PHONE_CONTEXT, Objects.requireNonNull(context, "context"));
        }

        /** Sets the ext parameter. */
        public Builder extension(String extension) {
            return parameter(TelUriParser.EXTENSION, Objects.requireNonNull(extension, "extension"));
        }

        /** Sets the isub parameter, escaped as on the wire. */
        public Builder isdnSubaddress(String subaddress) {
            return parameter(TelUriParser.ISDN_SUBADDRESS, Objects.requireNonNull(subaddress, "subaddress"));
        }

        /** Sets a parameter; a null value gives {@code ;name}. */
        public Builder parameter(String name, String value) {
            this.parameters = parameters.toBuilder().set(name, value).build();
            original = null;
            return this;
        }

        /** Removes every parameter of this name. */
        public Builder removeParameter(String name) {
            this.parameters = parameters.toBuilder().remove(name).build();
            original = null;
            return this;
        }

        /**
         * The URI.
         *
         * @throws IllegalStateException when no number was set
         * @throws IllegalArgumentException when the number or a parameter breaks RFC 3966 §3, or
         *     the phone-context is missing from a local number or present on a global one
         */
        public TelUri build() {
            if (original != null) {
                return original;
            }
            if (number == null) {
                throw new IllegalStateException("a tel URI needs a number");
            }
            if (TelUriParser.numberProblem(number, 0, number.length()) >= 0) {
                throw new IllegalArgumentException("number must be a global or local number (RFC 3966 §3), was \""
                        + UriChars.quote(number, 0, number.length()) + "\"");
            }
            for (int i = 0; i < parameters.size(); i++) {
                String problem = TelUriParser.parameterProblem(parameters.name(i), parameters.value(i).orElse(null));
                if (problem != null) {
                    throw new IllegalArgumentException(problem);
                }
            }
            String problem = TelUriParser.contextProblem(number.charAt(0) == '+', parameters);
            if (problem != null) {
                throw new IllegalArgumentException(problem);
            }
            return new TelUri(number, canonicalOrder(parameters), null);
        }

        /** RFC 3966 §3: ext or isub first, then phone-context, then the rest by name. */
        private static Parameters canonicalOrder(Parameters in) {
            List<Integer> rest = new ArrayList<>(in.size());
            Parameters.Builder out = Parameters.builder();
            for (String first : new String[] {TelUriParser.EXTENSION, TelUriParser.ISDN_SUBADDRESS,
                TelUriParser.PHONE_CONTEXT}) {
                if (in.has(first)) {
                    out.add(in.name(indexOf(in, first)), in.getOrNull(first));
                }
            }
            for (int i = 0; i < in.size(); i++) {
                String name = in.name(i);
                if (!name.equalsIgnoreCase(TelUriParser.EXTENSION)
                        && !name.equalsIgnoreCase(TelUriParser.ISDN_SUBADDRESS)
                        && !name.equalsIgnoreCase(TelUriParser.PHONE_CONTEXT)) {
                    rest.add(i);
                }
            }
            rest.sort((x, y) -> String.CASE_INSENSITIVE_ORDER.compare(in.name(x), in.name(y)));
            for (int i : rest) {
                out.add(in.name(i), in.value(i).orElse(null));
            }
            return out.build();
        }

        private static int indexOf(Parameters in, String name) {
            for (int i = 0; i < in.size(); i++) {
                if (in.name(i).equalsIgnoreCase(name)) {
                    return i;
                }
            }
            return -1;
        }
    }
}
