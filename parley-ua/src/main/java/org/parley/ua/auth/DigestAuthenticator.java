package org.parley.ua.auth;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.parley.message.HeaderName;
import org.parley.message.Method;
import org.parley.message.RequestBuilder;
import org.parley.message.SipParseException;
import org.parley.message.SipRequest;
import org.parley.message.SipResponse;
import org.parley.message.header.CSeq;
import org.parley.message.header.Challenge;
import org.parley.message.header.Credentials;
import org.parley.transaction.TransactionLayer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The digest authentication client (RFC 3261 §22.2-§22.4, RFC 7616, RFC 8760): answers a 401 or 407
 * with the request to send again, and pre-authorizes later requests with the nonces it has seen.
 *
 * <p>{@link #authenticate} answers every Digest challenge of the response it can (several, from a
 * forking proxy, RFC 3261 §22.3), in Authorization for WWW-Authenticate and in Proxy-Authorization
 * for Proxy-Authenticate, whichever the status. Per realm it picks the strongest algorithm offered
 * (SHA-512-256, then SHA-256, then MD5), {@code qop=auth} when offered and {@code auth-int} (the
 * body hashed) when it is the only one, a cnonce of 128 bits from {@link SecureRandom}, and nc 1.
 * The retry gets CSeq + 1 (§22.2) and a new branch (§8.1.3.5). It refuses, with a reason, when no
 * challenge can be answered: an unknown algorithm or qop, no account for the realm, credentials
 * already rejected (the request carried an answer for the realm, fresh or for this very nonce, and
 * the challenge is not stale: the password is wrong, RFC 7616 §3.3), or a nonce found stale twice
 * in a row (stale=true is retried once).
 *
 * <p>{@link #authorize} adds credentials for every realm it has answered before, reusing the last
 * nonce with the next nonce count (RFC 7616 §3.4.5), so that a registrar or proxy need not challenge
 * every request. A request the server rejects that way (a pre-authorized nonce gone old without
 * stale=true) gets one fresh answer from {@link #authenticate}.
 *
 * <p>Thread-safe: the realm cache is a concurrent map of immutable states whose nonce counts are
 * atomic. Passwords, responses and whole credentials are never logged (STYLE.md §8).
 */
public final class DigestAuthenticator {
    private static final Logger LOG = LoggerFactory.getLogger(DigestAuthenticator.class);

    /**
     * Realms remembered for pre-authorization: a bound on what a hostile server can make us keep; past
     * it, another realm is forgotten (its next request is challenged again).
     */
    static final int MAX_REALMS = 64;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final List<Account> accounts;
    private final Supplier<String> cnonces;
    private final Map<RealmKey, RealmState> realms = new ConcurrentHashMap<>();

    private record RealmKey(boolean proxy, String realm) {
    }

    /** A challenge chosen for one realm, with the account that answers it. */
    private record Choice(RealmKey key, Challenge challenge, DigestAlgorithm algorithm, String qop,
            Account account) {
    }

    /**
     * An authenticator for these accounts, tried in order: the first whose realm matches (or that is
     * for any realm) answers.
     *
     * @throws IllegalArgumentException when there is no account
     */
    public DigestAuthenticator(List<Account> accounts) {
        this(accounts, DigestAuthenticator::randomCnonce);
    }

    /** As above, with the client nonces taken from {@code cnonces} (tests make them predictable). */
    DigestAuthenticator(List<Account> accounts, Supplier<String> cnonces) {
        this.accounts = List.copyOf(accounts);
        this.cnonces = Objects.requireNonNull(cnonces, "cnonces");
        if (this.accounts.isEmpty()) {
            throw new IllegalArgumentException("DigestAuthenticator needs at least one account, was none");
        }
    }

    private static String randomCnonce() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /**
     * Answers a 401 or 407 to {@code request} (RFC 3261 §22.2, §22.3).
     *
     * @return the request to send again, or the reason it cannot be answered
     * @throws IllegalArgumentException when the response is not a 401 or 407
     */
    public ChallengeAnswer authenticate(SipRequest request, SipResponse response) {
        Objects.requireNonNull(request, "request");
        int status = response.statusCode();
        if (status != 401 && status != 407) {
            throw new IllegalArgumentException("authenticate needs a 401 or 407 response, was " + status);
        }
        Method method = request.method();
        if (method.equals(Method.ACK) || method.equals(Method.CANCEL)) {
            // RFC 3261 §22.1: ACK and CANCEL cannot be challenged nor resubmitted with credentials.
            return new ChallengeAnswer.Refused(method + " cannot be resubmitted with credentials (RFC 3261 §22.1)");
        }
        List<String> reasons = new ArrayList<>();
        Map<RealmKey, List<Challenge>> byRealm;
        try {
            byRealm = groupByRealm(response, reasons);
        } catch (SipParseException e) {
            return new ChallengeAnswer.Refused("malformed challenge: " + e.getMessage());
        }
        List<Choice> choices = new ArrayList<>();
        for (Map.Entry<RealmKey, List<Challenge>> e : byRealm.entrySet()) {
            choose(request, e.getKey(), e.getValue(), reasons).ifPresent(choices::add);
        }
        if (choices.isEmpty()) {
            String why = reasons.isEmpty() ? "the " + status + " holds no Digest challenge"
                    : String.join("; ", reasons);
            LOG.debug("not answering {} to {}: {}", status, method, why);
            return new ChallengeAnswer.Refused(why);
        }
        long cseq = request.cseq().number();
        if (cseq >= CSeq.MAX_NUMBER) {
            return new ChallengeAnswer.Refused("CSeq " + cseq + " cannot grow past 2^31-1 (RFC 3261 §8.1.1.5)");
        }
        return new ChallengeAnswer.Answered(retry(request, choices, new CSeq(cseq + 1, method)));
    }

    /** The Digest challenges of the response by realm, in order; other schemes and bad ones noted. */
    private static Map<RealmKey, List<Challenge>> groupByRealm(SipResponse response, List<String> reasons) {
        Map<RealmKey, List<Challenge>> byRealm = new LinkedHashMap<>();
        for (boolean proxy : new boolean[] {false, true}) {
            for (Challenge c : proxy ? response.proxyAuthenticate() : response.wwwAuthenticate()) {
                if (!c.isDigest()) {
                    reasons.add("scheme \"" + c.scheme() + "\" is not Digest");
                } else if (c.realm().isEmpty() || c.nonce().isEmpty()) {
                    // RFC 7616 §3.3: realm and nonce are required in a challenge.
                    reasons.add("a Digest challenge without realm or nonce");
                } else {
                    byRealm.computeIfAbsent(new RealmKey(proxy, c.realm().get()), k -> new ArrayList<>()).add(c);
                }
            }
        }
        return byRealm;
    }

    /** The challenge to answer for one realm, or empty with the reason added. */
    private Optional<Choice> choose(SipRequest request, RealmKey key, List<Challenge> offered, List<String> reasons) {
        Challenge best = null;
        DigestAlgorithm bestAlgorithm = null;
        for (Challenge c : offered) {
            // RFC 3261 §22.4, RFC 7616 §3.3: no algorithm means MD5.
            String token = c.algorithm().orElse("MD5");
            Optional<DigestAlgorithm> a = DigestAlgorithm.of(token);
            if (a.isEmpty()) {
                reasons.add("unknown algorithm \"" + token + "\" in realm \"" + key.realm() + "\"");
            } else if (bestAlgorithm == null || a.get().strength() > bestAlgorithm.strength()) {
                best = c;
                bestAlgorithm = a.get();
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        Optional<String> qop = chooseQop(best.qopOptions());
        if (qop.isEmpty()) {
            reasons.add("no known qop in " + best.qopOptions() + " for realm \"" + key.realm() + "\"");
            return Optional.empty();
        }
        Optional<Account> account = accounts.stream().filter(x -> x.answers(key.realm())).findFirst();
        if (account.isEmpty()) {
            reasons.add("no account for realm \"" + key.realm() + "\"");
            return Optional.empty();
        }
        Optional<String> rejected = rejection(request, key, best);
        if (rejected.isPresent()) {
            reasons.add(rejected.get());
            return Optional.empty();
        }
        return Optional.of(new Choice(key, best, bestAlgorithm, qop.get(), account.get()));
    }

    /**
     * The qop to use (RFC 7616 §3.3): "auth" when offered, else "auth-int", "" when none is offered
     * (RFC 2069 compatibility), empty when only unknown ones are.
     */
    private static Optional<String> chooseQop(List<String> options) {
        if (options.isEmpty()) {
            return Optional.of("");
        }
        if (options.stream().anyMatch(DigestComputation.QOP_AUTH::equalsIgnoreCase)) {
            return Optional.of(DigestComputation.QOP_AUTH);
        }
        if (options.stream().anyMatch(DigestComputation.QOP_AUTH_INT::equalsIgnoreCase)) {
            return Optional.of(DigestComputation.QOP_AUTH_INT);
        }
        return Optional.empty();
    }

    /** Why a new answer for this realm would be pointless, when the request already carried one. */
    private Optional<String> rejection(SipRequest request, RealmKey key, Challenge challenge) {
        Optional<Credentials> sent = sentCredentials(request, key);
        if (sent.isEmpty()) {
            return Optional.empty();
        }
        String nonce = challenge.nonce().orElseThrow();
        boolean sameNonce = sent.get().nonce().filter(nonce::equals).isPresent();
        if (challenge.isStale()) {
            // RFC 7616 §3.3: stale=true means the password was right and only the nonce old; retry once.
            RealmState state = realms.get(key);
            boolean retried = state != null && state.fromStale() && sent.get().nonce().filter(
                    state.nonce()::equals).isPresent();
            return retried ? Optional.of("nonce stale again after one retry in realm \"" + key.realm() + "\"")
                    : Optional.empty();
        }
        // A fresh answer (nc 1, or no qop) or this same nonce refused without stale=true: the
        // credentials are wrong (RFC 7616 §3.3). A reused nonce gone old gets one fresh answer.
        boolean fresh = sent.get().nonceCount().orElse(1) == 1;
        if (sameNonce || fresh) {
            return Optional.of("credentials rejected in realm \"" + key.realm() + "\" (wrong username or password)");
        }
        return Optional.empty();
    }

    /** The credentials the request carried for this realm, in the header matching the challenge. */
    private static Optional<Credentials> sentCredentials(SipRequest request, RealmKey key) {
        try {
            List<Credentials> sent = key.proxy() ? request.proxyAuthorization() : request.authorization();
            return sent.stream().filter(c -> c.realm().filter(key.realm()::equals).isPresent()).findFirst();
        } catch (SipParseException e) {
            return Optional.empty();
        }
    }

    /** The request again with credentials for each choice, {@code cseq} and a new branch. */
    private SipRequest retry(SipRequest request, List<Choice> choices, CSeq cseq) {
        RequestBuilder b = request.toBuilder();
        for (boolean proxy : new boolean[] {false, true}) {
            HeaderName header = proxy ? HeaderName.PROXY_AUTHORIZATION : HeaderName.AUTHORIZATION;
            List<Credentials> kept = new ArrayList<>();
            for (Credentials c : proxy ? request.proxyAuthorization() : request.authorization()) {
                // RFC 3261 §22.3: keep the credentials of other realms; replace those answered now.
                if (choices.stream().noneMatch(x -> x.key().proxy() == proxy && c.realm().filter(
                        x.key().realm()::equals).isPresent())) {
                    kept.add(c);
                }
            }
            b.remove(header);
            kept.forEach(c -> b.add(header, c.toString()));
            for (Choice x : choices) {
                if (x.key().proxy() == proxy) {
                    RealmState state = remember(x);
                    b.add(header, credentials(state, request, 1).toString());
                    LOG.debug("answering {} challenge of realm {} with {}", proxy ? "proxy" : "server",
                            x.key().realm(), x.algorithm().token());
                }
            }
        }
        b.set(HeaderName.CSEQ, cseq.toString());
        // RFC 3261 §8.1.3.5: the retry is a new transaction, so its top Via gets a new branch.
        if (request.hasHeader(HeaderName.VIA)) {
            b.replaceFirst(HeaderName.VIA, request.topVia().toBuilder().branch(TransactionLayer.newBranch()).build()
                    .toString());
        }
        return b.build();
    }

    /** Caches the answered challenge for pre-authorization (RFC 7616 §3.4.5), nc 1 taken. */
    private RealmState remember(Choice x) {
        Challenge c = x.challenge();
        RealmState state = new RealmState(x.key().proxy(), x.key().realm(), x.account(), x.algorithm(), x.qop(),
                c.nonce().orElseThrow(), c.opaque().orElse(null), cnonces.get(), c.isStale(), new AtomicLong(1));
        if (realms.size() >= MAX_REALMS && !realms.containsKey(x.key())) {
            // Bounded memory: forget some other realm, so that the one answered now (and its stale count) is kept.
            realms.keySet().stream().findAny().ifPresent(realms::remove);
        }
        realms.put(x.key(), state);
        return state;
    }

    /**
     * Adds credentials for every realm answered before that the request does not already carry,
     * reusing the last nonce with the next nonce count (RFC 7616 §3.4.5, RFC 3261 §22.3). ACK and
     * CANCEL are returned unchanged (RFC 3261 §22.1), as is a request when nothing is cached.
     */
    public SipRequest authorize(SipRequest request) {
        Method method = request.method();
        if (realms.isEmpty() || method.equals(Method.ACK) || method.equals(Method.CANCEL)) {
            return request;
        }
        RequestBuilder b = null;
        for (RealmState state : realms.values()) {
            if (sentCredentials(request, new RealmKey(state.proxy(), state.realm())).isPresent()) {
                continue;
            }
            long nc = state.nextNonceCount();
            if (nc < 0) {
                // The 8-hex-digit count is used up (RFC 7616 §3.4): wait for a new challenge.
                realms.remove(new RealmKey(state.proxy(), state.realm()), state);
                continue;
            }
            b = b == null ? request.toBuilder() : b;
            b.add(state.proxy() ? HeaderName.PROXY_AUTHORIZATION : HeaderName.AUTHORIZATION,
                    credentials(state, request, nc).toString());
        }
        return b == null ? request : b.build();
    }

    /** The Digest credentials for this state and request with nonce count {@code nc} (RFC 7616 §3.4). */
    private static Credentials credentials(RealmState s, SipRequest request, long nc) {
        DigestAlgorithm a = s.algorithm();
        String uri = request.requestUriText();
        String ncText = HexFormat.of().toHexDigits((int) nc);
        Account account = s.account();
        String ha1 = DigestComputation.ha1(a, DigestComputation.userRealmHash(a, account.username(), s.realm(),
                account.password()), s.nonce(), s.cnonce());
        String ha2 = DigestComputation.ha2(a, request.method().name(), uri, s.qop(), request.body());
        String response = DigestComputation.response(a, ha1, s.nonce(), ncText, s.cnonce(), s.qop(), ha2);
        Credentials.Builder b = Credentials.builder("Digest").username(account.username()).realm(s.realm())
                .nonce(s.nonce()).uri(uri).response(response).algorithm(a.token());
        if (!s.qop().isEmpty()) {
            b.qop(s.qop()).nc(nc).cnonce(s.cnonce());
        }
        if (s.opaque() != null) {
            b.opaque(s.opaque());
        }
        return b.build();
    }
}
