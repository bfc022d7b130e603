package org.parley.sdp;

import java.util.Optional;

/**
 * The value of {@code a=setup} (RFC 4145 §4, used by DTLS-SRTP in RFC 5763 §5): which side opens the
 * connection. The four values are a closed set. Immutable.
 */
public enum Setup {
    /** This side opens the connection. */
    ACTIVE("active"),
    /** This side accepts the connection. */
    PASSIVE("passive"),
    /** Either; an offerer's usual choice (RFC 5763 §5). */
    ACTPASS("actpass"),
    /** No connection for now. */
    HOLDCONN("holdconn");

    private final String value;

    Setup(String value) {
        this.value = value;
    }

    /**
     * Parses a setup value.
     *
     * @throws SdpParseException when it is not one of the four
     */
    public static Setup parse(String value) {
        return find(value).orElseThrow(() -> SdpParseException.badValue("setup",
            "expected active, passive, actpass or holdconn, got \"" + value + "\""));
    }

    private static Optional<Setup> find(String value) {
        for (Setup s : values()) {
            if (s.value.equals(value)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** The attribute value. */
    @Override
    public String toString() {
        return value;
    }
}
