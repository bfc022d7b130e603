package org.parley.proxy.auth;

import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.parley.ua.auth.DigestAlgorithm;
import org.parley.ua.auth.DigestComputation;

/**
 * A user who may authenticate in a realm, with the password kept only as H(username:realm:password)
 * per digest algorithm (RFC 7616 §3.4.2, §5.2: the HA1 of a plain algorithm is all a server needs;
 * the password itself is never stored). Immutable; {@link #toString()} leaves the hashes out.
 *
 * @param user the username as the client sends it in {@code username}
 * @param realm the realm (RFC 3261 §22.1), usually the domain
 * @param ha1 the hash per plain algorithm (MD5, SHA-256, SHA-512-256), lower-case hex
 */
public record Subscriber(String user, String realm, Map<DigestAlgorithm, String> ha1) {
    /** Checks the parts and copies the map. */
    public Subscriber {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(realm, "realm");
        if (user.isEmpty() || realm.isEmpty()) {
            throw new IllegalArgumentException("a subscriber needs a user and a realm, was \"" + user + "\" in \""
                    + realm + "\"");
        }
        for (DigestAlgorithm a : ha1.keySet()) {
            if (a.isSession()) {
                throw new IllegalArgumentException("store the plain algorithm's hash, not " + a.token()
                        + " (its HA1 depends on each nonce, RFC 7616 §3.4.2)");
            }
        }
        ha1 = Map.copyOf(ha1);
    }

    /**
     * A subscriber whose hashes are computed here from {@code password}, which is not kept.
     *
     * @param algorithms the plain algorithms to store a hash for
     */
    public static Subscriber withPassword(String user, String realm, String password,
            Collection<DigestAlgorithm> algorithms) {
        Objects.requireNonNull(password, "password");
        Map<DigestAlgorithm, String> hashes = new EnumMap<>(DigestAlgorithm.class);
        for (DigestAlgorithm a : algorithms) {
            hashes.put(a, DigestComputation.userRealmHash(a, user, realm, password));
        }
        return new Subscriber(user, realm, hashes);
    }

    /**
     * The stored H(username:realm:password) for {@code algorithm}, or for its plain variant when it is
     * a {@code -sess} one; empty when none is stored.
     */
    public Optional<String> userRealmHash(DigestAlgorithm algorithm) {
        return Optional.ofNullable(ha1.get(plain(algorithm)));
    }

    /** The plain algorithm of a {@code -sess} variant; the algorithm itself otherwise. */
    static DigestAlgorithm plain(DigestAlgorithm algorithm) {
        return switch (algorithm) {
            case MD5_SESS -> DigestAlgorithm.MD5;
            case SHA_256_SESS -> DigestAlgorithm.SHA_256;
            case SHA_512_256_SESS -> DigestAlgorithm.SHA_512_256;
            default -> algorithm;
        };
    }

    /** User, realm and the algorithms held; never the hashes. */
    @Override
    public String toString() {
        return "Subscriber[" + user + " in " + realm + ", " + ha1.keySet() + "]";
    }
}
