package org.parley.proxy.registrar;

import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.parley.message.HeaderName;
import org.parley.message.Method;
import org.parley.message.ResponseBuilder;
import org.parley.message.SipParseException;
import org.parley.message.SipRequest;
import org.parley.message.SipResponse;
import org.parley.message.header.Address;
import org.parley.message.header.Contact;
import org.parley.message.uri.SipUri;
import org.parley.proxy.auth.AuthResult;
import org.parley.proxy.auth.AuthRole;
import org.parley.proxy.auth.DigestServer;
import org.parley.proxy.location.AddressOfRecord;
import org.parley.proxy.location.Binding;
import org.parley.proxy.location.BindingChange;
import org.parley.proxy.location.ChangeResult;
import org.parley.proxy.location.LocationStore;
import org.parley.transaction.ServerTransaction;
import org.parley.transport.Source;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registrar (RFC 3261 §10.3): answers a REGISTER by the eight steps of §10.3, in order, with the
 * Path (RFC 3327) and outbound (RFC 5626) extensions, writing bindings to a {@link LocationStore}.
 *
 * <ol>
 *   <li>The Request-URI's host must be a served domain, else 404 "Not Found - domain not served".</li>
 *   <li>Require: an option tag other than {@code path} and {@code outbound} gets 420 with Unsupported.</li>
 *   <li>Authentication by the {@link DigestServer} (401), when configured.</li>
 *   <li>The authenticated user may change only their own record: 403 otherwise.</li>
 *   <li>The To URI must be a SIP URI with a user in the Request-URI's domain, else 404; it is
 *       canonicalized to the {@link AddressOfRecord}.</li>
 *   <li>{@code Contact: *} only alone and with {@code Expires: 0}, else 400.</li>
 *   <li>Each contact's expiry is its {@code expires} parameter, else the Expires header, else the
 *       default; a non-zero one under the minimum gets 423 with Min-Expires, a long one is shortened.
 *       The store then applies every change at once ({@link BindingChange}): an out-of-order request
 *       (same Call-ID, CSeq not higher) aborts it with 400, more than the per-record limit gets 403,
 *       a full store 503, a failed store 500.</li>
 *   <li>200 listing every current binding with its remaining seconds, a Date header, Supported
 *       {@code path, outbound}, the Path to a client that supports it and Require {@code outbound}
 *       when a flow was registered (RFC 5626 §6).</li>
 * </ol>
 *
 * <p>Thread-safe and non-blocking: {@link #handle} returns at once; its future completes on the thread
 * that completes the store's (or authentication's) future, which may be an event loop. Time comes from
 * the clock given.
 */
public final class Registrar {
    private static final Logger LOG = LoggerFactory.getLogger(Registrar.class);
    /** The extensions understood: Path (RFC 3327) and outbound (RFC 5626). */
    static final List<String> SUPPORTED = List.of("path", "outbound");
    /** RFC 3261 §20.17: rfc1123-date, always GMT, two-digit day. */
    private static final DateTimeFormatter DATE = DateTimeFormatter
            .ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private final RegistrarConfig config;
    private final LocationStore store;
    private final Optional<DigestServer> digest;
    private final InstantSource clock;
    /**
     * User-Agent values seen, each kept once: a registrar's clients run a handful of versions, and a
     * binding then costs a reference instead of its own copy. Bounded; past it, values are not shared.
     */
    private final ConcurrentHashMap<String, Optional<String>> userAgents = new ConcurrentHashMap<>();

