package org.parley.message.header;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.parley.message.Parameters;
import org.parley.message.SipParseException;

/**
 * One element of a Contact header (RFC 3261 §20.10, §25.1 {@code Contact = STAR / contact-param
 * *(COMMA contact-param)}): either the wildcard {@code *} a REGISTER uses to remove all bindings
 * (RFC 3261 §10.2.2), or an {@link Address} whose header parameters are the contact-params.
 *
 * <p>Typed accessors read the parameters registration uses:
 * <ul>
 * <li>{@code q}, the preference 0 to 1 with at most three decimals (§20.10 qvalue), checked when
 *     parsed;
 * <li>{@code expires}, delta-seconds 0 to 2^32-1 (§20.10), checked only when {@link #expires()}
 *     reads it: RFC 4475 §3.1.2.4 lets a registrar treat an overlarge value as absent and use its
 *     default, so a bad expires does not make the whole Contact unreadable;
 * <li>{@code +sip.instance} and {@code reg-id} (RFC 5626 §4.1, §4.2), the latter checked when
 *     parsed (1 to 2^31-1).
 * </ul>
 *
 * <p>{@link #toString()} is {@code *} or the address's canonical form; it parses back equal.
 * Immutable and thread-safe.
 */
public final class Contact {
    /** The wildcard contact {@code *} (RFC 3261 §10.2.2). */
    public static final Contact WILDCARD = new Contact(null, -1, -1);

    private static final String CONTACT = "Contact";

    /** Null for the wildcard. */
    private final Address address;
    /** q in thousandths, -1 when absent. */
    private final int q;
    /** -1 when absent. */
    private final int regId;

    private Contact(Address address, int q, int regId) {
        this.address = address;
        this.q = q;
        this.regId = regId;
    }

    /**
     * A contact for this address; its parameters are the contact-params.
     *
     * @throws IllegalArgumentException when its q or reg-id parameter is malformed
     */
    public static Contact of(Address address) {
        Objects.requireNonNull(address, "address");
        String problem = problemWith(address.parameters());
        if (problem != null) {
            throw new IllegalArgumentException("Contact " + problem + ", parameters were \""
                    + address.parameters() + "\"");
        }
        return checked(address);
    }

    /**
     * Parses one Contact element (the header value already split at commas and unfolded): {@code *}
     * alone, with optional whitespace around it, or an address as {@link Address#parse} reads it.
     * ({@code * <sip:a@example.com>} is such an address, with the token "*" as display name.)
     * The expires parameter is not checked here; see {@link #expires()}. Whether a wildcard is the
     * only element of its header (RFC 3261 §10.2.2) is for the caller, which sees the whole list.
     *
     * @throws SipParseException (400 naming Contact) when the address does not parse, when
     *     {@code *} has parameters, when q is not a qvalue or reg-id not 1..2^31-1
     */
    public static Contact parse(String element) {
        Objects.requireNonNull(element, "element");
        HeaderScanner s = new HeaderScanner(CONTACT, element);
        s.skipLws();
        if (s.peek() == '*') {
            int star = s.position();
            s.position(star + 1);
            s.skipLws();
            if (s.atEnd()) {
                return WILDCARD;
            }
            if (s.peek() == ';') {
                // RFC 3261 §25.1: STAR takes no contact-params.
                throw s.error("wildcard '*' must stand alone");
            }
            s.position(star);
        }
        Address address = Address.parse(CONTACT, element);
        String problem = problemWith(address.parameters());
        if (problem != null) {
            throw s.error(problem);
        }
        return checked(address);
    }

    /**
     * Parses one Contact value straight from the message bytes {@code bytes[from, to)} (the
     * unfolded value of one Contact line), as {@link #parse(String)} would, when it is a plain
     * name-addr ({@link Address#parseNameAddr}). Meant for Parley's own message parser
     * ({@code SipMessage.contacts()}); other code should use {@link #parse(String)}.
     *
     * @return the contact, equal to what {@link #parse(String)} gives; empty when the value is not
     *     of that form or breaks the grammar (a bad q or reg-id included): {@link #parse(String)}
     *     then decides and reports
     * @throws IndexOutOfBoundsException when the range is not inside {@code bytes}
     */
    public static Optional<Contact> parseNameAddr(byte[] bytes, int from, int to) {
        Objects.checkFromToIndex(from, to, bytes.length);
        Address address = AddressScanner.nameAddr(bytes, from, to);
        return address == null || problemWith(address.parameters()) != null
                ? Optional.empty() : Optional.of(checked(address));
    }

    /** What is wrong with the q or reg-id parameter, or null. Never quotes the value. */
    private static String problemWith(Parameters params) {
        if (params.isEmpty()) {
            return null;
        }
        if (params.has("q")) {
            String value = params.getOrNull("q");
            if (value == null || parseQ(value) < 0) {
                return "q must be 0..1 with at most 3 decimals";
            }
        }
        if (params.has("reg-id")) {
            String value = params.getOrNull("reg-id");
            if (value == null || !Checks.isNumberAtMost(value, Integer.MAX_VALUE) || Integer.parseInt(value) == 0) {
                return "reg-id must be 1..2^31-1";
            }
        }
        return null;
    }

    /** The contact for an address whose q and reg-id passed {@link #problemWith}. */
    private static Contact checked(Address address) {
        String q = address.parameters().getOrNull("q");
        String regId = address.parameters().getOrNull("reg-id");
        return new Contact(address, q == null ? -1 : parseQ(q), regId == null ? -1 : Integer.parseInt(regId));
    }

