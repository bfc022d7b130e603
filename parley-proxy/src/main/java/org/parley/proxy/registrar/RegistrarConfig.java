package org.parley.proxy.registrar;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * How the {@link Registrar} behaves. Immutable; checked when built, naming the bad field and value.
 *
 * @param realms the domains served, each with its digest realm (RFC 3261 §22.1); keys in lower case
 * @param minExpires the shortest registration granted; shorter non-zero requests get 423 (§10.3 step 7)
 * @param defaultExpires granted when the request names none (§10.3 step 7)
 * @param maxExpires the longest granted; longer requests are shortened (§10.3 step 7 allows it)
 * @param maxBindingsPerAor the most bindings one address-of-record may hold; more get 403
 */
public record RegistrarConfig(Map<String, String> realms, Duration minExpires, Duration defaultExpires,
        Duration maxExpires, int maxBindingsPerAor) {
    /** 60 s, Kamailio's registrar {@code min_expires} default and RFC 3261 §10.2.1.1's example floor. */
    public static final Duration DEFAULT_MIN_EXPIRES = Duration.ofSeconds(60);
    /** 3600 s, the default RFC 3261 §10.2.1.1 suggests to clients. */
    public static final Duration DEFAULT_EXPIRES = Duration.ofSeconds(3600);
    /** Two hours: longer asks are shortened, so a vanished phone leaves within that. */
    public static final Duration DEFAULT_MAX_EXPIRES = Duration.ofSeconds(7200);
    /** Ten devices per user. */
    public static final int DEFAULT_MAX_BINDINGS_PER_AOR = 10;

    /** Checks every field and copies the map with lower-case domains. */
    public RegistrarConfig {
        Objects.requireNonNull(realms, "realms");
        if (realms.isEmpty()) {
            throw new IllegalArgumentException("realms must name at least one domain, was none");
        }
        Map<String, String> lower = new TreeMap<>();
        realms.forEach((domain, realm) -> {
            if (domain.isBlank() || realm.isBlank()) {
                throw new IllegalArgumentException("realms needs a domain and a realm, was \"" + domain + "\"=\""
                        + realm + "\"");
            }
            lower.put(domain.toLowerCase(Locale.ROOT), realm);
        });
        realms = Map.copyOf(lower);
        requireSeconds("minExpires", minExpires);
        requireSeconds("defaultExpires", defaultExpires);
        requireSeconds("maxExpires", maxExpires);
        if (minExpires.compareTo(defaultExpires) > 0 || defaultExpires.compareTo(maxExpires) > 0) {
            throw new IllegalArgumentException("expiry must be minExpires <= defaultExpires <= maxExpires, was "
                    + minExpires.toSeconds() + " s, " + defaultExpires.toSeconds() + " s, "
                    + maxExpires.toSeconds() + " s");
        }
        if (maxBindingsPerAor < 1) {
            throw new IllegalArgumentException("maxBindingsPerAor must be at least 1, was " + maxBindingsPerAor);
        }
    }

    /** One domain whose realm is its name, with the default expiry and limits. */
    public static RegistrarConfig forDomain(String domain) {
        return new RegistrarConfig(Map.of(domain, domain), DEFAULT_MIN_EXPIRES, DEFAULT_EXPIRES, DEFAULT_MAX_EXPIRES,
                DEFAULT_MAX_BINDINGS_PER_AOR);
    }

    /** This configuration with other expiry bounds. */
    public RegistrarConfig withExpires(Duration min, Duration byDefault, Duration max) {
        return new RegistrarConfig(realms, min, byDefault, max, maxBindingsPerAor);
    }

    /** This configuration with another per-record limit. */
    public RegistrarConfig withMaxBindingsPerAor(int max) {
        return new RegistrarConfig(realms, minExpires, defaultExpires, maxExpires, max);
    }

    /**
     * The served domain equal to {@code domain} (any case), as this configuration holds it: one
     * string instance for every binding of the domain, instead of one per REGISTER.
     */
    public Optional<String> servedDomain(String domain) {
        String lower = domain.toLowerCase(Locale.ROOT);
        for (String served : realms.keySet()) {
            if (served.equals(lower)) {
                return Optional.of(served);
            }
        }
        return Optional.empty();
    }

    /** The realm of {@code domain} (any case); empty when it is not served. */
    public Optional<String> realmOf(String domain) {
        return Optional.ofNullable(realms.get(domain.toLowerCase(Locale.ROOT)));
    }

    private static void requireSeconds(String field, Duration d) {
        Objects.requireNonNull(d, field);
        if (d.isNegative() || d.toSeconds() > 0xFFFF_FFFFL || d.toMillis() % 1000 != 0) {
            throw new IllegalArgumentException(field + " must be whole seconds in 0..2^32-1 (RFC 3261 §20.19), was "
                    + d);
        }
    }
}