    private Registrar(RegistrarConfig config, LocationStore store, Optional<DigestServer> digest,
            InstantSource clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.store = Objects.requireNonNull(store, "store");
        this.digest = digest;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A registrar that demands digest credentials of every REGISTER (step 3). */
    public static Registrar authenticating(RegistrarConfig config, LocationStore store, DigestServer digest,
            InstantSource clock) {
        return new Registrar(config, store, Optional.of(Objects.requireNonNull(digest, "digest")), clock);
    }

    /** A registrar that accepts REGISTERs without authentication (tests, closed networks). */
    public static Registrar open(RegistrarConfig config, LocationStore store, InstantSource clock) {
        return new Registrar(config, store, Optional.empty(), clock);
    }

    /** The configuration. */
    public RegistrarConfig config() {
        return config;
    }

    /**
     * Handles the REGISTER of {@code transaction} and sends the answer on it: what a
     * {@code TransactionUser} calls for a REGISTER.
     */
    public void respond(ServerTransaction transaction) {
        handle(transaction.request(), transaction.source()).thenAccept(transaction::respond);
    }

    /**
     * The answer to {@code register}, which arrived from {@code source}. Never fails: a store failure
     * becomes a 500.
     */
    public CompletableFuture<SipResponse> handle(SipRequest register, Source source) {
        Objects.requireNonNull(register, "register");
        Objects.requireNonNull(source, "source");
        if (!register.method().equals(Method.REGISTER)) {
            return done(tagged(SipResponse.responseTo(register, 405).add(HeaderName.ALLOW, "REGISTER")));
        }
        // Step 1: the Request-URI names a domain we serve.
        String domain = register.requestUri() instanceof SipUri uri ? uri.host().text() : "";
        Optional<String> realm = config.realmOf(domain);
        if (realm.isEmpty()) {
            return done(tagged(SipResponse.responseTo(register, 404, "Not Found - domain not served")));
        }
        // Step 2: Require as a UAS handles it (§8.2.2.3).
        List<String> unsupported = register.require().stream()
                .filter(t -> !SUPPORTED.contains(t.toLowerCase(Locale.ROOT))).toList();
        if (!unsupported.isEmpty()) {
            return done(tagged(SipResponse.responseTo(register, 420)
                    .add(HeaderName.UNSUPPORTED, String.join(", ", unsupported))));
        }
        // Step 3: authentication (§22).
        if (digest.isEmpty()) {
            return afterAuthentication(register, source, domain, Optional.empty());
        }
        return digest.get().authenticate(register, domain, realm.get(), AuthRole.REGISTRAR)
                .thenCompose(result -> switch (result) {
                    case AuthResult.Refused refused -> done(refused.response());
                    case AuthResult.Authenticated who -> afterAuthentication(register, source, domain,
                            Optional.of(who.user()));
                })
                .exceptionally(failure -> storeFailed(register, "subscriber store", failure));
    }

    private CompletableFuture<SipResponse> afterAuthentication(SipRequest register, Source source, String domain,
            Optional<String> user) {
        // Step 5 (read first, so step 4 can compare): the To URI is an address of this domain.
        AddressOfRecord aor;
        if (register.to().uri() instanceof SipUri to && to.user().isPresent()
                && to.host().text().equalsIgnoreCase(domain)) {
            // The configured domain string: one instance shared by every binding (heap per binding, issue #6).
            aor = new AddressOfRecord(AddressOfRecord.of(to).user(), config.servedDomain(domain).orElse(domain));
        } else {
            return done(tagged(SipResponse.responseTo(register, 404,
                    "Not Found - To is not an address-of-record of " + domain)));
        }
        // Step 4: the authenticated user may change only their own record.
        if (user.isPresent() && !user.get().equals(aor.user())) {
            return done(tagged(SipResponse.responseTo(register, 403,
                    "Forbidden - " + user.get() + " may not register " + aor)));
        }
        Instant now = clock.instant();
        BindingChange change;
        try {
            Object built = change(register, source, aor, now);
            if (built instanceof SipResponse refusal) {
                return done(refusal);
            }
            change = (BindingChange) built;
        } catch (SipParseException e) {
            return done(tagged(SipResponse.responseTo(register, e.statusCode(), e.reasonPhrase())));
        }
        if (change.updates().isEmpty() && !change.removeAll()) {
            // No Contact: a query (RFC 3261 §10.2.3).
            return store.lookup(aor).thenApply(bindings -> ok(register, bindings, now, false))
                    .exceptionally(failure -> storeFailed(register, "location store", failure));
        }
        boolean flow = change.updates().stream().anyMatch(Binding::isOutbound);
        return store.apply(change).thenApply(result -> answer(register, result, now, flow))
                .exceptionally(failure -> storeFailed(register, "location store", failure));
    }

    /** Steps 6 and 7 up to the store: the change, or the refusing response. */
    private Object change(SipRequest register, Source source, AddressOfRecord aor, Instant now) {
        List<Contact> contacts = register.contacts();
        long headerExpires = register.expires().orElse(-1);
        long callCseq = register.cseq().number();
        if (contacts.stream().anyMatch(Contact::isWildcard)) {
            // Step 6: '*' only alone and with Expires: 0.
            if (contacts.size() != 1 || headerExpires != 0) {
                return tagged(SipResponse.responseTo(register, 400,
                        "Bad Request - Contact * needs Expires: 0 and no other Contact"));
            }
            return BindingChange.removeAll(aor, now, register.callId(), callCseq);
        }
        boolean firstHop = register.vias().size() == 1;
        List<Address> path = register.paths();
        boolean outboundPossible = firstHop || !path.isEmpty() && path.get(0).uri() instanceof SipUri p
                && p.parameters().has("ob");
        List<Binding> updates = new ArrayList<>(contacts.size());
        for (Contact c : contacts) {
            long asked = contactExpires(c, headerExpires);
            long min = config.minExpires().toSeconds();
            if (asked != 0 && asked < min) {
                // Step 7: too brief.
                return tagged(SipResponse.responseTo(register, 423)
                        .add(HeaderName.MIN_EXPIRES, Long.toString(min)));
            }
            long granted = Math.min(asked, config.maxExpires().toSeconds());
            OptionalInt regId = OptionalInt.empty();
            if (c.regId().isPresent() && c.instanceId().isPresent()) {
                if (outboundPossible) {
                    regId = c.regId();
                } else if (register.supported().stream().anyMatch("outbound"::equalsIgnoreCase)) {
                    // RFC 5626 §6: not the first hop and no 'ob' Path: the edge proxy lacks outbound.
                    return tagged(SipResponse.responseTo(register, 439, "First Hop Lacks Outbound Support"));
                }
            }
            Contact stored = Contact.of(c.address().orElseThrow().withoutParameter("expires"));
            updates.add(new Binding(aor, stored, now.plusSeconds(granted), register.callId(), callCseq, path,
                    c.instanceId(), regId, source, userAgentOf(register)));
        }
        return BindingChange.of(aor, now, register.callId(), callCseq, updates, config.maxBindingsPerAor());
    }

    /** Most distinct User-Agent values shared; more are kept per binding. */
    static final int MAX_SHARED_USER_AGENTS = 256;

    private Optional<String> userAgentOf(SipRequest register) {
        Optional<String> ua = register.userAgent();
        if (ua.isEmpty()) {
            return ua;
        }
        Optional<String> shared = userAgents.get(ua.get());
        if (shared != null) {
            return shared;
        }
        if (userAgents.size() < MAX_SHARED_USER_AGENTS) {
            Optional<String> first = userAgents.putIfAbsent(ua.get(), ua);
            return first != null ? first : ua;
        }
        return ua;
    }

    /** The expires parameter, else the Expires header, else the default (step 7). */
    private long contactExpires(Contact c, long headerExpires) {
        long fallback = headerExpires >= 0 ? headerExpires : config.defaultExpires().toSeconds();
        try {
            return c.expires().orElse(fallback);
        } catch (SipParseException overlarge) {
            // RFC 4475 §3.1.2.4: a registrar may read a malformed or overlarge expires as absent.
            return fallback;
        }
    }

    private SipResponse answer(SipRequest register, ChangeResult result, Instant now, boolean flow) {
        return switch (result.outcome()) {
            case APPLIED -> ok(register, result.bindings(), now, flow);
            case OUT_OF_ORDER -> tagged(SipResponse.responseTo(register, 400,
                    "Bad Request - out of order: CSeq not above the binding's for this Call-ID"));
            case TOO_MANY_BINDINGS -> tagged(SipResponse.responseTo(register, 403, "Forbidden - more than "
                    + config.maxBindingsPerAor() + " bindings for this address-of-record"));
            case STORE_FULL -> tagged(SipResponse.responseTo(register, 503, "Service Unavailable - location store full")
                    .add(HeaderName.RETRY_AFTER, "60"));
        };
    }

    /** Step 8: every current binding with its remaining expiry, and the Date. */
    private SipResponse ok(SipRequest register, List<Binding> bindings, Instant now, boolean flow) {
        ResponseBuilder b = SipResponse.responseTo(register, 200);
        for (Binding binding : bindings) {
            b.add(HeaderName.CONTACT, binding.contact().withExpires(binding.remainingSeconds(now)).toString());
        }
        boolean clientSupportsPath = register.supported().stream().anyMatch("path"::equalsIgnoreCase);
        if (clientSupportsPath) {
            // RFC 3327 §5.3: the registrar returns the Path it stored to a UA that supports Path.
            for (Address hop : register.paths()) {
                b.add(HeaderName.PATH, hop.toString());
            }
        }
        if (flow) {
            // RFC 5626 §6: a registration that created a flow is answered with Require: outbound.
            b.add(HeaderName.REQUIRE, "outbound");
        }
        b.add(HeaderName.SUPPORTED, String.join(", ", SUPPORTED));
        b.add(HeaderName.DATE, DATE.format(now));
        return tagged(b);
    }

    private static SipResponse storeFailed(SipRequest register, String what, Throwable failure) {
        LOG.warn("REGISTER for {} failed: the {} failed", register.to().uri(), what, failure);
        // RFC 3261 §10.3 step 7: a failed commit is a 500 and no binding changes.
        return tagged(SipResponse.responseTo(register, 500, "Server Internal Error - " + what + " failed"));
    }

    /** Adds a To tag (RFC 3261 §8.2.6.2) and builds. */
    private static SipResponse tagged(ResponseBuilder b) {
        SipResponse draft = b.build();
        if (draft.toTag().isPresent()) {
            return draft;
        }
        String tag = Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
        return draft.toBuilder().set(HeaderName.TO, draft.to().withTag(tag).toString()).build();
    }

    private static CompletableFuture<SipResponse> done(SipResponse r) {
        return CompletableFuture.completedFuture(r);
    }
}
