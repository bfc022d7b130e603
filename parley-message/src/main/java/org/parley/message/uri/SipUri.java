package org.parley.message.uri;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.parley.message.Method;
import org.parley.message.Parameters;
import org.parley.message.SipParseException;

/**
 * A sip or sips URI (RFC 3261 §19.1, grammar §25.1 {@code SIP-URI} / {@code SIPS-URI}):
 * {@code sip:user:password@host:port;uri-parameters?headers}.
 *
 * <p>The user, password, parameter values and headers are kept as written, escapes included;
 * {@link #decodedUser()} undoes them. The typed accessors ({@link #transport()}, {@link #ttl()},
 * {@link #maddr()}, ...) read the parameters RFC 3261 §19.1.1 defines; the constructor makes sure
 * those follow their grammar. {@link #equals(Object)} follows RFC 3261 §19.1.4.
 *
 * <p>{@link #toString()} returns the text a parsed URI was read from, unchanged; a built URI
 * serializes canonically: lower-case scheme, components in grammar order. Immutable; the host and
 * the uri-parameters of a parsed URI are checked when parsed and built on first access.
 */
public final class SipUri implements Uri {
    private final boolean secure;
    /** Escaped, null when absent. */
    private final String user;
    /** Escaped, null when absent. */
    private final String password;
    /** Null until first asked for when the parsed host is a name or IPv4 address: see {@link #host()}. */
    private Host host;
    /** Where the host lies in {@link #text}, for a parsed URI. */
    private final int hostFrom;
    private final int hostTo;
    /** -1 when absent. */
    private final int port;
    /** Null until first asked for when the parsed URI has uri-parameters: see {@link #parameters()}. */
    private Parameters parameters;
    /** Where the ';' of the first uri-parameter lies in {@link #text}, for a parsed URI. */
    private final int parametersFrom;
    private final Parameters headers;
    /** The wire form; for a URI parsed out of a longer string, null until {@link #toString()}. */
    private String text;
    /** A parsed URI is {@code source[textFrom, textTo)}; host and parameter offsets are within source. */
    private final String source;
    private final int textFrom;
    private final int textTo;

    /**
     * Takes checked components; {@code text} is the original wire form, or null to serialize. A
     * null {@code host} is the checked host name or IPv4 address {@code text[hostFrom, hostTo)}; null
     * {@code parameters} are the checked uri-parameters from {@code text[parametersFrom]} on.
     */
    SipUri(boolean secure, String user, String password, Host host, int hostFrom, int hostTo, int port,
            Parameters parameters, int parametersFrom, Parameters headers, String text) {
        this(secure, user, password, host, hostFrom, hostTo, port, parameters, parametersFrom, headers, text, 0,
                text == null ? 0 : text.length());
    }

    /**
     * A URI parsed from {@code source[textFrom, textTo)}: the offsets are within {@code source}, and
     * the text of the URI alone is made when first asked for (an Address parses its URI in place).
     */
    SipUri(boolean secure, String user, String password, Host host, int hostFrom, int hostTo, int port,
            Parameters parameters, int parametersFrom, Parameters headers, String source, int textFrom,
            int textTo) {
        this.secure = secure;
        this.user = user;
        this.password = password;
        this.host = host;
        this.hostFrom = hostFrom;
        this.hostTo = hostTo;
        this.port = port;
        this.parameters = parameters;
        this.parametersFrom = parametersFrom;
        this.headers = headers;
        this.source = source;
        this.textFrom = textFrom;
        this.textTo = textTo;
        if (source == null) {
            this.text = serialize();
        } else if (textFrom == 0 && textTo == source.length()) {
            this.text = source;
        }
    }

    /**
     * Parses a sip or sips URI.
     *
     * @throws SipParseException (400) when the text is not one
     */
    public static SipUri parse(String text) {
        Objects.requireNonNull(text, "text");
        int colon = UriChars.schemeEnd(text);
        if (!SipUriParser.isSipScheme(text, colon)) {
            throw UriChars.bad("scheme must be sip or sips, was \"" + UriChars.quote(text, 0, colon) + "\"", 0);
        }
        return SipUriParser.parse(text, colon);
    }

    /**
     * Parses a sip or sips URI straight from message bytes {@code bytes[from, to)}, as
     * {@link #parse(String)} would parse their text, when it has the plain form nearly every Route,
     * Record-Route and Contact URI has: printable ASCII, no escapes, no password, a host name or
     * IPv4 host, no URI headers, no ttl or maddr parameter. Meant for Parley's own message parser,
     * which needs it across packages; other code should use {@link #parse(String)}.
     *
     * @return the URI, equal to what {@link #parse(String)} gives for the same text (same
     *     {@link #toString()}); empty when the text is not of the plain form or breaks the grammar:
     *     {@link #parse(String)} then decides and reports
     * @throws IndexOutOfBoundsException when the range is not inside {@code bytes}
     */
    public static Optional<SipUri> parsePlain(byte[] bytes, int from, int to) {
        Objects.checkFromToIndex(from, to, bytes.length);
        return Optional.ofNullable(SipUriScanner.plain(bytes, from, to));
    }

