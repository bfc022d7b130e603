package org.parley.message.header;

import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.parley.message.SipParseException;

/**
 * An Authorization or Proxy-Authorization value (RFC 3261 §20.7, §20.28, §22.4; RFC 7616 §3.4;
 * RFC 8760): an auth scheme and its comma-separated auth-params, e.g.
 * {@code Digest username="bob", realm="atlanta.com", nonce="84a4cc6f", uri="sip:bob@biloxi.com",
 * response="7587245234b3434cc3412213e5f113a5", qop=auth, nc=00000001, cnonce="0a4f113b"}.
 *
 * <p>The commas here separate parameters inside one value: the whole header field value is one
 * element, never split with {@code HeaderValues.split}. Any scheme parses (RFC 4475 §3.3.7: a
 * proxy forwards an unknown one unchanged); an auth-param value may be a token or a quoted string
 * and the accessors give its text, quotes removed. {@link #toString()} writes Digest parameters
 * with the quoting RFC 7616 §3.4 requires (username, realm, nonce, uri, response, cnonce, opaque
 * quoted; algorithm, qop, nc, userhash bare) and other values bare when they are tokens.
 *
 * <p>The response is a secret-derived value: never log a Credentials or its {@code toString()}
 * (STYLE.md §8). Immutable and thread-safe. Build with {@link #builder(String)}.
 */
public final class Credentials extends AuthValue {
    private Credentials(AuthParts parts) {
        super(parts);
    }

    /**
     * Parses an Authorization value.
     *
     * @throws SipParseException (400 naming Authorization) when it does not follow the grammar
     */
    public static Credentials parse(String value) {
        return parse("Authorization", value);
    }

    /**
     * Parses credentials, naming {@code headerName} ("Authorization" or "Proxy-Authorization") in
     * errors.
     *
     * @throws SipParseException (400 naming the header) for an empty value, a scheme that is not
     *     a token, an auth-param without '=' or value, a duplicate auth-param (RFC 7235 §2.2), an
     *     unterminated quoted string, or a Digest nc that is not 8 hex digits (RFC 7616 §3.4)
     */
    public static Credentials parse(String headerName, String value) {
        AuthParts parts = AuthParts.parse(AuthParts.Kind.CREDENTIALS, headerName, value);
        String nc = parts.get("nc");
        if (parts.isDigest() && nc != null && !isNonceCount(nc)) {
            throw SipParseException.badHeader(headerName, "nc must be 8 hex digits");
        }
        return new Credentials(parts);
    }

    private static boolean isNonceCount(String nc) {
        if (nc.length() != 8) {
            return false;
        }
        for (int i = 0; i < 8; i++) {
            if (!HostSyntax.isHex(nc.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** A builder for credentials of this scheme (e.g. "Digest"). */
    public static Builder builder(String scheme) {
        return new Builder(new AuthParts.Builder(AuthParts.Kind.CREDENTIALS, "Credentials", scheme));
    }

    /** A builder holding these credentials' scheme and parameters. */
    public Builder toBuilder() {
        return new Builder(new AuthParts.Builder(AuthParts.Kind.CREDENTIALS, "Credentials", parts));
    }

    /** The username (RFC 7616 §3.4). */
    public Optional<String> username() {
        return param("username");
    }

    /** The realm (RFC 7616 §3.4). */
    public Optional<String> realm() {
        return param("realm");
    }

    /** The nonce from the challenge (RFC 7616 §3.4). */
    public Optional<String> nonce() {
        return param("nonce");
    }

    /** The digest-uri: the Request-URI as the client sent it (RFC 3261 §22.4). */
    public Optional<String> uri() {
        return param("uri");
    }

    /** The response: hex digest proving the password (RFC 7616 §3.4.1). */
    public Optional<String> response() {
        return param("response");
    }

    /** The algorithm, e.g. "MD5", "SHA-256"; absent means MD5 (RFC 7616 §3.4). */
    public Optional<String> algorithm() {
        return param("algorithm");
    }

    /** The client nonce (RFC 7616 §3.4). */
    public Optional<String> cnonce() {
        return param("cnonce");
    }

    /** The opaque value copied from the challenge (RFC 7616 §3.4). */
    public Optional<String> opaque() {
        return param("opaque");
    }

    /** The qop chosen, e.g. "auth" (RFC 7616 §3.4). */
    public Optional<String> qop() {
        return param("qop");
    }

    /** The nonce count as written: 8 hex digits, e.g. "00000001" (RFC 7616 §3.4). */
    public Optional<String> nc() {
        return param("nc");
    }

    /** The nonce count as a number, when it is there (RFC 7616 §3.4). */
    public OptionalLong nonceCount() {
        String nc = parts.get("nc");
        return nc == null || !isNonceCount(nc) ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(nc, 16));
    }

    /**
     * The wire form, with Digest quoting per RFC 7616 §3.4. It carries the response: do not log it.
     */
    @Override
    public String toString() {
        return parts.toString();
    }

    /** Builds {@link Credentials}; every setter checks its argument. Not thread-safe. */
    public static final class Builder {
        private final AuthParts.Builder parts;

        private Builder(AuthParts.Builder parts) {
            this.parts = parts;
        }

        /** Sets the username. */
        public Builder username(String username) {
            return param("username", Objects.requireNonNull(username, "username"));
        }

        /** Sets the realm. */
        public Builder realm(String realm) {
            return param("realm", Objects.requireNonNull(realm, "realm"));
        }

        /** Sets the nonce. */
        public Builder nonce(String nonce) {
            return param("nonce", Objects.requireNonNull(nonce, "nonce"));
        }

        /** Sets the digest-uri. */
        public Builder uri(String uri) {
            return param("uri", Objects.requireNonNull(uri, "uri"));
        }

        /** Sets the response. */
        public Builder response(String response) {
            return param("response", Objects.requireNonNull(response, "response"));
        }

        /** Sets the algorithm, a token. */
        public Builder algorithm(String algorithm) {
            return param("algorithm", Objects.requireNonNull(algorithm, "algorithm"));
        }

        /** Sets the client nonce. */
        public Builder cnonce(String cnonce) {
            return param("cnonce", Objects.requireNonNull(cnonce, "cnonce"));
        }

        /** Sets the opaque value. */
        public Builder opaque(String opaque) {
            return param("opaque", Objects.requireNonNull(opaque, "opaque"));
        }

        /** Sets the qop, a token such as "auth". */
        public Builder qop(String qop) {
            return param("qop", Objects.requireNonNull(qop, "qop"));
        }

        /**
         * Sets the nonce count, written as 8 lower-case hex digits.
         *
         * @throws IllegalArgumentException when {@code count} is outside 1..2^32-1
         */
        public Builder nc(long count) {
            if (count < 1 || count > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("Credentials nc must be 1..2^32-1, was " + count);
            }
            return param("nc", HexFormat.of().toHexDigits((int) count));
        }

        /**
         * Sets a parameter by name, its value as text (it is quoted as needed when written); null
         * removes it.
         *
         * @throws IllegalArgumentException when the name is not a token, the value holds CR or LF,
         *     or a Digest parameter written bare (algorithm, qop, nc, userhash) is not a token
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

        /** The credentials. */
        public Credentials build() {
            return new Credentials(parts.build());
        }
    }
}
