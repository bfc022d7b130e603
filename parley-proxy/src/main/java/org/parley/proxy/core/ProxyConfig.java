package org.parley.proxy.core;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.parley.message.uri.Host;

/**
 * What a {@link Proxy} serves and how it forwards (RFC 3261 §16). Immutable; every wither checks its
 * value and throws an {@link IllegalArgumentException} naming it.
 *
 * <ul>
 *   <li>{@link #domains()}: the domains the proxy is responsible for (§16.5): requests for them are
 *       routed by the location service, REGISTERs for them go to the registrar, and INVITE, MESSAGE
 *       and SUBSCRIBE from their users are authenticated when an authenticator is configured.</li>
 *   <li>{@link #realmOf(String)}: the digest realm of each domain (by default the domain itself).</li>
 *   <li>{@link #recordRoute()}: whether dialog-creating requests get our Record-Route (§16.6 step 4).</li>
 *   <li>{@link #timerC()}: Timer C of each INVITE branch (§16.6 step 11: more than 3 minutes).</li>
 *   <li>{@link #statelessRoutes()}: next-hop hosts to which requests are relayed statelessly (§16.11),
 *       for load-balancer use: when the host of the request's next hop (the top Route left after
 *       §16.4, else the Request-URI) is one of them, the request goes out without a client
 *       transaction and its responses come back by Via.</li>
 *   <li>{@link #maxCallAge()}: how long a call stays in {@link Proxy#calls()} without its BYE.</li>
 * </ul>
 */
public final class ProxyConfig {
    /** RFC 3261 §16.6 step 11: Timer C "MUST be set to a value greater than 3 minutes"; 3 min 1 s. */
    public static final Duration DEFAULT_TIMER_C = Duration.ofSeconds(181);
    /** How long a call without a BYE is listed (calls of a day rarely last longer); 12 hours. */
    public static final Duration DEFAULT_MAX_CALL_AGE = Duration.ofHours(12);

    private final List<String> domains;
    private final Map<String, String> realms;
    private final boolean recordRoute;
    private final Duration timerC;
    private final List<String> statelessRoutes;
    private final Duration maxCallAge;

    private ProxyConfig(List<String> domains, Map<String, String> realms, boolean recordRoute, Duration timerC,
            List<String> statelessRoutes, Duration maxCallAge) {
        this.domains = domains;
        this.realms = realms;
        this.recordRoute = recordRoute;
        this.timerC = timerC;
        this.statelessRoutes = statelessRoutes;
        this.maxCallAge = maxCallAge;
    }

    /**
     * A configuration serving {@code domains} (host names or IP literals, compared without case),
     * each its own realm, record-routing, with the default Timer C and no stateless routes.
     *
     * @throws IllegalArgumentException when a domain is not a valid SIP host
     */
    public static ProxyConfig forDomains(List<String> domains) {
        List<String> checked = hosts("domains", domains);
        Map<String, String> realms = new LinkedHashMap<>();
        checked.forEach(d -> realms.put(d, d));
        return new ProxyConfig(checked, Map.copyOf(realms), true, DEFAULT_TIMER_C, List.of(), DEFAULT_MAX_CALL_AGE);
    }

    private static List<String> hosts(String name, List<String> values) {
        Objects.requireNonNull(values, name);
        return values.stream().map(v -> {
            if (v == null || v.isBlank()) {
                throw new IllegalArgumentException(name + " must hold host names, was " + values);
            }
            try {
                return Host.parse(v).text().toLowerCase(Locale.ROOT);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(name + ": \"" + v + "\" is not a SIP host (RFC 3261 §25.1)", e);
            }
        }).distinct().toList();
    }

    /** This configuration with Record-Route on or off (default on, §16.6 step 4). */
    public ProxyConfig withRecordRoute(boolean on) {
        return new ProxyConfig(domains, realms, on, timerC, statelessRoutes, maxCallAge);
    }

    /**
     * This configuration with Timer C {@code d} (RFC 3261 §16.6 step 11).
     *
     * @throws IllegalArgumentException unless {@code d} is more than 3 minutes
     */
    public ProxyConfig withTimerC(Duration d) {
        Objects.requireNonNull(d, "timerC");
        if (d.compareTo(Duration.ofMinutes(3)) <= 0) {
            throw new IllegalArgumentException("timerC must be more than 3 minutes (RFC 3261 §16.6 step 11), was "
                    + d);
        }
        return new ProxyConfig(domains, realms, recordRoute, d, statelessRoutes, maxCallAge);
    }

