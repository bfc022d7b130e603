package org.parley.message.header;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.parley.message.SipParseException;

/**
 * A WWW-Authenticate or Proxy-Authenticate value (RFC 3261 §20.44, §20.27, §22.4; RFC 7616
 * §3.3; RFC 8760): an auth scheme and its comma-separated auth-params, e.g.
 * {@code Digest realm="atlanta.com", nonce="84a4cc6f", qop="auth", algorithm=SHA-256}.
 *
 * <p>The commas here separate parameters inside one challenge: the whole header field value is
 * one element, never split with {@code HeaderValues.split}. Any scheme parses (RFC 4475 §3.3.7);
 * an auth-param value may be a token or a quoted string and the accessors give its text, quotes
 * removed (RFC 7235 §2.2 makes both forms equal). {@link #toString()} writes the Digest
 * parameters with the quoting RFC 7616 §3.3 requires (realm, domain, nonce, opaque, qop quoted;
 * stale, algorithm, charset, userhash bare) and other values bare when they are tokens.
 *
 * <p>Immutable and thread-safe. Build with {@link #builder(String)}.
 */
public final class Challenge extends AuthValue {
    private Challenge(AuthParts parts) {
        super(parts);
    }

    /**
     * Parses a WWW-Authenticate value.
     *
     * @throws SipParseException (400 naming WWW-Authenticate) when it does not follow the grammar
     */
    public static Challenge parse(String value) {
        return parse("WWW-Authenticate", value);
    }

    /**
     * Parses a challenge, naming {@code headerName} ("WWW-Authenticate" or "Proxy-Authenticate")
     * in errors.
     *
     * @throws SipParseException (400 naming the header) for an empty value, a scheme that is not
     *     a token, an auth-param without '=' or value, a duplicate auth-param (RFC 7235 §2.2) or an
     *     unterminated quoted string
     */
    public static Challenge parse(String headerName, String value) {
        return new Challenge(AuthParts.parse(AuthParts.Kind.CHALLENGE, headerName, value));
    }

    /** A builder for a challenge of this scheme (e.g. "Digest"). */
    public static Builder builder(String scheme) {
        return new Builder(new AuthParts.Builder(AuthParts.Kind.CHALLENGE, "Challenge", scheme));
    }

    /** A builder holding this challenge's scheme and parameters. */
    public Builder toBuilder() {
        return new Builder(new AuthParts.Builder(AuthParts.Kind.CHALLENGE, "Challenge", parts));
    }

    /** The realm (RFC 7616 §3.3). */
    public Optional<String> realm() {
        return param("realm");
    }

    /** The nonce (RFC 7616 §3.3). */
    public Optional<String> nonce() {
        return param("nonce");
    }

    /** The opaque value, to be returned unchanged (RFC 7616 §3.3). */
    public Optional<String> opaque() {
        return param("opaque");
    }

    /** The algorithm, e.g. "MD5", "SHA-256" (RFC 7616 §3.3, RFC 8760); absent means MD5. */
    public Optional<String> algorithm() {
        return param("algorithm");
    }

    /** The domain: space-separated URIs of the protection space (RFC 7616 §3.3). */
    public Optional<String> domain() {
        return param("domain");
    }

    /** The qop options offered, e.g. ["auth", "auth-int"]; empty when there is no qop. */
    public List<String> qopOptions() {
        String qop = parts.get("qop");
        if (qop == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>(2);
        int from = 0;
        while (from <= qop.length()) {
            int comma = qop.indexOf(',', from);
            int to = comma < 0 ? qop.length() : comma;
            String option = qop.substring(from, to).strip();
            if (!option.isEmpty()) {
                out.add(option);
            }
            from = to + 1;
        }
        return List.copyOf(out);
    }

    /** True when stale=true: the nonce was stale, the credentials were right (RFC 7616 §3.3). */
    public boolean isStale() {
        return "true".equalsIgnoreCase(parts.get("stale"));
    }

    /** Builds a {@link Challenge}; every setter checks its argument. Not thread-safe. */
    public static final class Builder {
        private final AuthParts.Builder parts;

        private Builder(AuthParts.Builder parts) {
            this.parts = parts;
        }

        /** Sets the realm. */
        public Builder realm(String realm) {
            return param("realm", Objects.requireNonNull(realm, "realm"));
        }

        /** Sets the nonce. */
        public Builder nonce(String nonce) {
            return param("nonce", Objects.requireNonNull(nonce, "nonce"));
        }

        /** Sets the opaque value. */
        public Builder opaque(String opaque) {
            return param("opaque", Objects.requireNonNull(opaque, "opaque"));
        }

        /** Sets the algorithm, a token ("MD5", "SHA-256", "SHA-512-256"). */
        public Builder algorithm(String algorithm) {
            return param("algorithm", Objects.requireNonNull(algorithm, "algorithm"));
        }

        /** Sets the domain: space-separated URIs. */
        public Builder domain(String domain) {
            return param("domain", Objects.requireNonNull(domain, "domain"));
        }

        /**
         * Sets the qop options, e.g. "auth", "auth-int".
         *
         * @throws IllegalArgumentException when an option is not a token or none is given
         */
        public Builder qop(String... options) {
            if (options.length == 0) {
                throw new IllegalArgumentException("Challenge qop needs at least one option, was none");
            }
            StringBuilder joined = new StringBuilder();
            for (String option : options) {
                Checks.requireToken("Challenge qop option", option);
                joined.append(joined.isEmpty() ? "" : ",").append(option);
            }
            return param("qop", joined.toString());
        }

        /** Sets stale=true, or removes stale. */
        public Builder stale(boolean stale) {
            return param("stale", stale ? "true" : null);
        }

        /**
         * Sets a parameter by name, its value as text (it is quoted as needed when written); null
         * removes it.
         *
         * @throws IllegalArgumentException when the name is not a token, the value holds CR or LF,
         *     or a Digest parameter written bare (stale, algorithm, charset, userhash) is not a token
         * @throws IllegalStateException when a token68 is set
         */
        public Builder param(String name, String value) {
            parts.set(name, value);
            return this;
        }

        /**
         * Uses the token68 form instead of parameters (RFC 7235 §2.1).
         *
         * @throws IllegalArgumentException when the value is not a token68
         * @throws IllegalStateException when parameters are set
         */
        public Builder token68(String token68) {
            parts.token68(token68);
            return this;
        }

        /** The challenge. */
        public Challenge build() {
            return new Challenge(parts.build());
        }
    }
}
