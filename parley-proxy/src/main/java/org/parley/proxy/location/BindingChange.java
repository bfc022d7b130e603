package org.parley.proxy.location;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.parley.proxy.location.ChangeResult.Outcome;

/**
 * The changes one REGISTER asks of one address-of-record (RFC 3261 §10.3 steps 6 and 7), as a pure
 * function of the record's current bindings: {@link #applyTo} decides, without I/O, what the record
 * becomes. Every {@link LocationStore} runs it inside its own atomic read-modify-write (a map entry's
 * lock, a database transaction, a Redis WATCH), so the ordering checks and the per-record limit hold
 * however many REGISTERs race. Immutable.
 *
 * @param aor the record changed
 * @param now the instant the registrar handles the request: bindings lapsed by then are gone
 * @param callId the request's Call-ID
 * @param cseq the request's CSeq number
 * @param removeAll true for {@code Contact: *} with {@code Expires: 0} (§10.3 step 6)
 * @param updates one binding per Contact in request order, with the expiry granted; one whose
 *        {@code expiresAt} is not after {@code now} asks to remove that slot (expires 0)
 * @param maxBindings the most bindings the record may hold after the change
 */
public record BindingChange(AddressOfRecord aor, Instant now, String callId, long cseq, boolean removeAll,
        List<Binding> updates, int maxBindings) {
    /** Checks the parts and copies the list. */
    public BindingChange {
        Objects.requireNonNull(aor, "aor");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(callId, "callId");
        updates = List.copyOf(updates);
        if (removeAll && !updates.isEmpty()) {
            throw new IllegalArgumentException("Contact '*' removes every binding and takes no other contact (RFC 3261"
                    + " §10.3 step 6), was given " + updates.size());
        }
        if (maxBindings < 1) {
            throw new IllegalArgumentException("maxBindings must be at least 1, was " + maxBindings);
        }
        for (Binding b : updates) {
            if (!b.aor().equals(aor)) {
                throw new IllegalArgumentException("binding of " + b.aor() + " in a change of " + aor);
            }
        }
    }

    /** A refresh, addition or removal of the given bindings. */
    public static BindingChange of(AddressOfRecord aor, Instant now, String callId, long cseq, List<Binding> updates,
            int maxBindings) {
        return new BindingChange(aor, now, callId, cseq, false, updates, maxBindings);
    }

    /** {@code Contact: *}: removes every binding the ordering check allows (RFC 3261 §10.3 step 6). */
    public static BindingChange removeAll(AddressOfRecord aor, Instant now, String callId, long cseq) {
        return new BindingChange(aor, now, callId, cseq, true, List.of(), Integer.MAX_VALUE);
    }

    /**
     * What the record becomes. Lapsed bindings are dropped first; then, all or nothing:
     * <ul>
     *   <li>a binding of the same slot with this Call-ID and a CSeq not lower than the request's aborts
     *       the whole update: {@link Outcome#OUT_OF_ORDER} (§10.3 step 6 for '*', step 7 otherwise);</li>
     *   <li>otherwise each update replaces its slot's binding, adds one, or removes it;</li>
     *   <li>a result above {@link #maxBindings} that grew the record is {@link Outcome#TOO_MANY_BINDINGS}.</li>
     * </ul>
     *
     * @param current the record's bindings as stored, lapsed ones included or not
     */
    public ChangeResult applyTo(List<Binding> current) {
        List<Binding> live = new ArrayList<>(current.size());
        for (Binding b : current) {
            if (!b.isExpiredAt(now)) {
                live.add(b);
            }
        }
        if (removeAll) {
            for (Binding b : live) {
                if (isStale(b)) {
                    return new ChangeResult(Outcome.OUT_OF_ORDER, live);
                }
            }
            return new ChangeResult(Outcome.APPLIED, List.of());
        }
        List<Binding> result = new ArrayList<>(live);
        for (Binding u : updates) {
            int slot = indexOfSlot(result, u);
            if (slot >= 0 && isStale(result.get(slot))) {
                return new ChangeResult(Outcome.OUT_OF_ORDER, live);
            }
            boolean remove = u.isExpiredAt(now);
            if (slot >= 0 && remove) {
                result.remove(slot);
            } else if (slot >= 0) {
                result.set(slot, u);
            } else if (!remove) {
                result.add(u);
            }
        }
        if (result.size() > maxBindings && result.size() > live.size()) {
            return new ChangeResult(Outcome.TOO_MANY_BINDINGS, live);
        }
        return new ChangeResult(Outcome.APPLIED, result);
    }

    /** RFC 3261 §10.3 step 7: same Call-ID and a CSeq not higher than the stored one. */
    private boolean isStale(Binding existing) {
        return existing.callId().equals(callId) && cseq <= existing.cseq();
    }

    private static int indexOfSlot(List<Binding> bindings, Binding b) {
        for (int i = 0; i < bindings.size(); i++) {
            if (bindings.get(i).isSameSlot(b)) {
                return i;
            }
        }
        return -1;
    }
}
