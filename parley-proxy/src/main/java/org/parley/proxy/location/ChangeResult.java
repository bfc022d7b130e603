package org.parley.proxy.location;

import java.util.List;
import java.util.Objects;

/**
 * What came of a {@link BindingChange}: whether it was applied, and the record's bindings afterwards
 * (before, when it was not applied). Immutable.
 *
 * @param outcome applied, or why not
 * @param bindings the record's live bindings after the change, or unchanged when it was refused
 */
public record ChangeResult(Outcome outcome, List<Binding> bindings) {
    /** Checks the parts and copies the list. */
    public ChangeResult {
        Objects.requireNonNull(outcome, "outcome");
        bindings = List.copyOf(bindings);
    }

    /** True when the store now holds the change. */
    public boolean isApplied() {
        return outcome == Outcome.APPLIED;
    }

    /** Why a change was or was not applied. All-or-nothing: a refused change left the record as it was. */
    public enum Outcome {
        /** Every update of the request was committed (RFC 3261 §10.3 step 7). */
        APPLIED,
        /**
         * A binding with the request's Call-ID has an equal or higher CSeq: the request is out of order
         * and the whole update is aborted (RFC 3261 §10.3 steps 6 and 7).
         */
        OUT_OF_ORDER,
        /** The record would hold more bindings than the per-record limit allows. */
        TOO_MANY_BINDINGS,
        /** The store holds as many bindings as it may; nothing was added. */
        STORE_FULL
    }
}
