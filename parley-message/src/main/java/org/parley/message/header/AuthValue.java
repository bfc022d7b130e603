package org.parley.message.header;

import java.util.List;
import java.util.Optional;

/**
 * What a challenge and credentials share (RFC 7235 §2.1, RFC 3261 §22.4): an auth scheme and its
 * comma-separated auth-params, or a token68. Immutable and thread-safe.
 */
public abstract sealed class AuthValue permits Challenge, Credentials {
    final AuthParts parts;

    AuthValue(AuthParts parts) {
        this.parts = parts;
    }

    /** The auth scheme as written, e.g. "Digest". */
    public String scheme() {
        return parts.scheme;
    }

    /** True for the Digest scheme (any case). */
    public boolean isDigest() {
        return parts.isDigest();
    }

    /** The token68 form of a value without parameters (RFC 7235 §2.1). */
    public Optional<String> token68() {
        return Optional.ofNullable(parts.token68);
    }

    /** The text of the parameter of this name (any case), quotes removed. */
    public Optional<String> param(String name) {
        return Optional.ofNullable(parts.get(name));
    }

    /** The parameter names, in order, as written. */
    public List<String> paramNames() {
        return parts.names();
    }

    /** The wire form, with the Digest quoting of RFC 7616 §3.3 and §3.4. */
    @Override
    public String toString() {
        return parts.toString();
    }

    /** Same kind, same scheme (any case), same parameters in the same order (names any case, values exact). */
    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof AuthValue a && a.getClass() == getClass() && a.parts.equals(parts);
    }

    @Override
    public int hashCode() {
        return parts.hashCode();
    }
}