    /** Starts a builder; {@link Builder#host(Host)} must be called before {@link Builder#build()}. */
    public static Builder builder() {
        return new Builder(null);
    }

    /** A builder holding this URI's components; building it unchanged gives back this URI. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** "sips" for a secure URI, else "sip". */
    @Override
    public String scheme() {
        return secure ? "sips" : "sip";
    }

    /** True for a sips URI (RFC 3261 §19.1). */
    public boolean isSecure() {
        return secure;
    }

    /** The user part as written, escapes included; may hold ';' parameters of a telephone-subscriber. */
    public Optional<String> user() {
        return Optional.ofNullable(user);
    }

    /** The user part with one level of escapes undone (RFC 3261 §19.1.2), read as UTF-8. */
    public Optional<String> decodedUser() {
        return user == null ? Optional.empty() : Optional.of(UriEscapes.decode(user));
    }

    /** The password as written (RFC 3261 §19.1.1 discourages it, but the grammar allows it). */
    public Optional<String> password() {
        return Optional.ofNullable(password);
    }

    /** The host. */
    public Host host() {
        Host h = host;
        if (h == null) {
            // Built at most a few times under a race; Host is immutable, so any copy will do.
            h = Host.nameOrIpv4(source, hostFrom, hostTo);
            host = h;
        }
        return h;
    }

    /** The port, when the URI names one. No default is filled in (RFC 3261 §19.1.4). */
    public OptionalInt port() {
        return port < 0 ? OptionalInt.empty() : OptionalInt.of(port);
    }

    /** The uri-parameters in order, values as written. */
    public Parameters parameters() {
        Parameters p = parameters;
        if (p == null) {
            // Read again from the text the parser checked; built at most a few times under a race.
            p = SipUriParser.readParameters(source, parametersFrom, textTo);
            parameters = p;
        }
        return p;
    }

    /** The headers of the {@code ?name=value&...} part in order, as written (RFC 3261 §19.1.1). */
    public Parameters headers() {
        return headers;
    }

    /** The transport parameter as written (RFC 3261 §19.1.1), e.g. "tcp". */
    public Optional<String> transport() {
        return parameters().get("transport");
    }

    /** The user parameter ("phone", "ip", ...; RFC 3261 §19.1.1). */
    public Optional<String> userParam() {
        return parameters().get("user");
    }

    /** The method parameter (RFC 3261 §19.1.1); the constructor ensured it is a token. */
    public Optional<Method> methodParam() {
        String m = parameters().getOrNull("method");
        return m == null ? Optional.empty() : Optional.of(Method.of(m));
    }

    /** The maddr parameter (RFC 3261 §19.1.1); the constructor ensured it is a host. */
    public Optional<Host> maddr() {
        String m = parameters().getOrNull("maddr");
        return m == null ? Optional.empty() : Optional.of(Host.parse(m));
    }

