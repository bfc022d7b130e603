package org.parley.ua;

import java.time.Duration;
import java.util.ArrayList;
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
import org.parley.message.header.Contact;
import org.parley.message.uri.Uri;
import org.parley.transaction.LaneTimer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registration of one address-of-record at one registrar (RFC 3261 §10.2): made by
 * {@link UserAgent#register}, sent by {@link #start()}, refreshed before it expires, removed by
 * {@link #unregister()} or {@link #close()}.
 *
 * <ul>
 * <li>Every REGISTER of a registration has the same Call-ID, To and From, and a CSeq one above the
 *     last sent (§10.2.4; a digest retry also counts, §22.2), so the registrar can order them.
 * <li>The Contact is the one {@code Outbound} made for the first REGISTER (with the options'
 *     parameters); refreshes and the removal send that same Contact.
 * <li>A 2xx reports every binding the registrar holds for the address-of-record (§10.2.4); ours is
 *     the one whose URI equals our Contact's (§19.1.4). The refresh is scheduled at the granted
 *     expiry less {@link #refreshMargin(long) a margin}: half of it up to {@link #MAX_REFRESH_MARGIN}.
 * <li>A 423 with a larger Min-Expires is answered once by asking for that (§10.2.8, §10.3 step 7).
 * <li>A refresh that fails is reported to the failure listeners and tried again after
 *     {@link #BACKOFF_BASE} × 2^(n-1), at most {@link #BACKOFF_MAX} (the back-off of RFC 5626 §4.5).
 * </ul>
 *
 * <p>Thread-safe: the state is confined to the lane of the registration's Call-ID, where its
 * responses and timer arrive; public methods hop onto that lane. Futures complete, and listeners
 * run, on the user agent's callback executor; with an executor of many threads, listeners may see
 * events out of order, so each is handed the state it reports.
 */
public final class Registration implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Registration.class);
    /** The most a refresh is sent before the binding expires. */
    static final Duration MAX_REFRESH_MARGIN = Duration.ofSeconds(60);
    /** The first wait before a failed refresh is tried again (RFC 5626 §4.5 base time). */
    static final Duration BACKOFF_BASE = Duration.ofSeconds(30);
    /** The longest wait between failed refreshes (RFC 5626 §4.5 max-time). */
    static final Duration BACKOFF_MAX = Duration.ofSeconds(1800);

    private final UserAgent ua;
    /** This registration's callbacks, in the order its events happened. */
    private final Callbacks events;
    private final Uri registrar;
    private final Address aor;
    private final String callId;
    private final String fromTag = Identifiers.tag();
    private final String contactParameters;
    private final LaneTimer timer;
    private final List<Consumer<RegistrationState>> stateListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<RegistrationException>> failureListeners = new CopyOnWriteArrayList<>();
    private final CompletableFuture<List<Binding>> firstResult = new CompletableFuture<>();

    private volatile RegistrationState state = RegistrationState.NEW;
    private volatile List<Binding> bindings = List.of();

    // Confined to the lane.
    private long expiresAsked;
    private long lastCseq;
    private Contact ourContact;
    private Attempt current;
    private int failedRefreshes;
    private CompletableFuture<List<Binding>> removal;
    private boolean pendingRemoval;
    private boolean firstAnswered;
    private boolean releaseWhenAnswered;
    private volatile SipResponse lastResponse;

    /** One REGISTER and its retries (423, challenges): responses of an older one are ignored. */
    private final class Attempt implements ClientHandler {
        final long expires;
        final boolean removing;
        boolean retried423;

        Attempt(long expires, boolean removing) {
            this.expires = expires;
            this.removing = removing;
        }

        @Override
        public void onSent(Exchange exchange) {
            lastCseq = exchange.request().cseq().number();
            if (ourContact == null) {
                List<Contact> sent = exchange.request().contacts();
                ourContact = sent.isEmpty() ? null : withoutExpires(sent.get(0));
            }
        }

        @Override
        public void onResponse(Exchange exchange, SipResponse response) {
            if (response.statusCode() >= 200 && current == this) {
                onFinal(this, response);
            }
        }

        @Override
        public void onFailure(Throwable error) {
            ua.transactions().execute(callId, () -> {
                if (current == this) {
                    failed(this, new RegistrationException("REGISTER to " + registrar + " could not be sent: "
                            + error.getMessage(), error));
                }
            });
        }
    }

    Registration(UserAgent ua, Uri registrar, Address aor, RegistrationOptions options) {
        this.ua = ua;
        this.events = ua.callbacks().serial();
        this.registrar = registrar;
        this.aor = aor;
        this.contactParameters = options.contactParameters();
        this.expiresAsked = options.expires().toSeconds();
        this.callId = Identifiers.callId(ua.callIdHost());
        this.timer = ua.transactions().newTimer(callId, "registration refresh", this::onTimer);
    }

    /**
     * Sends the first REGISTER; completes with the bindings of the registrar's 2xx, or fails with a
     * {@link RegistrationException}. Calling it again returns the same future.
     */
    public CompletableFuture<List<Binding>> start() {
        ua.transactions().execute(callId, () -> {
            if (state == RegistrationState.NEW) {
                setState(RegistrationState.REGISTERING);
                send(new Attempt(expiresAsked, false));
            }
        });
        return firstResult;
    }

    /**
     * Removes this binding (RFC 3261 §10.2.2: our Contact with expires 0) and stops refreshing.
     * Completes with the bindings the registrar still holds for the address-of-record (other
     * devices'), or fails with a {@link RegistrationException}. When nothing was registered it
     * completes at once with no bindings; calling it again returns the same future.
     */
    public CompletableFuture<List<Binding>> unregister() {
        CompletableFuture<List<Binding>> result = new CompletableFuture<>();
        ua.transactions().execute(callId, () -> beginRemoval().whenComplete((b, e) -> events.deliver(() -> {
            if (e != null) {
                result.completeExceptionally(e);
            } else {
                result.complete(b);
            }
        })));
        return result;
    }

    /**
     * Stops refreshing and leaves the binding at the registrar until it expires: nothing more is
     * sent, and {@link UserAgent#close()} no longer removes it. For a registration that must outlive
     * this process (a one-shot {@code parley register}). Once the first REGISTER is answered; before
     * that, it takes effect when the answer comes.
     */
    public void release() {
        ua.transactions().execute(callId, () -> {
            if (state == RegistrationState.REGISTERED || state == RegistrationState.RETRYING) {
                timer.cancel();
                current = null;
                setState(RegistrationState.RELEASED);
            } else if (state == RegistrationState.REGISTERING) {
                releaseWhenAnswered = true;
            }
        });
    }

    /** The last final response a REGISTER of this registration got; empty before the first. */
    public Optional<SipResponse> lastResponse() {
        return Optional.ofNullable(lastResponse);
    }

    /** Unregisters when the binding is live, as {@link #unregister()}, without waiting. Idempotent. */
    @Override
    public void close() {
        unregister();
    }

    /** Calls {@code listener} with each new state, on the callback executor. Adds to earlier listeners. */
    public void onStateChange(Consumer<RegistrationState> listener) {
        stateListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Calls {@code listener} with each failure (the first REGISTER's, a refresh's, the removal's),
     * on the callback executor. Adds to earlier listeners.
     */
    public void onFailure(Consumer<RegistrationException> listener) {
        failureListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** The current state. */
    public RegistrationState state() {
        return state;
    }

    /** The bindings of the last 2xx; empty before the first. */
    public List<Binding> bindings() {
        return bindings;
    }

    /** The address-of-record registered. */
    public Address addressOfRecord() {
        return aor;
    }

    /** The Call-ID every REGISTER of this registration carries (RFC 3261 §10.2.4). */
    public String callId() {
        return callId;
    }

    // ---- on the lane ---------------------------------------------------------------------------

    private CompletableFuture<List<Binding>> beginRemoval() {
        if (removal != null) {
            return removal;
        }
        removal = new CompletableFuture<>();
        timer.cancel();
        RegistrationState s = state;
        if (s == RegistrationState.NEW || s == RegistrationState.FAILED) {
            current = null;
            setState(RegistrationState.UNREGISTERED);
            failFirst(new RegistrationException("unregistered before it registered", (SipResponse) null));
            removal.complete(List.of());
            return removal;
        }
        setState(RegistrationState.UNREGISTERING);
        if (ourContact != null) {
            failFirst(new RegistrationException("unregistered before it registered", (SipResponse) null));
        }
        if (ourContact == null) {
            // The first REGISTER is not on the wire yet: remove what it makes once it is answered.
            pendingRemoval = true;
        } else {
            send(new Attempt(0, true));
        }
        return removal;
    }

    private void send(Attempt attempt) {
        current = attempt;
        SipRequest request = SipRequest.builder(Method.REGISTER, registrar.toString())
                .add(HeaderName.MAX_FORWARDS, "70")
                .add(HeaderName.TO, aor.toString())
                .add(HeaderName.FROM, aor.withTag(fromTag).toString())
                .add(HeaderName.CALL_ID, callId)
                .add(HeaderName.CSEQ, (lastCseq + 1) + " REGISTER")
                .add(HeaderName.EXPIRES, Long.toString(attempt.expires))
                .build();
        if (ourContact != null) {
            Contact c = attempt.removing ? ourContact.withExpires(0) : ourContact;
            request = request.toBuilder().add(HeaderName.CONTACT, c.toString()).build();
        }
        // Counted now as well as when sent, so two REGISTERs never share a number.
        lastCseq++;
        ua.outbound().send(request, attempt, contactParameters);
    }

    private void onFinal(Attempt attempt, SipResponse response) {
        lastResponse = response;
        int status = response.statusCode();
        if (status / 100 == 2) {
            succeeded(attempt, response);
        } else if (status == 423 && !attempt.retried423 && !attempt.removing) {
            long min = response.minExpires().orElse(-1);
            if (min > attempt.expires && min <= RegistrationOptions.MAX_EXPIRES_SECONDS) {
                // RFC 3261 §10.2.8: ask again with at least the registrar's minimum, once.
                expiresAsked = min;
                Attempt retry = new Attempt(min, false);
                retry.retried423 = true;
                send(retry);
                return;
            }
            failed(attempt, new RegistrationException("registrar " + registrar + " wants a longer expiry (423) but"
                    + " names no usable Min-Expires above " + attempt.expires, response));
        } else {
            failed(attempt, new RegistrationException("REGISTER to " + registrar + " refused: " + status + " "
                    + response.reasonPhrase(), response));
        }
    }

    private void succeeded(Attempt attempt, SipResponse response) {
        List<Binding> reported;
        try {
            reported = bindingsOf(response, attempt.expires);
        } catch (SipParseException e) {
            failed(attempt, new RegistrationException("registrar " + registrar + " answered with a Contact that"
                    + " does not parse: " + e.getMessage(), response));
            return;
        }
        bindings = reported;
        if (attempt.removing) {
            current = null;
            setState(RegistrationState.UNREGISTERED);
            // Other devices' bindings: a registrar that echoes ours with expires=0 has removed it all the same.
            removal.complete(reported.stream().filter(b -> !b.isOurs() && b.expires().toSeconds() > 0).toList());
            return;
        }
        failedRefreshes = 0;
        long granted = reported.stream().filter(Binding::isOurs).findFirst().map(b -> b.expires().toSeconds())
                .orElse(response.expires().orElse(attempt.expires));
        // The first result is delivered once the state says what it means, so a caller woken by it
        // reads REGISTERED (or RELEASED), never the REGISTERING of a moment before.
        boolean first = !firstAnswered;
        firstAnswered = true;
        Runnable answerFirst = () -> {
            if (first) {
                events.deliver(() -> firstResult.complete(reported));
            }
        };
        if (pendingRemoval) {
            answerFirst.run();
            send(new Attempt(0, true));
            return;
        }
        current = null;
        if (releaseWhenAnswered) {
            setState(RegistrationState.RELEASED);
            answerFirst.run();
            return;
        }
        if (granted <= 0) {
            answerFirst.run();
            // The registrar kept nothing of ours (§10.3 step 8 would list our binding had it kept it).
            failed(attempt, new RegistrationException("registrar " + registrar + " granted no time to " + ourContact,
                    response));
            return;
        }
        setState(RegistrationState.REGISTERED);
        long grantedMillis = granted * 1000;
        timer.start(grantedMillis - refreshMargin(grantedMillis));
        answerFirst.run();
    }

    /**
     * How long before expiry a binding of {@code grantedMillis} is refreshed: half of it, at most
     * {@link #MAX_REFRESH_MARGIN}, so the refresh (and its retransmissions, up to Timer F) lands
     * before the binding lapses and never later than the granted expiry.
     */
    static long refreshMargin(long grantedMillis) {
        return Math.min(grantedMillis / 2, MAX_REFRESH_MARGIN.toMillis());
    }

    /** RFC 5626 §4.5-style back-off after the {@code n}th failed refresh in a row. */
    static long backoffMillis(int n) {
        long base = BACKOFF_BASE.toMillis();
        long wait = n >= 20 ? Long.MAX_VALUE : base << Math.max(0, n - 1);
        return Math.min(wait, BACKOFF_MAX.toMillis());
    }

    /** RFC 3261 §10.2.4: each Contact of the 2xx with its expiry; ours marked. */
    private List<Binding> bindingsOf(SipResponse response, long asked) {
        List<Binding> out = new ArrayList<>();
        for (Contact c : response.contacts()) {
            if (c.isWildcard()) {
                continue;
            }
            long seconds = c.expires().orElse(response.expires().orElse(asked));
            boolean ours = ourContact != null && c.address().orElseThrow().uri()
                    .equals(ourContact.address().orElseThrow().uri());
            out.add(new Binding(c, Duration.ofSeconds(seconds), ours));
        }
        return List.copyOf(out);
    }

    private void failed(Attempt attempt, RegistrationException error) {
        current = null;
        LOG.debug("registration of {} at {}: {}", aor, registrar, error.getMessage());
        failureListeners.forEach(l -> events.deliver(() -> l.accept(error)));
        if (attempt.removing || pendingRemoval) {
            // A removal that failed leaves the binding to expire; one that never had a binding to remove is done.
            setState(attempt.removing ? RegistrationState.FAILED : RegistrationState.UNREGISTERED);
            failFirst(error);
            if (attempt.removing) {
                removal.completeExceptionally(error);
            } else {
                removal.complete(List.of());
            }
            return;
        }
        if (!firstAnswered) {
            setState(RegistrationState.FAILED);
            failFirst(error);
            return;
        }
        failedRefreshes++;
        setState(RegistrationState.RETRYING);
        timer.start(backoffMillis(failedRefreshes));
    }

    /** Fails the first result unless it is answered already; on the callback executor. */
    private void failFirst(RegistrationException error) {
        if (!firstAnswered) {
            firstAnswered = true;
            events.deliver(() -> firstResult.completeExceptionally(error));
        }
    }

    private void onTimer() {
        if (state == RegistrationState.REGISTERED || state == RegistrationState.RETRYING) {
            send(new Attempt(expiresAsked, false));
        }
    }

    private void setState(RegistrationState next) {
        if (state == next) {
            return;
        }
        state = next;
        stateListeners.forEach(l -> events.deliver(() -> l.accept(next)));
        if (!next.isLive()) {
            ua.forget(this);
        }
    }

    private static Contact withoutExpires(Contact c) {
        return c.address().map(a -> Contact.of(a.withoutParameter("expires"))).orElse(c);
    }
}
