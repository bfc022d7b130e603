package org.parley.proxy.core;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.parley.message.HeaderName;
import org.parley.message.Method;
import org.parley.message.SipParseException;
import org.parley.message.SipRequest;
import org.parley.message.SipResponse;
import org.parley.message.uri.SipUri;
import org.parley.message.uri.Uri;
import org.parley.transaction.ClientTransaction;
import org.parley.transaction.ServerTransaction;
import org.parley.transaction.TransactionLayer;
import org.parley.transport.resolve.Target;
import org.parley.transport.resolve.TargetSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The response context of one request the proxy forwards statefully (RFC 3261 §16.7): its server
 * transaction, the target set in q-value groups, one {@link Branch} per copy sent, and the final
 * responses kept until the best one goes upstream.
 *
 * <pre>
 *   start(groups) ──► group 1: a branch per target, in parallel (§16.6)
 *     1xx (not 100) ──► forwarded, Timer C reset (§16.7 steps 5, 2)
 *     2xx ──► forwarded at once, each of them; pending branches CANCELled (INVITE, step 10)
 *     6xx ──► kept; pending branches CANCELled (step 5)
 *     3xx–5xx, timeouts (408), transport errors (503) ──► kept
 *     all branches of the group done: no 2xx/6xx and a next group ──► group 2 (sequential forking)
 *                                     else the best response goes upstream (steps 6, 7)
 *   CANCEL from upstream (§16.10) ──► CANCEL each pending branch; their 487s make the answer
 *   Timer C fires (§16.8) ──► CANCEL the branch if it had a provisional, else a 408 for it
 * </pre>
 *
 * <p>Confined to the lane of the request's Call-ID: the server transaction, the client transactions
 * of every branch (they share the Call-ID) and the timers all run there, so nothing is locked. Work
 * that completes elsewhere (location lookup, RFC 3263) comes back through
 * {@link TransactionLayer#execute}.
 */
final class ResponseContext {
    private static final Logger LOG = LoggerFactory.getLogger(ResponseContext.class);

    private final Proxy proxy;
    private final ServerTransaction server;
    private final boolean invite;
    /** The request after validation, route pre-processing and authentication: what each copy starts from. */
    private SipRequest request;
    private final String hash;
    private List<List<Destination>> groups = List.of();
    private int nextGroup;
    private final List<Branch> branches = new ArrayList<>(2);
    private boolean finalSent;
    private boolean cancelled;
    private boolean finished;
    private boolean recordRoute;

    ResponseContext(Proxy proxy, ServerTransaction server, SipRequest request, String hash) {
        this.proxy = proxy;
        this.server = server;
        this.request = request;
        this.hash = hash;
        this.invite = request.method().equals(Method.INVITE);
    }

    SipRequest request() {
        return request;
    }

    ServerTransaction server() {
        return server;
    }

    /** Replaces the request before any branch starts (credentials of our realm removed, §22.3). */
    void request(SipRequest changed) {
        this.request = changed;
    }

    boolean isCancelled() {
        return cancelled;
    }

    /** Starts forwarding to {@code targets}, grouped by q-value, highest first (§16.6, RFC 3261 §16.6 step 1). */
    void start(List<List<Destination>> targets) {
        if (cancelled) {
            answer(Replies.to(server.request(), 487).build());
            return;
        }
        this.groups = targets;
        this.recordRoute = Forwarding.recordRoutes(request, proxy.config().recordRoute());
        startNextGroup();
    }

    private void startNextGroup() {
        List<Destination> group = groups.get(nextGroup++);
        List<Branch> started = new ArrayList<>(group.size());
        for (Destination d : group) {
            Branch b = new Branch(branches.size(), d);
            branches.add(b);
            started.add(b);
        }
        for (Branch b : started) {
            locate(b);
        }
    }

    /** §16.6 step 7: where the copy goes; a flow needs no lookup, anything else is located by RFC 3263. */
    private void locate(Branch b) {
        Uri hop = Forwarding.nextHop(request, b.destination);
        boolean viaFlow = b.destination.flow().isPresent() && b.destination.path().isEmpty()
                && !request.hasHeader(HeaderName.ROUTE);
        if (viaFlow) {
            send(b, TargetSet.of(b.destination.flow().get().target()));
            return;
        }
        if (!(hop instanceof SipUri sip)) {
            fail(b, 416, "Unsupported URI Scheme (next hop " + hop.scheme() + ")");
            return;
        }
        String callId = request.callId();
        proxy.locator().locate(sip).whenComplete((targets, error) -> proxy.layer().execute(callId, () -> {
            if (error != null || targets.isEmpty()) {
                String why = error == null ? "no target" : unwrap(error);
                fail(b, 503, "Service Unavailable (cannot locate " + sip + ": " + why + ")");
            } else {
                send(b, TargetSet.of(targets));
            }
        }));
    }

    private static String unwrap(Throwable t) {
        Throwable c = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
        return c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
    }

    private void send(Branch b, TargetSet targets) {
        if (b.cancelWanted) {
            fail(b, 487, "Request Terminated");
            return;
        }
        Target first = targets.targets().get(0);
        try {
            String branch = LoopHash.branch(hash, b.index);
            b.sent = Forwarding.copy(request, server.source(), b.destination, first, branch, proxy.self(),
                    recordRoute);
            b.state = Branch.State.SENT;
            b.transaction = proxy.layer().send(b.sent, targets, (tx, response) -> onResponse(b, tx, response));
        } catch (IllegalArgumentException | SipParseException e) {
            LOG.debug("{}: cannot forward: {}", b, e.getMessage());
            fail(b, 500, "Server Internal Error (cannot forward: " + e.getMessage() + ")");
            return;
        }
        proxy.stats().requestsForwarded.increment();
        LOG.debug("{} {} forwarded to {} ({})", request.method(), request.callId(), first, b);
        if (invite) {
            b.timerC = proxy.layer().newTimer(request.callId(), "C", () -> onTimerC(b));
            b.timerC.start(proxy.config().timerC().toMillis());
        }
    }

    /** A branch ends without a response from its target: a final made here stands for it. */
    private void fail(Branch b, int status, String reason) {
        b.finalResponse = SipResponse.responseTo(request, status, Replies.reason(reason, null)).build();
        b.localFinal = true;
        done(b);
        completeIfAllDone();
    }

    private void done(Branch b) {
        b.state = Branch.State.DONE;
        if (b.timerC != null) {
            b.timerC.cancel();
        }
    }

    /** RFC 3261 §16.7: one response of a branch's client transaction. */
    private void onResponse(Branch b, ClientTransaction tx, SipResponse response) {
        int status = response.statusCode();
        LOG.debug("{} {}: {} on {}", request.method(), request.callId(), status, b);
        if (status < 200) {
            onProvisional(b, response);
        } else if (status < 300) {
            onSuccess(b, response);
        } else {
            onFailure(b, response);
        }
    }

    private void onProvisional(Branch b, SipResponse response) {
        if (b.state == Branch.State.DONE) {
            return;
        }
        if (response.statusCode() == 100) {
            // Step 3/5: a 100 is absorbed (our own went upstream at once, §16.2); it still means a
            // provisional response arrived, so a CANCEL may go now (§9.1).
            b.state = Branch.State.PROCEEDING;
            sendWantedCancel(b);
            return;
        }
        b.state = Branch.State.PROCEEDING;
        if (b.timerC != null) {
            // §16.7 step 2: a provisional response resets Timer C.
            b.timerC.start(proxy.config().timerC().toMillis());
        }
        sendWantedCancel(b);
        if (!finalSent) {
            forward(response);
        }
    }

    private void onSuccess(Branch b, SipResponse response) {
        boolean first = b.state != Branch.State.DONE;
        done(b);
        if (invite) {
            // Step 10 (§16.7): every 2xx of an INVITE goes upstream at once, retransmissions too.
            if (first) {
                b.finalResponse = response;
                proxy.callTable().established(response);
                cancelPending("2xx from another branch");
            }
            forward(response);
            finalSent = true;
        } else if (!finalSent) {
            b.finalResponse = response;
            finalSent = true;
            forward(response);
            onFinalForwarded(response);
        }
        finishIfQuiet();
    }

    private void onFailure(Branch b, SipResponse response) {
        if (b.state == Branch.State.DONE) {
            return;
        }
        done(b);
        b.finalResponse = response;
        b.localFinal = TransactionLayer.isSynthetic(response);
        if (invite && response.statusCode() >= 600) {
            // Step 5: a 6xx ends the search; the others are cancelled and the 6xx is the answer.
            cancelPending("6xx from another branch");
        }
        completeIfAllDone();
    }

    /** When every branch started is done: the next q-group, or the best response upstream (§16.7 step 6). */
    private void completeIfAllDone() {
        for (Branch b : branches) {
            if (b.isPending()) {
                return;
            }
        }
        if (!finalSent && !cancelled && nextGroup < groups.size() && !hasSixOrTwoHundred()) {
            startNextGroup();
            return;
        }
        if (!finalSent) {
            finalSent = true;
            SipResponse best = best();
            server.respond(best);
            if (best.statusCode() >= 200) {
                onFinalForwarded(best);
            }
        }
        finishIfQuiet();
    }

    private boolean hasSixOrTwoHundred() {
        for (Branch b : branches) {
            int status = b.finalResponse == null ? 0 : b.finalResponse.statusCode();
            if (status >= 600 || status / 100 == 2) {
                return true;
            }
        }
        return false;
    }

    /** §16.7 steps 6 and 7: the best final response, rewritten as the rules say. */
    private SipResponse best() {
        List<SipResponse> finals = new ArrayList<>(branches.size());
        List<Branch> from = new ArrayList<>(branches.size());
        for (Branch b : branches) {
            if (b.finalResponse != null) {
                finals.add(b.finalResponse);
                from.add(b);
            }
        }
        if (finals.isEmpty()) {
            return Replies.to(server.request(), 500, "Server Internal Error (no branch answered)").build();
        }
        int i = BestResponse.choose(finals);
        SipResponse chosen = finals.get(i);
        int status = chosen.statusCode();
        if (status == 503) {
            // Step 6: a 503 would make the client think this proxy is overloaded; it becomes 500.
            proxy.stats().responsesForwarded.increment();
            return Replies.to(server.request(), 500, Replies.reason("Server Internal Error",
                    "downstream: " + chosen.reasonPhrase())).build();
        }
        if (from.get(i).localFinal) {
            return Replies.to(server.request(), status, chosen.reasonPhrase()).build();
        }
        var out = chosen.toBuilder().removeFirst(HeaderName.VIA);
        if (status == 401 || status == 407) {
            // Step 7: the challenges of every 401/407 branch go together in the one response.
            for (int k = 0; k < finals.size(); k++) {
                SipResponse other = finals.get(k);
                if (k == i || from.get(k).localFinal || other.statusCode() != 401 && other.statusCode() != 407) {
                    continue;
                }
                other.headerValues(HeaderName.WWW_AUTHENTICATE).forEach(v -> out.add(HeaderName.WWW_AUTHENTICATE, v));
                other.headerValues(HeaderName.PROXY_AUTHENTICATE)
                        .forEach(v -> out.add(HeaderName.PROXY_AUTHENTICATE, v));
            }
        }
        proxy.stats().responsesForwarded.increment();
        return out.build();
    }

    /** Step 3 and 8: our Via off, the rest upstream over the server transaction. */
    private void forward(SipResponse response) {
        SipResponse out = response.toBuilder().removeFirst(HeaderName.VIA).build();
        if (!out.hasHeader(HeaderName.VIA)) {
            // Step 3: no Via left: the response was for this proxy itself.
            proxy.stats().dropped.increment();
            return;
        }
        proxy.stats().responsesForwarded.increment();
        server.respond(out);
    }

    private void onFinalForwarded(SipResponse response) {
        if (request.method().equals(Method.BYE)) {
            proxy.callTable().ended(request.callId(), request.fromTag().orElse(""), request.toTag().orElse(""));
        }
    }

    /** §16.10: the CANCEL of the INVITE this context forwards arrived. */
    void cancelFromUpstream() {
        cancelled = true;
        if (branches.isEmpty() && !finalSent && groups.isEmpty()) {
            // Still authenticating or looking up: start() answers 487 when that ends.
            return;
        }
        cancelPending("CANCEL from upstream");
    }

    /** Cancels every pending branch (§16.10, §16.7 step 10): at once if it had a provisional response, else later. */
    private void cancelPending(String why) {
        nextGroup = groups.size();
        for (Branch b : branches) {
            if (!b.isPending() || b.cancelWanted) {
                continue;
            }
            b.cancelWanted = true;
            LOG.debug("{}: cancelling ({})", b, why);
            sendWantedCancel(b);
        }
    }

    /** §9.1: a CANCEL only once the branch had a provisional response. */
    private void sendWantedCancel(Branch b) {
        if (!b.cancelWanted || b.cancelSent || b.state != Branch.State.PROCEEDING) {
            return;
        }
        b.cancelSent = true;
        SipRequest cancel = Cancels.of(b.sent);
        proxy.stats().cancelsSent.increment();
        try {
            proxy.layer().send(cancel, b.transaction.target(), (tx, r) -> { });
        } catch (IllegalArgumentException e) {
            LOG.debug("{}: CANCEL not sent: {}", b, e.getMessage());
        }
    }

    /**
     * §16.8: Timer C fired. With a provisional response the branch is cancelled (and given 64·T1
     * more to answer its 487); without one, or when that wait also ends, it counts as a 408.
     */
    private void onTimerC(Branch b) {
        if (b.state == Branch.State.DONE) {
            return;
        }
        proxy.stats().timerC.increment();
        if (b.state == Branch.State.PROCEEDING && !b.cancelSent) {
            b.cancelWanted = true;
            sendWantedCancel(b);
            b.timerC.start(proxy.layer().config().timeoutMillis());
            return;
        }
        fail(b, 408, "Request Timeout (Timer C)");
    }

    /** Answers the request from the proxy itself before any branch (487 after a CANCEL, a store failure). */
    void answer(SipResponse response) {
        if (cancelled) {
            // §16.10: the caller cancelled while we were still deciding: that ends it.
            response = Replies.to(server.request(), 487).build();
        }
        finalSent = true;
        proxy.stats().replied(response.statusCode());
        server.respond(response);
        finishIfQuiet();
    }

    /** Leaves the table once the final response is sent and no branch is pending. */
    private void finishIfQuiet() {
        if (finished || !finalSent) {
            return;
        }
        for (Branch b : branches) {
            if (b.isPending()) {
                return;
            }
        }
        finished = true;
        proxy.finished(this);
    }
}
