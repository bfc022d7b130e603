package org.parley.server.config;

import java.util.List;
import java.util.Objects;
import org.parley.ua.auth.DigestAlgorithm;

/**
 * Digest authentication (RFC 3261 §22, RFC 8760). Immutable; checked when built.
 *
 * @param algorithms the algorithms offered, one challenge each, in this order (RFC 8760 §2.4: a client
 *     takes the first it supports). The default is MD5 alone: it is what the registrars softphones are
 *     tested against offer (Asterisk, Kamailio, FreeSWITCH), and some clients — baresip 1.0 among them —
 *     give up when any challenge names another algorithm. Offer {@code [SHA-256, MD5]} when every client
 *     copes with several challenges; a user's password hashes are stored for each algorithm either way.
 */
public record AuthConfig(List<DigestAlgorithm> algorithms) {
    /** MD5 alone (see the class comment). */
    public static final AuthConfig DEFAULTS = new AuthConfig(List.of(DigestAlgorithm.MD5));

    /** Checks and copies the list. */
    public AuthConfig {
        Objects.requireNonNull(algorithms, "algorithms");
        algorithms = List.copyOf(algorithms);
        if (algorithms.isEmpty()) {
            throw new IllegalArgumentException("algorithms must name at least one of MD5, SHA-256, SHA-512-256, "
                    + "was an empty list");
        }
        if (algorithms.stream().distinct().count() != algorithms.size()) {
            throw new IllegalArgumentException("algorithms must differ, was " + names(algorithms));
        }
        for (DigestAlgorithm a : algorithms) {
            if (a.isSession()) {
                throw new IllegalArgumentException("algorithms must be plain (MD5, SHA-256, SHA-512-256), was "
                        + a.token());
            }
        }
    }

    /** The algorithms' tokens, as written in a challenge and in the configuration file. */
    public List<String> names() {
        return names(algorithms);
    }

    private static List<String> names(List<DigestAlgorithm> all) {
        return all.stream().map(DigestAlgorithm::token).toList();
    }
}
