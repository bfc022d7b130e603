package org.parley.ua;

import java.util.Objects;

/**
 * Fails {@link Call#established()} (and the futures of requests a call can no longer send) when the
 * call ended first; {@link #end()} says why. Unchecked.
 */
public final class CallEndedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The reason (a serializable record). */
    private final CallEnd end;

    /** An exception for a call that ended as {@code end} says. */
    public CallEndedException(CallEnd end) {
        super("the call ended: " + Objects.requireNonNull(end, "end").reason() + " " + end.status() + " "
                + end.detail());
        this.end = end;
    }

    /** Why the call ended. */
    public CallEnd end() {
        return end;
    }
}
