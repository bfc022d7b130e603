package org.parley.ua;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.parley.message.HeaderName;
import org.parley.message.Method;
import org.parley.message.SipParseException;
import org.parley.message.SipRequest;
import org.parley.message.SipResponse;
import org.parley.message.header.Address;
import org.parley.message.header.Event;
import org.parley.message.header.SubscriptionState;
import org.parley.message.uri.Uri;
import org.parley.transaction.LaneTimer;
import org.parley.transaction.ServerTransaction;
import org.parley.transport.Source;
import org.parley.ua.dialog.Dialog;
import org.parley.ua.dialog.DialogId;
import org.parley.ua.dialog.InDialogVerdict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A subscription to an event package at a resource (RFC 6665, the subscriber's side): made by
 * {@link UserAgent#subscribe}, sent by {@link #start()}.
 *
 * <ul>
 * <li>The 2xx to the SUBSCRIBE, or a NOTIFY that comes first (§4.1.2.4), makes the dialog; the
 *     NOTIFYs within it are answered 200 and handed to the {@link #onNotify} listeners, after
 *     checking their Event (489 otherwise, §4.1.3) and Subscription-State (400 when absent).
 * <li>The subscription is refreshed within the dialog before it expires (§4.1.2.2), by the expiry
 *     of the latest 2xx or NOTIFY; a refresh answered 481 or 408 ends it, as does reaching the
 *     expiry without a refresh succeeding.
 * <li>{@link #unsubscribe()} sends SUBSCRIBE with Expires 0 (§4.1.2.3) and waits for the final
 *     NOTIFY for at most 64×T1.
 * <li>A NOTIFY with {@code Subscription-State: terminated} ends it (§4.1.3). A non-2xx to the
 *     first SUBSCRIBE ends it at once.
 * </ul>
 * Forked SUBSCRIBEs are followed along one dialog, the first; NOTIFYs of others are answered 481.
 *
 * <p>Thread-safe: the state is confined to the lane of its Call-ID; public methods hop onto it;
 * listeners and futures run on the user agent's callback executor.
 */
public final class Subscription implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Subscription.class);

    private final UserAgent ua;
    /** This subscription's callbacks, in the order its events happened. */
    private final Callbacks events;
    private final Uri resource;
    private final Event event;
    private final String accept;
    private final long expiresAsked;
    private final String callId;
    private final String localTag = Identifiers.tag();
    private final Usage usage = new Usage();
    private final LaneTimer refreshTimer;
    private final LaneTimer expiryTimer;
    private final List<Consumer<Notification>> notifyListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<String>> terminationListeners = new CopyOnWriteArrayList<>();
    private final CompletableFuture<SipResponse> firstResponse = new CompletableFuture<>();
    private final CompletableFuture<Void> ended = new CompletableFuture<>();

    private volatile SubscriptionState lastState;
    private volatile boolean terminated;

    // Confined to the lane.
    private boolean started;
    private SipRequest sentSubscribe;
    private Dialog dialog;
    private boolean pendingUnsubscribe;
    private boolean unsubscribing;

    Subscription(UserAgent ua, Uri resource, Event event, String accept, long expires) {
        this.ua = ua;
        this.events = ua.callbacks().serial();
        this.resource = resource;
        this.event = event;
        this.accept = accept;
        this.expiresAsked = expires;
        this.callId = Identifiers.callId(ua.callIdHost());
        this.refreshTimer = ua.transactions().newTimer(callId, "subscription refresh", this::onRefreshTimer);
        this.expiryTimer = ua.transactions().newTimer(callId, "subscription expiry",
                () -> terminate(unsubscribing ? "unsubscribed" : "expired"));
    }

    /**
     * Sends the SUBSCRIBE; completes with its final response, whatever the status (a non-2xx ends
     * the subscription). Calling it again returns the same future.
     */
    public CompletableFuture<SipResponse> start() {
        ua.transactions().execute(callId, () -> {
            if (started || terminated) {
                return;
            }
            started = true;
            ua.inbound().addHalfDialog(callId, localTag, usage);
            ua.outbound().send(initialRequest(), new InitialHandler());
        });
        return firstResponse;
    }

    /**
     * Ends the subscription (RFC 6665 §4.1.2.3: SUBSCRIBE with Expires 0); completes once it has
     * ended: on the final NOTIFY, on an error response, or 64×T1 after the 2xx. Idempotent.
     */
    public CompletableFuture<Void> unsubscribe() {
        ua.transactions().execute(callId, () -> {
            if (terminated || unsubscribing) {
                return;
            }
            if (!started) {
                terminate("unsubscribed");
            } else if (dialog == null) {
                pendingUnsubscribe = true;
            } else {
                sendUnsubscribe();
            }
        });
        return ended;
    }

    /** Unsubscribes, as {@link #unsubscribe()}, without waiting. */
    @Override
    public void close() {
        unsubscribe();
    }

    /** Calls {@code listener} with each NOTIFY accepted, on the callback executor. Adds to earlier listeners. */
    public void onNotify(Consumer<Notification> listener) {
        notifyListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Calls {@code listener} once, when the subscription ends, with why: the NOTIFY's reason
     * (e.g. {@code noresource}, {@code timeout}), {@code "refused 403"}, {@code "expired"},
     * {@code "unsubscribed"}… On the callback executor; adds to earlier listeners.
     */
    public void onTerminated(Consumer<String> listener) {
        terminationListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** The Subscription-State of the last NOTIFY; empty before the first. */
    public Optional<SubscriptionState> state() {
        return Optional.ofNullable(lastState);
    }

    /** True once the subscription has ended; nothing more is sent or accepted. */
    public boolean isTerminated() {
        return terminated;
    }

    /** The event package subscribed to (the Event header, RFC 6665 §8.2.1). */
    public Event event() {
        return event;
    }

    // ---- on the lane ---------------------------------------------------------------------------

    private SipRequest initialRequest() {
        var b = SipRequest.builder(Method.SUBSCRIBE, resource.toString())
                .add(HeaderName.MAX_FORWARDS, "70")
                .add(HeaderName.FROM, ua.identity().withoutParameter("tag").withTag(localTag).toString())
                .add(HeaderName.TO, Address.of(resource).toString())
                .add(HeaderName.CALL_ID, callId)
                .add(HeaderName.CSEQ, "1 SUBSCRIBE");
        return withSubscriptionHeaders(b, expiresAsked).build();
    }

    private org.parley.message.RequestBuilder withSubscriptionHeaders(org.parley.message.RequestBuilder b,
            long expires) {
        b.add(HeaderName.EVENT, event.toString()).add(HeaderName.EXPIRES, Long.toString(expires));
        if (!accept.isEmpty()) {
            b.add(HeaderName.ACCEPT, accept);
        }
        return b;
    }

    /** Responses to the first SUBSCRIBE. */
    private final class InitialHandler implements ClientHandler {
        @Override
        public void onSent(Exchange exchange) {
            sentSubscribe = exchange.request();
        }

        @Override
        public void onResponse(Exchange exchange, SipResponse response) {
            if (response.statusCode() < 200) {
                return;
            }
            if (response.statusClass() == 2) {
                accepted(exchange.request(), response);
            } else if (!terminated) {
                terminate("refused " + response.statusCode());
            }
            events.deliver(() -> firstResponse.complete(response));
        }

        @Override
        public void onFailure(Throwable error) {
            ua.transactions().execute(callId, () -> terminate("not sent: " + error.getMessage()));
            events.deliver(() -> firstResponse.completeExceptionally(error));
        }
    }

    /** RFC 6665 §4.1.2.1: the 2xx makes the dialog (or confirms the one a NOTIFY made first). */
    private void accepted(SipRequest subscribe, SipResponse response) {
        if (terminated) {
            return;
        }
        DialogId id = DialogId.ofReceivedResponse(response);
        if (dialog != null && !dialog.id().equals(id)) {
            LOG.debug("2xx of another fork of subscription {} ignored", callId);
            return;
        }
        Dialog made;
        try {
            made = Dialog.asUac(subscribe, response);
        } catch (IllegalArgumentException e) {
            terminate("bad 2xx: " + e.getMessage());
            return;
        }
        // The 2xx's dialog replaces a NOTIFY-made one: it carries the CSeq actually sent after challenges.
        useDialog(made);
        schedule(response.expires().orElse(expiresAsked));
        if (pendingUnsubscribe) {
            sendUnsubscribe();
        }
    }

    private void useDialog(Dialog made) {
        dialog = made;
        ua.inbound().addDialog(made.id(), usage);
        ua.inbound().removeHalfDialog(callId, localTag, usage);
    }

    /** Refreshes before {@code seconds} run out (margin as for registrations), ends at expiry. */
    private void schedule(long seconds) {
        if (unsubscribing || terminated) {
            return;
        }
        long ms = seconds * 1000;
        if (ms <= 0) {
            terminate("expired");
            return;
        }
        refreshTimer.start(ms - Registration.refreshMargin(ms));
        expiryTimer.start(ms);
    }

    /** What the core hands this subscription: requests within its dialog. */
    private final class Usage implements DialogUsage {
        @Override
        public void onRequest(ServerTransaction transaction, SipRequest request) {
            onInDialog(transaction, request);
        }

        @Override
        public void onAck(SipRequest ack, Source source) {
            // No INVITE in a subscription's dialog: an ACK has nothing to acknowledge.
        }

        @Override
        public void onSentSequence(long number) {
            if (dialog != null) {
                dialog.sentSequence(number);
            }
        }
    }

    private void onInDialog(ServerTransaction tx, SipRequest request) {
        if (!request.method().equals(Method.NOTIFY)) {
            tx.respond(ua.inbound().answer(request, 405, "Method Not Allowed")
                    .add(HeaderName.ALLOW, "NOTIFY").build());
            return;
        }
        if (terminated) {
            tx.respond(ua.inbound().answer(request, 481, "Subscription Does Not Exist").build());
            return;
        }
        SubscriptionState state;
        try {
            Optional<Event> named = request.event();
            if (named.isEmpty() || !named.get().matches(event)) {
                // RFC 6665 §4.1.3: a NOTIFY for another package than the one subscribed to.
                tx.respond(ua.inbound().answer(request, 489, "Bad Event").build());
                return;
            }
            Optional<SubscriptionState> s = request.subscriptionState();
            if (s.isEmpty()) {
                tx.respond(ua.inbound().answer(request, 400, "Missing Subscription-State").build());
                return;
            }
            state = s.get();
        } catch (SipParseException e) {
            tx.respond(ua.inbound().answer(request, 400, e.reason()).build());
            return;
        }
        if (!admitted(tx, request)) {
            return;
        }
        tx.respond(ua.inbound().answer(request, 200, "OK").build());
        lastState = state;
        Notification n = new Notification(state, request);
        notifyListeners.forEach(l -> events.deliver(() -> l.accept(n)));
        if (state.isTerminated()) {
            terminate(state.reason().orElse("terminated"));
        } else if (state.expires().isPresent()) {
            // RFC 6665 §4.1.3: the notifier's latest word on the duration governs the refresh.
            schedule(state.expires().getAsLong());
        }
    }

    /** Finds (or, for a NOTIFY before the 2xx, makes) the dialog and lets it judge the request. */
    private boolean admitted(ServerTransaction tx, SipRequest request) {
        if (dialog == null) {
            if (sentSubscribe == null) {
                tx.respond(ua.inbound().answer(request, 481, "Subscription Does Not Exist").build());
                return false;
            }
            try {
                useDialog(Dialog.asUac(sentSubscribe, asIfAnswer(sentSubscribe, request)));
            } catch (IllegalArgumentException e) {
                tx.respond(ua.inbound().answer(request, 400, "Bad NOTIFY").build());
                return false;
            }
        } else if (!dialog.id().equals(DialogId.ofReceivedRequest(request))) {
            tx.respond(ua.inbound().answer(request, 481, "Subscription Does Not Exist").build());
            return false;
        }
        InDialogVerdict verdict = dialog.onRequest(request);
        if (verdict instanceof InDialogVerdict.Refuse refuse) {
            tx.respond(ua.inbound().answer(request, refuse.status(), refuse.reasonPhrase()).build());
            return false;
        }
        return true;
    }

    /**
     * RFC 6665 §4.1.2.4: a NOTIFY before the 2xx makes the dialog as the 2xx would: its From tag is
     * the remote tag, its Contact the remote target, its Record-Route (in the order received, as for
     * any request a UAS takes, RFC 3261 §12.1.1) the route set. Expressed as the 2xx it stands for,
     * so the dialog is built by the one UAC rule (which reverses a response's Record-Route).
     */
    private static SipResponse asIfAnswer(SipRequest subscribe, SipRequest notify) {
        var b = SipResponse.responseTo(subscribe, 200)
                .set(HeaderName.TO, subscribe.to().withTag(notify.fromTag().orElseThrow()).toString());
        for (String contact : notify.headerValues(HeaderName.CONTACT)) {
            b.add(HeaderName.CONTACT, contact);
        }
        for (Address rr : notify.recordRoutes().reversed()) {
            b.add(HeaderName.RECORD_ROUTE, rr.toString());
        }
        return b.build();
    }

    private void onRefreshTimer() {
        if (!terminated && !unsubscribing && dialog != null) {
            sendInDialog(expiresAsked);
        }
    }

    private void sendUnsubscribe() {
        unsubscribing = true;
        refreshTimer.cancel();
        expiryTimer.cancel();
        sendInDialog(0);
    }

    /** A SUBSCRIBE within the dialog: a refresh, or with 0 the removal (RFC 6665 §4.1.2.2, §4.1.2.3). */
    private void sendInDialog(long expires) {
        SipRequest request = withSubscriptionHeaders(dialog.newRequest(Method.SUBSCRIBE), expires).build();
        ua.outbound().send(request, new ClientHandler() {
            @Override
            public void onResponse(Exchange exchange, SipResponse response) {
                if (response.statusCode() >= 200) {
                    onInDialogAnswer(expires, response);
                }
            }

            @Override
            public void onFailure(Throwable error) {
                ua.transactions().execute(callId, () -> {
                    if (expires == 0) {
                        terminate("unsubscribed");
                    }
                });
            }
        });
    }

    private void onInDialogAnswer(long asked, SipResponse response) {
        if (terminated) {
            return;
        }
        dialog.onResponse(response);
        int status = response.statusCode();
        if (status == 481 || status == 408) {
            // RFC 6665 §4.1.2.2: the subscription is gone (481) or unreachable.
            terminate((asked == 0 ? "unsubscribed " : "refresh failed ") + status);
        } else if (asked == 0) {
            if (response.statusClass() == 2) {
                // RFC 6665 §4.1.2.3: the final NOTIFY should follow; wait for it as long as Timer N.
                expiryTimer.start(64 * ua.transactions().config().t1Millis());
            } else {
                terminate("unsubscribed");
            }
        } else if (response.statusClass() == 2) {
            schedule(response.expires().orElse(asked));
        } else {
            LOG.debug("refresh of subscription {} answered {}; it lasts until its expiry", callId, status);
        }
    }

    private void terminate(String reason) {
        if (terminated) {
            return;
        }
        terminated = true;
        refreshTimer.cancel();
        expiryTimer.cancel();
        ua.inbound().removeHalfDialog(callId, localTag, usage);
        if (dialog != null) {
            dialog.terminate();
            ua.inbound().removeDialog(dialog.id(), usage);
        }
        terminationListeners.forEach(l -> events.deliver(() -> l.accept(reason)));
        events.deliver(() -> ended.complete(null));
    }
}
