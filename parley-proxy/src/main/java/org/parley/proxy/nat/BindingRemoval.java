package org.parley.proxy.nat;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.parley.proxy.location.Binding;
import org.parley.proxy.location.BindingChange;
import org.parley.proxy.location.LocationStore;

/**
 * Removes a binding that stopped answering keep-alives, unless the client refreshed it meanwhile:
 * the stored binding of the slot must still carry the Call-ID, CSeq and source that were pinged.
 * The removal is the change a REGISTER with that Call-ID, the next CSeq and {@code expires=0} would
 * make (RFC 3261 §10.3 steps 6 and 7), so a refresh that reached the store first with a higher CSeq
 * makes it out of order and leaves the binding. A refresh under a new Call-ID between the check and
 * the change is the one race left; the client's next refresh then restores it. Stateless.
 */
final class BindingRemoval {
    private BindingRemoval() {
    }

    /** Completes with true when the binding was removed, false when it had changed or gone. */
    static CompletableFuture<Boolean> remove(LocationStore store, Binding pinged, Instant now) {
        return store.lookup(pinged.aor()).thenCompose(current -> {
            boolean unchanged = current.stream().anyMatch(b -> b.isSameSlot(pinged) && b.callId().equals(
                    pinged.callId()) && b.cseq() == pinged.cseq() && b.source().equals(pinged.source()));
            if (!unchanged) {
                return CompletableFuture.completedFuture(false);
            }
            Binding gone = new Binding(pinged.aor(), pinged.contact(), now, pinged.callId(), pinged.cseq() + 1,
                    pinged.path(), pinged.instanceId(), pinged.regId(), pinged.source(), pinged.userAgent());
            BindingChange change = BindingChange.of(pinged.aor(), now, pinged.callId(), pinged.cseq() + 1,
                    List.of(gone), Integer.MAX_VALUE);
            return store.apply(change).thenApply(r -> r.isApplied());
        });
    }
}
