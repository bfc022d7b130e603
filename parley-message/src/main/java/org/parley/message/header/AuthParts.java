package org.parley.message.header;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.parley.message.Syntax;

/**
 * The parts Challenge and Credentials share (RFC 3261 §25.1 challenge / credentials, RFC 7235
 * §2.1): {@code auth-scheme [ 1*SP ( token68 / auth-param *( COMMA auth-param ) ) ]} with
 * {@code auth-param = token EQUAL ( token / quoted-string )}. Values are kept decoded: RFC 7235
 * §2.2 makes the token and quoted-string forms equivalent, so the wire form is chosen when
 * writing, by the quoting rules of RFC 7616 for Digest. Immutable.
 */
final class AuthParts {
    /** More than any scheme defines: a bound on the work hostile input can cause. */
    private static final int MAX_PARAMS = 64;

    /** Which Digest parameters are written quoted or bare, for challenges or credentials. */
    enum Kind {
        // RFC 7616 §3.3: domain, nonce, opaque, qop, realm quoted; stale, algorithm, charset, userhash not.
        CHALLENGE(Set.of("realm", "domain", "nonce", "opaque", "qop"),
                Set.of("stale", "algorithm", "charset", "userhash")),
        // RFC 7616 §3.4: username, realm, nonce, uri, response, cnonce, opaque quoted; algorithm, qop, nc not.
        CREDENTIALS(Set.of("username", "realm", "nonce", "uri", "response", "cnonce", "opaque"),
                Set.of("algorithm", "qop", "nc", "userhash"));

        private final Set<String> quoted;
        private final Set<String> bare;

        Kind(Set<String> quoted, Set<String> bare) {
            this.quoted = quoted;
            this.bare = bare;
        }
    }

    private static final String[] NONE = {};
    private static final String[] SCHEMES = {"Digest"};
    private static final String[] NAMES = {
        "realm", "nonce", "opaque", "algorithm", "qop", "stale", "domain", "username", "uri", "response", "cnonce",
        "nc", "charset", "userhash",
    };

    final String scheme;
    final String token68;
    /** name0, value0, ...: decoded values. */
    private final String[] pairs;
    private final Kind kind;

    private AuthParts(Kind kind, String scheme, String token68, String[] pairs) {
        this.kind = kind;
        this.scheme = scheme;
        this.token68 = token68;
        this.pairs = pairs;
    }

    static AuthParts parse(Kind kind, String headerName, String element) {
        HeaderScanner s = new HeaderScanner(headerName, element);
        s.skipLws();
        if (s.atEnd()) {
            throw s.error("empty value");
        }
        String scheme = s.readToken("auth scheme", SCHEMES);
        if (!s.skipLws()) {
            s.expectEnd();
            return new AuthParts(kind, scheme, null, NONE);
        }
        if (s.atEnd()) {
            return new AuthParts(kind, scheme, null, NONE);
        }
        int start = s.position();
        // RFC 3261 §25.1 and RFC 7616: Digest always carries auth-params, never a token68.
        if (!scheme.equalsIgnoreCase("Digest") && skipToken68(s)) {
            return new AuthParts(kind, scheme, element.substring(start, s.position()).strip(), NONE);
        }
        s.position(start);
        List<String> pairs = new ArrayList<>(16);
        do {
            String name = s.readToken("auth-param name", NAMES);
            s.expect('=', "after auth-param name");
            String value = s.peek() == '"' ? s.readQuotedText() : s.readToken("auth-param value");
            for (int i = 0; i < pairs.size(); i += 2) {
                if (pairs.get(i).equalsIgnoreCase(name)) {
                    // RFC 7235 §2.2: each parameter name MUST only occur once per challenge.
                    throw s.error("duplicate auth-param");
                }
            }
            if (pairs.size() == 2 * MAX_PARAMS) {
                throw s.error("too many auth-params");
            }
            pairs.add(name);
            pairs.add(value);
        } while (s.tryChar(','));
        s.expectEnd();
        return new AuthParts(kind, scheme, null, pairs.toArray(NONE));
    }

    /** Skips {@code token68 *SP} (RFC 7235 §2.1); true when that reaches the end. */
    private static boolean skipToken68(HeaderScanner s) {
        int start = s.position();
        int c = s.peek();
        while (HostSyntax.isAlpha(c) || HostSyntax.isDigit(c) || c >= 0 && "-._~+/".indexOf(c) >= 0) {
            s.position(s.position() + 1);
            c = s.peek();
        }
        if (s.position() == start) {
            return false;
        }
        while (s.peek() == '=') {
            s.position(s.position() + 1);
        }
        s.skipLws();
        return s.atEnd();
    }

    boolean isDigest() {
        return scheme.equalsIgnoreCase("Digest");
    }

