package org.parley.transaction;

import java.util.stream.Collectors;
import org.parley.message.HeaderName;
import org.parley.message.SipRequest;
import org.parley.message.SipResponse;
import org.parley.message.header.Via;
import org.parley.transport.Transport;
import org.parley.transport.resolve.Target;
import org.parley.transport.resolve.TargetSet;

/**
 * A request sent along the targets of an RFC 3263 {@link TargetSet} (§4.3): one client transaction
 * per target tried, each with a new branch and a top Via naming its target's transport (RFC 3261
 * §18.1.1). When a transaction fails without having heard from its target — Timer B or F (408) or a
 * transport error (503) — and the set has another target, the failure is recorded in the set and
 * the same request goes to the next target in a new transaction; the user hears nothing of it. The
 * user sees the responses of the transaction that reached a target, or, when every target failed,
 * one synthetic response (the last failure's status) whose reason names every target tried.
 *
 * <p>A transaction that heard a response (even a provisional one) and then timed out is not
 * retried elsewhere: the target has the request and may act on it, so sending it to another would
 * duplicate it. A 503 <em>response</em> from a target is an answer, passed to the user as it is.
 *
 * <p>Confined to its lane, like the transactions it runs: {@link #request()}, {@link #target()},
 * {@link #key()} and {@link #state()} describe the current attempt.
 */
final class FailoverClientTransaction implements ClientTransaction {
    private final TransactionLayer layer;
    private final SipRequest request;
    private final TargetSet targets;
    private final ResponseListener listener;
    private ClientMachine current;

    private FailoverClientTransaction(TransactionLayer layer, SipRequest request, TargetSet targets,
            ResponseListener listener) {
        this.layer = layer;
        this.request = request;
        this.targets = targets;
        this.listener = listener;
    }

    /**
     * Makes the first attempt's transaction (on any thread) and starts it on its lane.
     *
     * @throws IllegalArgumentException when the set has no target left to try
     */
    static FailoverClientTransaction start(TransactionLayer layer, SipRequest request, TargetSet targets,
            ResponseListener listener) {
        Target first = targets.next().orElseThrow(() -> new IllegalArgumentException(
                "the target set has no target left to try: " + targets));
        FailoverClientTransaction tx = new FailoverClientTransaction(layer, request, targets, listener);
        // Set before the start is handed to the lane, so that a failure there (which replaces it)
        // always comes after this write.
        tx.current = layer.newClient(forTarget(request, first, false), first, tx::onResponse, tx::failed);
        layer.startClient(tx.current);
        return tx;
    }

    private void onResponse(ClientTransaction attempt, SipResponse response) {
        listener.onResponse(this, response);
    }

    /** On the lane: the current attempt ended with a synthetic 408 or 503. */
    private void failed(ClientMachine attempt, SipResponse synthetic) {
        targets.failed(attempt.target(), synthetic.statusCode() + " " + synthetic.reasonPhrase());
        Target next = attempt.hasResponse() ? null : targets.next().orElse(null);
        if (next != null) {
            // RFC 3263 §4.3: a new request, identical but for a new Via branch, to the next target.
            layer.failedOver();
            current = layer.startClient(forTarget(request, next, true), next, this::onResponse, this::failed);
            return;
        }
        if (attempt.hasResponse()) {
            listener.onResponse(this, synthetic);
        } else {
            listener.onResponse(this, SipResponse.responseTo(attempt.request(), synthetic.statusCode(),
                    allTried(synthetic)).build());
        }
    }

    private String allTried(SipResponse last) {
        String tried = targets.failures().stream().map(TargetSet.Failure::toString).collect(Collectors.joining("; "));
        return (last.statusCode() == 408 ? "Request Timeout" : "Service Unavailable") + " (all "
                + targets.failures().size() + " targets tried: " + tried.replace('\r', ' ').replace('\n', ' ') + ")";
    }

    /**
     * The request for one attempt: a new branch after the first (RFC 3263 §4.3), and the top Via's
     * transport set to the target's (RFC 3261 §18.1.1).
     */
    static SipRequest forTarget(SipRequest request, Target target, boolean newBranch) {
        Via top = request.topVia();
        boolean sameTransport = Transport.of(top.transport()).equals(target.transport());
        if (sameTransport && !newBranch) {
            return request;
        }
        Via.Builder via = top.toBuilder().transport(target.transport().name());
        if (newBranch) {
            via.branch(TransactionLayer.newBranch());
        }
        return request.toBuilder().replaceFirst(HeaderName.VIA, via.build().toString()).build();
    }

    @Override
    public SipRequest request() {
        return current.request();
    }

    @Override
    public Target target() {
        return current.target();
    }

    @Override
    public TransactionKey key() {
        return current.key();
    }

    @Override
    public TransactionState state() {
        return current.state();
    }

    @Override
    public String toString() {
        return "failover " + current + " over " + targets;
    }
}