    /**
     * This configuration with Timer C {@code d} without the RFC's lower bound: for tests and simulations
     * that want a short one.
     *
     * @throws IllegalArgumentException unless {@code d} is positive
     */
    public ProxyConfig withShortTimerC(Duration d) {
        Objects.requireNonNull(d, "timerC");
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("timerC must be positive, was " + d);
        }
        return new ProxyConfig(domains, realms, recordRoute, d, statelessRoutes, maxCallAge);
    }

    /**
     * This configuration relaying requests statelessly (RFC 3261 §16.11) when the host of their next
     * hop is one of {@code hosts}.
     *
     * @throws IllegalArgumentException when a value is not a SIP host or is a served domain
     */
    public ProxyConfig withStatelessRoutes(List<String> hosts) {
        List<String> checked = hosts("statelessRoutes", hosts);
        for (String h : checked) {
            if (realms.containsKey(h)) {
                throw new IllegalArgumentException("statelessRoutes: \"" + h + "\" is a served domain; its requests "
                        + "are routed by the location service, not relayed");
            }
        }
        return new ProxyConfig(domains, realms, recordRoute, timerC, checked, maxCallAge);
    }

    /**
     * This configuration with the digest realm {@code realm} for {@code domain}.
     *
     * @throws IllegalArgumentException when the domain is not served or the realm is blank
     */
    public ProxyConfig withRealm(String domain, String realm) {
        String d = Objects.requireNonNull(domain, "domain").toLowerCase(Locale.ROOT);
        if (!realms.containsKey(d)) {
            throw new IllegalArgumentException("realm for \"" + domain + "\": not a served domain " + domains);
        }
        if (realm == null || realm.isBlank() || realm.indexOf('"') >= 0) {
            throw new IllegalArgumentException("realm for " + domain + " must be non-blank without quotes, was \""
                    + realm + "\"");
        }
        Map<String, String> copy = new LinkedHashMap<>(realms);
        copy.put(d, realm);
        return new ProxyConfig(domains, Map.copyOf(copy), recordRoute, timerC, statelessRoutes, maxCallAge);
    }

    /**
     * This configuration listing a call in {@link Proxy#calls()} at most {@code age} without its BYE.
     *
     * @throws IllegalArgumentException unless positive
     */
    public ProxyConfig withMaxCallAge(Duration age) {
        Objects.requireNonNull(age, "maxCallAge");
        if (age.isNegative() || age.isZero()) {
            throw new IllegalArgumentException("maxCallAge must be positive, was " + age);
        }
        return new ProxyConfig(domains, realms, recordRoute, timerC, statelessRoutes, age);
    }

    /** The served domains, lower case, in the order given. */
    public List<String> domains() {
        return domains;
    }

    /** True when {@code host} is one of the served domains (ignoring case). */
    public boolean serves(String host) {
        return realms.containsKey(host.toLowerCase(Locale.ROOT));
    }

    /** The realm of a served domain; empty for a domain not served. */
    public Optional<String> realmOf(String domain) {
        return Optional.ofNullable(realms.get(domain.toLowerCase(Locale.ROOT)));
    }

    /** Whether dialog-creating requests are record-routed. */
    public boolean recordRoute() {
        return recordRoute;
    }

    /** Timer C of INVITE branches. */
    public Duration timerC() {
        return timerC;
    }

    /** The next-hop hosts relayed statelessly, lower case. */
    public List<String> statelessRoutes() {
        return statelessRoutes;
    }

    /** True when requests whose next hop is {@code host} are relayed statelessly. */
    public boolean isStatelessRoute(String host) {
        return !statelessRoutes.isEmpty() && statelessRoutes.contains(host.toLowerCase(Locale.ROOT));
    }

    /** How long a call is listed without its BYE. */
    public Duration maxCallAge() {
        return maxCallAge;
    }

    @Override
    public String toString() {
        return "ProxyConfig[domains=" + domains + ", realms=" + realms + ", recordRoute=" + recordRoute + ", timerC="
                + timerC + ", statelessRoutes=" + statelessRoutes + ", maxCallAge=" + maxCallAge + "]";
    }
}
