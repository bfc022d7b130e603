package org.parley.server.admin;

import java.util.Locale;

/** Where a server is in its life, as {@code /health} reports it: only {@link #UP} is healthy. Immutable. */
public enum Health {
    /** Binding listeners and opening stores: not ready for traffic yet. */
    STARTING,
    /** Serving. */
    UP,
    /** Shutting down gracefully: letting transactions finish, taking no new calls. */
    STOPPING;

    /** The name in the health document, lower case ("up"). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
