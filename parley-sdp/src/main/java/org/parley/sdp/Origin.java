package org.parley.sdp;

import java.math.BigInteger;
import java.util.Objects;

/**
 * The {@code o=} line (RFC 8866 §5.2): who made the session description and which version of it this is.
 * The session id and version are decimal numbers of any size (RFC 8866 recommends NTP timestamps, which
 * do not fit a signed {@code long}). Immutable; checked when built.
 *
 * @param username the user's login on the originating host, or {@code "-"}
 * @param sessionId the numeric session id (digits)
 * @param sessionVersion the version, increased by one on each change (RFC 3264 §8)
 * @param netType the network type, {@code IN}
 * @param addressType {@code IP4} or {@code IP6} (any token is kept)
 * @param address the address or name of the originating host
 */
public record Origin(String username, String sessionId, BigInteger sessionVersion, String netType,
        String addressType, String address) {

    /** Checks every field: non-whitespace, a digit-only id, a non-negative version and tokens. */
    public Origin {
        Syntax.requireNonWhitespace(username, "origin username");
        if (sessionId == null || !Syntax.isDigits(sessionId)) {
            throw new IllegalArgumentException("origin session id must be digits, was \"" + sessionId + "\"");
        }
        Objects.requireNonNull(sessionVersion, "sessionVersion");
        if (sessionVersion.signum() < 0) {
            throw new IllegalArgumentException("origin session version must be >= 0, was " + sessionVersion);
        }
        Syntax.requireToken(netType, "origin network type");
        Syntax.requireToken(addressType, "origin address type");
        Syntax.requireNonWhitespace(address, "origin address");
    }

    /** An {@code IN} origin whose address type is {@code IP6} when {@code address} has a colon, else IP4. */
    public static Origin of(String username, String sessionId, long sessionVersion, String address) {
        return new Origin(username, sessionId, BigInteger.valueOf(sessionVersion), Connection.IN,
            Connection.addressTypeOf(address), address);
    }

    /** The same origin with the version increased by one: each change of a session (RFC 3264 §8). */
    public Origin withVersionBumped() {
        return new Origin(username, sessionId, sessionVersion.add(BigInteger.ONE), netType, addressType, address);
    }

    /** The value of the {@code o=} line. */
    @Override
    public String toString() {
        return username + ' ' + sessionId + ' ' + sessionVersion + ' ' + netType + ' ' + addressType + ' ' + address;
    }
}
