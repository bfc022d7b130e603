package org.parley.message.header;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.parley.message.Parameters;
import org.parley.message.SipParseException;
import org.parley.message.Syntax;

/**
 * A Subscription-State value (RFC 6665 §8.2.3): {@code substate-value *( SEMI subexp-params )},
 * e.g. {@code active;expires=600} or {@code terminated;reason=timeout}.
 *
 * <p>The state is "active", "pending", "terminated" or an extension token, kept lower-case. The
 * reason, expires and retry-after parameters have typed accessors; other parameters are kept in
 * order, values as written. Immutable and thread-safe.
 *
 * @param state the substate-value, lower-case
 * @param parameters the parameters, in order
 */
public record SubscriptionState(String state, Parameters parameters) {
    /** The subscription is accepted (RFC 6665 §4.1.3). */
    public static final String ACTIVE = "active";
    /** The subscription awaits authorization (RFC 6665 §4.1.3). */
    public static final String PENDING = "pending";
    /** The subscription has ended (RFC 6665 §4.1.3). */
    public static final String TERMINATED = "terminated";

    private static final String HEADER = "Subscription-State";
    private static final String[] STATES = {ACTIVE, PENDING, TERMINATED};
    private static final String[] PARAMS = {"reason", "expires", "retry-after"};

    /**
     * Checks the parts and lower-cases the state.
     *
     * @throws IllegalArgumentException when the state is not a token, the reason not a token, or
     *     expires or retry-after not delta-seconds
     */
    public SubscriptionState {
        state = Checks.requireToken("subscription state", state).toLowerCase(Locale.ROOT);
        Objects.requireNonNull(parameters, "parameters");
        String problem = problemWith(parameters);
        if (problem != null) {
            throw new IllegalArgumentException("Subscription-State " + problem + ", was \"" + parameters + "\"");
        }
    }

    /** {@code active;expires=N}. */
    public static SubscriptionState active(long expires) {
        return withExpires(ACTIVE, expires);
    }

    /** {@code pending;expires=N}. */
    public static SubscriptionState pending(long expires) {
        return withExpires(PENDING, expires);
    }

    private static SubscriptionState withExpires(String state, long expires) {
        DeltaSeconds.requireValid("Subscription-State expires", expires);
        return new SubscriptionState(state, Parameters.builder().add("expires", Long.toString(expires)).build());
    }

    /** {@code terminated;reason=R}, e.g. "timeout", "noresource", "rejected" (RFC 6665 §4.1.3). */
    public static SubscriptionState terminated(String reason) {
        return new SubscriptionState(TERMINATED, Parameters.builder()
                .add("reason", Checks.requireToken("Subscription-State reason", reason)).build());
    }

    /**
     * Parses a Subscription-State value.
     *
     * @throws SipParseException (400 naming Subscription-State) when it does not follow the
     *     grammar, e.g. an expires above 2^32-1
     */
    public static SubscriptionState parse(String element) {
        HeaderScanner s = new HeaderScanner(HEADER, element);
        s.skipLws();
        String state = s.readToken("substate-value", STATES);
        Parameters.Builder params = null;
        while (s.tryChar(';')) {
            String name = s.readParameterName(PARAMS);
            String value = s.tryChar('=') ? s.readGenericValue() : null;
            if (params == null) {
                params = Parameters.builder();
            }
            params.add(name, value);
        }
        s.expectEnd();
        Parameters p = params == null ? Parameters.EMPTY : params.build();
        String problem = problemWith(p);
        if (problem != null) {
            throw s.error(problem);
        }
        return new SubscriptionState(state, p);
    }

    /** What breaks the RFC 6665 §8.2.3 grammar of the known parameters, or null. */
    private static String problemWith(Parameters params) {
        for (int i = 0; i < params.size(); i++) {
            String name = params.name(i);
            String value = params.value(i).orElse(null);
            if (name.equalsIgnoreCase("reason") && (value == null || !Syntax.isToken(value))) {
                return "reason must be a token";
            }
            if ((name.equalsIgnoreCase("expires") || name.equalsIgnoreCase("retry-after"))
                    && (value == null || !Checks.isNumberAtMost(value, DeltaSeconds.MAX))) {
                return name.toLowerCase(Locale.ROOT) + " must be delta-seconds (0..2^32-1)";
            }
        }
        return null;
    }

    /** True for "active". */
    public boolean isActive() {
        return state.equals(ACTIVE);
    }

    /** True for "pending". */
    public boolean isPending() {
        return state.equals(PENDING);
    }

    /** True for "terminated". */
    public boolean isTerminated() {
        return state.equals(TERMINATED);
    }

    /** The reason parameter, e.g. "deactivated", "timeout" (RFC 6665 §4.1.3). */
    public Optional<String> reason() {
        return parameters.get("reason");
    }

    /** The expires parameter, seconds. */
    public OptionalLong expires() {
        return seconds("expires");
    }

    /** The retry-after parameter, seconds. */
    public OptionalLong retryAfter() {
        return seconds("retry-after");
    }

    private OptionalLong seconds(String name) {
        String v = parameters.getOrNull(name);
        return v == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(v));
    }

    /** The wire form: {@code state[;params]}. */
    @Override
    public String toString() {
        return parameters.isEmpty() ? state : state + parameters;
    }
}
