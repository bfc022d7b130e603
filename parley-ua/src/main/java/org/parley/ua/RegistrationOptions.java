package org.parley.ua;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.parley.message.header.Address;

/**
 * How {@link UserAgent#register(String, RegistrationOptions)} registers: the expiry to ask for,
 * parameters for the Contact, and the address-of-record (the user agent's identity by default).
 * Immutable; each {@code with…} returns a copy.
 *
 * <pre>{@code
 * RegistrationOptions.defaults().withExpires(Duration.ofMinutes(10))
 *         .withContactParameters(";+sip.instance=\"<urn:uuid:00000000-0000-1000-8000-000A95A0E128>\"")
 * }</pre>
 */
public final class RegistrationOptions {
    /** The expiry asked for by default: RFC 3261 §10.2.1.1's default when a REGISTER names none. */
    public static final Duration DEFAULT_EXPIRES = Duration.ofSeconds(3600);
    /** The largest expiry a REGISTER can name: delta-seconds up to 2^32-1 (RFC 3261 §20.19). */
    static final long MAX_EXPIRES_SECONDS = 4_294_967_295L;

    private static final RegistrationOptions DEFAULTS = new RegistrationOptions(DEFAULT_EXPIRES, "", null);

    private final Duration expires;
    private final String contactParameters;
    private final Address addressOfRecord;

    private RegistrationOptions(Duration expires, String contactParameters, Address addressOfRecord) {
        this.expires = expires;
        this.contactParameters = contactParameters;
        this.addressOfRecord = addressOfRecord;
    }

    /** An expiry of {@link #DEFAULT_EXPIRES}, no Contact parameters, the identity as address-of-record. */
    public static RegistrationOptions defaults() {
        return DEFAULTS;
    }

    /**
     * The expiry to ask for (RFC 3261 §10.2.1.1), in whole seconds; the registrar may grant less,
     * or answer 423 with a larger minimum, which is then asked for once.
     *
     * @throws IllegalArgumentException when it is not 1 to 2^32-1 seconds
     */
    public RegistrationOptions withExpires(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        long s = duration.toSeconds();
        if (s < 1 || s > MAX_EXPIRES_SECONDS) {
            throw new IllegalArgumentException("Expires must be 1..2^32-1 seconds, was " + duration);
        }
        return new RegistrationOptions(Duration.ofSeconds(s), contactParameters, addressOfRecord);
    }

    /**
     * Header parameters for the Contact this user agent registers, each with its leading
     * semicolon, e.g. {@code ;+sip.instance="<urn:uuid:...>";reg-id=1} (RFC 5626 §4.1) or
     * {@code ;q=0.7}. They are checked by parsing a Contact that carries them.
     *
     * @throws IllegalArgumentException when they do not parse as Contact parameters, or name
     *     {@code expires} (the registration sets it)
     */
    public RegistrationOptions withContactParameters(String parameters) {
        Objects.requireNonNull(parameters, "parameters");
        String p = parameters.trim();
        if (!p.isEmpty()) {
            if (!p.startsWith(";")) {
                throw new IllegalArgumentException("Contact parameters start with ';', were \"" + parameters + "\"");
            }
            Address probe = UserAgentBuilder.parseAddress("Contact parameters", "<sip:probe.invalid>" + p);
            if (probe.parameters().has("expires")) {
                throw new IllegalArgumentException("Contact parameters must not set expires (use withExpires), were \""
                        + parameters + "\"");
            }
            org.parley.message.header.Contact.of(probe);
        }
        return new RegistrationOptions(expires, p, addressOfRecord);
    }

    /**
     * The address-of-record to register (the To and From of the REGISTER, RFC 3261 §10.2), when
     * it is not the user agent's identity.
     *
     * @throws IllegalArgumentException when it does not parse
     */
    public RegistrationOptions withAddressOfRecord(String nameAddr) {
        Address a = UserAgentBuilder.parseAddress("address-of-record", nameAddr);
        return new RegistrationOptions(expires, contactParameters, a.withoutParameter("tag"));
    }

    /** The expiry asked for. */
    public Duration expires() {
        return expires;
    }

    /** The Contact parameters, each with its semicolon; empty for none. */
    public String contactParameters() {
        return contactParameters;
    }

    /** The address-of-record, when not the identity. */
    public Optional<Address> addressOfRecord() {
        return Optional.ofNullable(addressOfRecord);
    }
}