    /** The ttl parameter, 0 to 255 (RFC 3261 §19.1.1). */
    public OptionalInt ttl() {
        String t = parameters().getOrNull("ttl");
        return t == null ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(t));
    }

    /** True when the lr parameter is present: the element is a loose router (RFC 3261 §19.1.1). */
    public boolean isLooseRouter() {
        return parameters().has("lr");
    }

    private String serialize() {
        StringBuilder out = new StringBuilder(48);
        out.append(secure ? "sips:" : "sip:");
        if (user != null) {
            out.append(user);
            if (password != null) {
                out.append(':').append(password);
            }
            out.append('@');
        }
        out.append(host);
        if (port >= 0) {
            out.append(':').append(port);
        }
        parameters.appendTo(out);
        for (int i = 0; i < headers.size(); i++) {
            out.append(i == 0 ? '?' : '&').append(headers.name(i)).append('=')
                    .append(headers.value(i).orElse(""));
        }
        return out.toString();
    }

    /**
     * RFC 3261 §19.1.4: same scheme; userinfo equal case-sensitively; host equal (names ignoring
     * case, addresses by value); port present in both and equal, or absent in both; the transport,
     * user, ttl, method and maddr parameters present in both and equal, or absent in both; other
     * parameters equal where both have them; the same headers. A character outside the reserved set
     * equals its escape; parameter values compare ignoring case, header values exactly (RFC 3261
     * leaves header matching to each header's own rules, which this package does not know).
     *
     * <p>Like the RFC rule it implements, this relation is not transitive: {@code ;a=1} and
     * {@code ;b=2} both equal a URI with neither, but not each other. {@link #hashCode()} hashes
     * only what every equal URI shares, so hashed collections still work.
     */
    @Override
    public boolean equals(Object o) {
        if (o == this) {
            return true;
        }
        return o instanceof SipUri u && u.secure == secure && u.port == port && u.host().equals(host())
                && SipUriComparison.sameUserinfo(user, u.user)
                && SipUriComparison.sameUserinfo(password, u.password)
                && SipUriComparison.sameParameters(parameters(), u.parameters())
                && SipUriComparison.sameHeaders(headers, u.headers);
    }

    @Override
    public int hashCode() {
        int h = Boolean.hashCode(secure);
        h = 31 * h + port;
        h = 31 * h + host().hashCode();
        h = 31 * h + (user == null ? 0 : UriEscapes.normalize(user).hashCode());
        return 31 * h + SipUriComparison.hashOfComparedParameters(parameters());
    }

    /** The wire form: the text as parsed, or the canonical form of a built URI. */
    @Override
    public String toString() {
        String t = text;
        if (t == null) {
            // Made at most a few times under a race; any copy is equal.
            t = source.substring(textFrom, textTo);
            text = t;
        }
        return t;
    }

    /**
     * Builds a {@link SipUri}, checking every component against RFC 3261 §25.1. Components are
     * given as they appear on the wire (escaped); {@link UriEscapes#encode} escapes raw text.
     * Not thread-safe.
     */
    public static final class Builder {
        private SipUri original;
        private boolean secure;
        private String user;
        private String password;
        private Host host;
        private int port = -1;
        private Parameters parameters = Parameters.EMPTY;
        private Parameters headers = Parameters.EMPTY;

        private Builder(SipUri from) {
            original = from;
            if (from != null) {
                secure = from.secure;
                user = from.user;
                password = from.password;
                host = from.host();
                port = from.port;
                parameters = from.parameters();
                headers = from.headers;
            }
        }

        private Builder changed() {
            original = null;
            return this;
        }

        /** Makes this a sips URI ({@code true}) or a sip URI. */
        public Builder secure(boolean isSecure) {
            this.secure = isSecure;
            return changed();
        }

        /** Sets the user part, escaped as on the wire (RFC 3261 §25.1 user). */
        public Builder user(String escapedUser) {
            this.user = Objects.requireNonNull(escapedUser, "escapedUser");
            return changed();
        }

        /** Removes the user part and the password. */
        public Builder clearUser() {
            this.user = null;
            this.password = null;
            return changed();
        }

        /** Sets the password, escaped as on the wire; it requires a user. */
        public Builder password(String escapedPassword) {
            this.password = Objects.requireNonNull(escapedPassword, "escapedPassword");
            return changed();
        }

        /** Removes the password. */
        public Builder clearPassword() {
            this.password = null;
            return changed();
        }

        /** Sets the host. */
        public Builder host(Host newHost) {
            this.host = Objects.requireNonNull(newHost, "newHost");
            return changed();
        }

        /** Sets the host from text; see {@link Host#of(String)}. */
        public Builder host(String newHost) {
            return host(Host.of(newHost));
        }

        /** Sets the port, 0 to 65535. */
        public Builder port(int newPort) {
            if (newPort < 0 || newPort > 65535) {
                throw new IllegalArgumentException("port must be 0..65535, was " + newPort);
            }
            this.port = newPort;
            return changed();
        }

        /** Removes the port. */
        public Builder clearPort() {
            this.port = -1;
            return changed();
        }

        /** Replaces all uri-parameters. */
        public Builder parameters(Parameters newParameters) {
            this.parameters = Objects.requireNonNull(newParameters, "newParameters");
            return changed();
        }

        /** Sets a uri-parameter, escaped as on the wire; a null value gives {@code ;name}. */
        public Builder parameter(String name, String value) {
            this.parameters = parameters.toBuilder().set(name, value).build();
            return changed();
        }

        /** Removes every uri-parameter of this name. */
        public Builder removeParameter(String name) {
            this.parameters = parameters.toBuilder().remove(name).build();
            return changed();
        }

        /** Sets the transport parameter (RFC 3261 §19.1.1). */
        public Builder transport(String transport) {
            return parameter("transport", Objects.requireNonNull(transport, "transport"));
        }

        /** Adds ({@code true}) or removes the lr parameter (RFC 3261 §19.1.1). */
        public Builder looseRouter(boolean lr) {
            return lr ? parameter("lr", null) : removeParameter("lr");
        }

        /** Replaces all headers; every header needs a value, which may be empty. */
        public Builder headers(Parameters newHeaders) {
            this.headers = Objects.requireNonNull(newHeaders, "newHeaders");
            return changed();
        }

        /** Appends a header {@code name=value}, escaped as on the wire. */
        public Builder header(String name, String value) {
            Objects.requireNonNull(value, "value");
            this.headers = headers.toBuilder().add(name, value).build();
            return changed();
        }

        /** Removes every header of this name. */
        public Builder removeHeader(String name) {
            this.headers = headers.toBuilder().remove(name).build();
            return changed();
        }

        /**
         * The URI.
         *
         * @throws IllegalStateException when no host was set
         * @throws IllegalArgumentException when a component breaks the RFC 3261 §25.1 grammar
         */
        public SipUri build() {
            if (original != null) {
                return original;
            }
            if (host == null) {
                throw new IllegalStateException("a SIP URI needs a host");
            }
            SipUriParser.checkUserinfo(user, password);
            SipUriParser.checkParameters(parameters);
            SipUriParser.checkHeaders(headers);
            return new SipUri(secure, user, password, host, 0, 0, port, parameters, 0, headers, null);
        }
    }
}