    /**
     * RFC 3261 §25.1: {@code qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )}.
     *
     * @return the value in thousandths, or -1 when the text is not a qvalue
     */
    private static int parseQ(String text) {
        int n = text.length();
        if (n == 0 || n > 5 || text.charAt(0) != '0' && text.charAt(0) != '1' || n > 1 && text.charAt(1) != '.') {
            return -1;
        }
        int value = (text.charAt(0) - '0') * 1000;
        int scale = 100;
        for (int i = 2; i < n; i++) {
            char c = text.charAt(i);
            if (!HostSyntax.isDigit(c)) {
                return -1;
            }
            value += (c - '0') * scale;
            scale /= 10;
        }
        return value > 1000 ? -1 : value;
    }

    /** True for the wildcard {@code *}. */
    public boolean isWildcard() {
        return address == null;
    }

    /** The address; empty for the wildcard. */
    public Optional<Address> address() {
        return Optional.ofNullable(address);
    }

    /**
     * The expires parameter (RFC 3261 §20.10): how long the binding should last, 0 to 2^32-1
     * seconds; empty when absent or for the wildcard.
     *
     * <p>The value is checked here, not when parsing. A registrar that meets a malformed or
     * overlarge value (RFC 4475 §3.1.2.4 sends 280297596632815) may answer 400 with the exception's
     * status and reason phrase, or catch it and use its default expiry as RFC 4475 allows.
     *
     * @throws SipParseException (400 naming Contact) when the parameter has no value, is not
     *     digits, or is above 2^32-1
     */
    public OptionalLong expires() {
        if (address == null || !address.parameters().has("expires")) {
            return OptionalLong.empty();
        }
        String value = address.parameters().getOrNull("expires");
        if (value == null || !Checks.isNumberAtMost(value, DeltaSeconds.MAX)) {
            throw SipParseException.badHeader(CONTACT, "expires must be 0..2^32-1 seconds");
        }
        return OptionalLong.of(Long.parseLong(value));
    }

    /** The q parameter, 0.0 to 1.0 (RFC 3261 §20.10); empty when absent or for the wildcard. */
    public OptionalDouble q() {
        return q < 0 ? OptionalDouble.empty() : OptionalDouble.of(q / 1000.0);
    }

    /**
     * The q parameter in thousandths, 0 to 1000, exact for sorting and comparing (0.33 is 330);
     * empty when absent or for the wildcard.
     */
    public OptionalInt qThousandths() {
        return q < 0 ? OptionalInt.empty() : OptionalInt.of(q);
    }

    /**
     * The {@code +sip.instance} parameter (RFC 5626 §4.1) without its quotes, e.g.
     * {@code <urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6>}; empty when absent or for the wildcard.
     */
    public Optional<String> instanceId() {
        if (address == null) {
            return Optional.empty();
        }
        String value = address.parameters().getOrNull("+sip.instance");
        return value == null ? Optional.empty() : Optional.of(HeaderScanner.unquote(value));
    }

    /** The reg-id parameter (RFC 5626 §4.2), 1 to 2^31-1; empty when absent or for the wildcard. */
    public OptionalInt regId() {
        return regId < 0 ? OptionalInt.empty() : OptionalInt.of(regId);
    }

    /**
     * This contact with the expires parameter set, as a registrar writes it in its 200
     * (RFC 3261 §10.3 step 8).
     *
     * @throws IllegalArgumentException when the seconds are not 0..2^32-1
     * @throws IllegalStateException for the wildcard
     */
    public Contact withExpires(long seconds) {
        DeltaSeconds.requireValid("Contact expires", seconds);
        return new Contact(requireAddress().withParameter("expires", Long.toString(seconds)), q, regId);
    }

    /**
     * This contact with the q parameter set.
     *
     * @param value 0.0 to 1.0 with at most three decimals
     * @throws IllegalArgumentException when the value is outside 0..1 or has more decimals
     * @throws IllegalStateException for the wildcard
     */
    public Contact withQ(double value) {
        double thousandths = value * 1000;
        long rounded = Math.round(thousandths);
        if (!(value >= 0 && value <= 1) || Math.abs(thousandths - rounded) > 1e-6) {
            throw new IllegalArgumentException("Contact q must be 0..1 with at most 3 decimals, was " + value);
        }
        int t = (int) rounded;
        return new Contact(requireAddress().withParameter("q", formatQ(t)), t, regId);
    }

    /** 1000 gives "1", 330 gives "0.33", 0 gives "0". */
    private static String formatQ(int thousandths) {
        if (thousandths == 1000 || thousandths == 0) {
            return thousandths == 0 ? "0" : "1";
        }
        StringBuilder out = new StringBuilder("0.");
        out.append((char) ('0' + thousandths / 100)).append((char) ('0' + thousandths / 10 % 10))
                .append((char) ('0' + thousandths % 10));
        while (out.charAt(out.length() - 1) == '0') {
            out.setLength(out.length() - 1);
        }
        return out.toString();
    }

    private Address requireAddress() {
        if (address == null) {
            throw new IllegalStateException("the wildcard Contact '*' takes no parameters");
        }
        return address;
    }

    /** {@code *}, or the address's canonical wire form. */
    @Override
    public String toString() {
        return address == null ? "*" : address.toString();
    }

    /** Both wildcards, or equal addresses ({@link Address#equals}). */
    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof Contact c && Objects.equals(c.address, address);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(address);
    }
}
