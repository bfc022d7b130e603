package org.parley.sdp;

import java.util.Optional;

/**
 * The media direction attributes (RFC 8866 §6.7, RFC 3264 §5.1): a closed set of four, so an enum.
 * {@link #SENDRECV} is the default when none is given. Immutable.
 */
public enum Direction {
    /** Send and receive (the default). */
    SENDRECV("sendrecv", true, true),
    /** Send only; an offer of sendonly puts the peer on hold (RFC 3264 §8.4). */
    SENDONLY("sendonly", true, false),
    /** Receive only. */
    RECVONLY("recvonly", false, true),
    /** Neither send nor receive. */
    INACTIVE("inactive", false, false);

    private final String attributeName;
    private final boolean sends;
    private final boolean receives;

    Direction(String attributeName, boolean sends, boolean receives) {
        this.attributeName = attributeName;
        this.sends = sends;
        this.receives = receives;
    }

    /** The direction with these send and receive flags. */
    public static Direction of(boolean sends, boolean receives) {
        if (sends) {
            return receives ? SENDRECV : SENDONLY;
        }
        return receives ? RECVONLY : INACTIVE;
    }

    /** The direction named by a property attribute, if {@code name} is one of the four. */
    public static Optional<Direction> fromAttributeName(String name) {
        for (Direction d : values()) {
            if (d.attributeName.equals(name)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    /** The attribute name, e.g. {@code sendonly}. */
    public String attributeName() {
        return attributeName;
    }

    /** Whether media flows from the side that wrote this direction. */
    public boolean sends() {
        return sends;
    }

    /** Whether the side that wrote this direction receives media. */
    public boolean receives() {
        return receives;
    }

    /** The direction seen from the other side: sendonly and recvonly swap (RFC 3264 §6.1). */
    public Direction reversed() {
        return of(receives, sends);
    }

    /** The attribute itself. */
    public Attribute toAttribute() {
        return Attribute.of(attributeName);
    }
}
