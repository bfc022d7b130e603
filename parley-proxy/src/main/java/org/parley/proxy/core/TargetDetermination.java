package org.parley.proxy.core;

import java.util.List;
import java.util.Optional;
import org.parley.message.SipRequest;
import org.parley.message.uri.SipUri;
import org.parley.message.uri.Uri;
import org.parley.proxy.auth.SubscriberStore;
import org.parley.proxy.location.AddressOfRecord;
import org.parley.proxy.location.LocationStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Target determination, RFC 3261 §16.5: a request that still has a Route goes to its Request-URI by
 * that Route; one whose Route of ours named a flow goes over it (RFC 5626 §5.3); one for a user of our
 * domains goes to every current binding from the {@link LocationStore} (404 when there is none, or,
 * with the subscribers known, 404 for an unknown user and 480 for one not registered now); anything
 * else goes to its Request-URI. Lookups complete on the store's thread and come back to the lane.
 * Thread-safe (holds only immutable references).
 */
final class TargetDetermination {
    private static final Logger LOG = LoggerFactory.getLogger(TargetDetermination.class);

    private final Proxy proxy;
    private final LocationStore locations;
    private final Optional<SubscriberStore> subscribers;

    TargetDetermination(Proxy proxy, LocationStore locations, Optional<SubscriberStore> subscribers) {
        this.proxy = proxy;
        this.locations = locations;
        this.subscribers = subscribers;
    }

    /** §16.5: the target set. */
    void route(ResponseContext ctx, Optional<Flow> flow, boolean hasRoute) {
        if (ctx.isCancelled()) {
            ctx.start(List.of());
            return;
        }
        SipRequest r = ctx.request();
        Uri uri = r.requestUri();
        if (hasRoute) {
            ctx.start(List.of(List.of(Destination.of(uri))));
        } else if (flow.isPresent()) {
            ctx.start(List.of(List.of(new Destination(uri, List.of(), flow, 1000))));
        } else if (uri instanceof SipUri sip && sip.user().isPresent() && proxy.config().serves(sip.host().text())) {
            lookup(ctx, AddressOfRecord.of(sip));
        } else {
            ctx.start(List.of(List.of(Destination.of(uri))));
        }
    }

    private void lookup(ResponseContext ctx, AddressOfRecord aor) {
        String callId = ctx.request().callId();
        locations.lookup(aor).whenComplete((bindings, error) -> proxy.layer().execute(callId, () -> {
            if (error != null) {
                LOG.warn("location store failed for {}: {}", aor, Proxy.cause(error));
                ctx.answer(Replies.to(ctx.request(), 500, Replies.reason("Server Internal Error",
                        "location store: " + Proxy.cause(error))).build());
            } else if (bindings.isEmpty()) {
                unavailable(ctx, aor);
            } else {
                ctx.start(Targets.groups(bindings));
            }
        }));
    }

    /** §16.5: no binding: 404 for a user we do not have, 480 for one who is not registered now. */
    private void unavailable(ResponseContext ctx, AddressOfRecord aor) {
        if (subscribers.isEmpty()) {
            ctx.answer(Replies.to(ctx.request(), 404, "Not Found (no registration for " + aor + ")").build());
            return;
        }
        String realm = proxy.config().realmOf(aor.domain()).orElse(aor.domain());
        String callId = ctx.request().callId();
        subscribers.get().find(aor.user(), realm).whenComplete((found, error) -> proxy.layer().execute(callId, () -> {
            if (error != null) {
                ctx.answer(Replies.to(ctx.request(), 500, Replies.reason("Server Internal Error",
                        "subscriber store: " + Proxy.cause(error))).build());
            } else if (found.isPresent()) {
                ctx.answer(Replies.to(ctx.request(), 480, "Temporarily Unavailable (not registered)").build());
            } else {
                ctx.answer(Replies.to(ctx.request(), 404, "Not Found (no such user)").build());
            }
        }));
    }
}