    /** The decoded value of the parameter of this name (any case), or null. */
    String get(String name) {
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i].equalsIgnoreCase(name)) {
                return pairs[i + 1];
            }
        }
        return null;
    }

    List<String> names() {
        List<String> out = new ArrayList<>(pairs.length / 2);
        for (int i = 0; i < pairs.length; i += 2) {
            out.add(pairs[i]);
        }
        return List.copyOf(out);
    }

    /** True when the value of {@code name} is written as a quoted string. */
    private boolean mustQuote(String name, String value) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.equals("realm") || isDigest() && kind.quoted.contains(lower)) {
            return true;
        }
        return !Syntax.isToken(value);
    }

    /** The wire form: {@code scheme}, {@code scheme token68} or {@code scheme a="1", b=2}. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(16 + 24 * pairs.length);
        out.append(scheme);
        if (token68 != null) {
            out.append(' ').append(token68);
        }
        for (int i = 0; i < pairs.length; i += 2) {
            out.append(i == 0 ? " " : ", ").append(pairs[i]).append('=');
            if (mustQuote(pairs[i], pairs[i + 1])) {
                HeaderScanner.appendQuoted(out, pairs[i + 1]);
            } else {
                out.append(pairs[i + 1]);
            }
        }
        return out.toString();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof AuthParts other) || !other.scheme.equalsIgnoreCase(scheme)
                || !Objects.equals(other.token68, token68) || other.pairs.length != pairs.length) {
            return false;
        }
        for (int i = 0; i < pairs.length; i += 2) {
            if (!pairs[i].equalsIgnoreCase(other.pairs[i]) || !pairs[i + 1].equals(other.pairs[i + 1])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = scheme.toLowerCase(Locale.ROOT).hashCode() * 31 + Objects.hashCode(token68);
        for (int i = 0; i < pairs.length; i += 2) {
            h = 31 * h + pairs[i].toLowerCase(Locale.ROOT).hashCode();
            h = 31 * h + pairs[i + 1].hashCode();
        }
        return h;
    }

    /** Builds {@link AuthParts}; checks every value. Not thread-safe. */
    static final class Builder {
        private final Kind kind;
        private final String what;
        private final String scheme;
        private String token68;
        private String[] pairs;

        Builder(Kind kind, String what, String scheme) {
            this.kind = kind;
            this.what = what;
            this.scheme = Checks.requireToken(what + " scheme", scheme);
            this.pairs = NONE;
        }

        Builder(Kind kind, String what, AuthParts parts) {
            this.kind = kind;
            this.what = what;
            this.scheme = parts.scheme;
            this.token68 = parts.token68;
            this.pairs = parts.pairs;
        }

        /**
         * Sets (replaces or appends) a parameter; null removes it. Values that Digest writes bare
         * must be tokens; others any text without CR or LF.
         */
        void set(String name, String value) {
            Checks.requireToken(what + " parameter name", name);
            if (value != null) {
                if (kind.bare.contains(name.toLowerCase(Locale.ROOT)) && scheme.equalsIgnoreCase("Digest")) {
                    Checks.requireToken(what + " " + name, value);
                } else if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                    throw new IllegalArgumentException(what + " " + name + " must not contain CR or LF, was \""
                            + value.replace("\r", "\\r").replace("\n", "\\n") + "\"");
                }
                if (token68 != null) {
                    throw new IllegalStateException(what + " has token68 \"" + token68 + "\" and cannot take "
                            + "parameters");
                }
            }
            for (int i = 0; i < pairs.length; i += 2) {
                if (pairs[i].equalsIgnoreCase(name)) {
                    if (value == null) {
                        String[] shorter = new String[pairs.length - 2];
                        System.arraycopy(pairs, 0, shorter, 0, i);
                        System.arraycopy(pairs, i + 2, shorter, i, pairs.length - i - 2);
                        pairs = shorter;
                    } else {
                        pairs = pairs.clone();
                        pairs[i + 1] = value;
                    }
                    return;
                }
            }
            if (value != null) {
                pairs = Arrays.copyOf(pairs, pairs.length + 2);
                pairs[pairs.length - 2] = name;
                pairs[pairs.length - 1] = value;
            }
        }

        /** Sets the token68 form (RFC 7235 §2.1), which excludes parameters. */
        void token68(String value) {
            Objects.requireNonNull(value, "token68");
            HeaderScanner s = new HeaderScanner(what, value);
            if (!skipToken68(s) || value.strip().length() != value.length()) {
                throw new IllegalArgumentException(what + " token68 must be 1*(ALPHA / DIGIT / \"-._~+/\") *\"=\", "
                        + "was \"" + value + "\"");
            }
            if (scheme.equalsIgnoreCase("Digest")) {
                throw new IllegalArgumentException(what + " of scheme Digest takes auth-params, not token68 \""
                        + value + "\"");
            }
            if (pairs.length != 0) {
                throw new IllegalStateException(what + " has parameters and cannot take a token68");
            }
            token68 = value;
        }

        AuthParts build() {
            return new AuthParts(kind, scheme, token68, pairs);
        }
    }
}
