package org.parley.proxy.auth;

import java.time.InstantSource;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import org.parley.message.HeaderName;
import org.parley.message.SipRequest;
import org.parley.message.SipResponse;
import org.parley.message.header.Challenge;
import org.parley.message.header.Credentials;
import org.parley.message.uri.SipUri;
import org.parley.ua.auth.DigestAlgorithm;
import org.parley.ua.auth.DigestComputation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server side of digest authentication (RFC 3261 §22, RFC 7616, RFC 8760): challenges a request
 * with every configured algorithm in order, {@code qop="auth"} and a stateless nonce, and checks the
 * credentials it comes back with against the {@link SubscriberStore}'s HA1.
 *
 * <p>Rules:
 * <ul>
 *   <li>401/WWW-Authenticate/Authorization for a registrar, 407/Proxy-Authenticate/Proxy-Authorization
 *       for a proxy ({@link AuthRole}, §22.2, §22.3); only credentials for our realm count (§22.4).</li>
 *   <li>Missing or malformed digest parameters, or a {@code uri} that is not the Request-URI, get 400
 *       (RFC 7616 §3.4.6).</li>
 *   <li>An unknown user is answered exactly as a wrong password: the same fresh challenge, after the
 *       same hashing against a decoy hash, so neither status, headers nor work tell them apart.</li>
 *   <li>A nonce we did not issue gets a fresh challenge; one past its lifetime gets {@code stale=true}
 *       when, and only when, the response was right (RFC 7616 §3.3).</li>
 *   <li>A response whose nonce count is not above the highest accepted for its nonce is a replay and
 *       gets a fresh challenge (RFC 7616 §3.4, §5.4). Counts are recorded only for right responses,
 *       so a forger cannot use up a client's counts.</li>
 *   <li>With {@link DigestConfig#matchFromIdentity()}, a From other than {@code sip:user@domain} gets
 *       403 naming it (RFC 3261 §22: the identity asserted must be the one authenticated).</li>
 *   <li>Digests and HMAC tags are compared in constant time.</li>
 * </ul>
 *
 * <p>Thread-safe and non-blocking: the only wait is the store's future; the nonce-count table is
 * concurrent and bounded ({@link DigestConfig#maxTrackedNonces()}).
 */
public final class DigestServer {
    private static final Logger LOG = LoggerFactory.getLogger(DigestServer.class);

    private final DigestConfig config;
    private final SubscriberStore subscribers;
    private final InstantSource clock;
    private final Nonces nonces;
    private final NonceCounts counts;
    /** Compared against when the user is unknown, so that case costs the same hashing (never matches). */
    private final String decoy;

    /** A server checking against {@code subscribers}, reading time from {@code clock}. */
    public DigestServer(DigestConfig config, SubscriberStore subscribers, InstantSource clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.subscribers = Objects.requireNonNull(subscribers, "subscribers");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.nonces = new Nonces(config.secret(), config.nonceLifetime());
        this.counts = new NonceCounts(config.maxTrackedNonces(), config.nonceLifetime().toMillis());
        this.decoy = DigestComputation.hash(DigestAlgorithm.SHA_256, config.secret());
    }

    /** The configuration. */
    public DigestConfig config() {
        return config;
    }

    /**
     * Authenticates {@code request} for {@code realm}, the realm of the served {@code domain}.
     *
     * @return the authenticated user, or the response refusing the request
     */
    public CompletableFuture<AuthResult> authenticate(SipRequest request, String domain, String realm,
            AuthRole role) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(realm, "realm");
        Objects.requireNonNull(role, "role");
        Optional<Credentials> found = credentialsFor(request, realm, role);
        if (found.isEmpty()) {
            return done(challenge(request, realm, role, false));
        }
        Credentials c = found.get();
        String problem = problemWith(c, request);
        if (problem != null) {
            return done(new AuthResult.Refused(tagged(SipResponse.responseTo(request, 400,
                    "Bad Request - " + problem))));
        }
        Optional<DigestAlgorithm> algorithm = DigestAlgorithm.of(c.algorithm().orElse("MD5"))
                .filter(a -> config.algorithms().contains(Subscriber.plain(a)));
        if (algorithm.isEmpty()) {
            return done(challenge(request, realm, role, false));
        }
        long now = clock.millis();
        Nonces.Verdict nonce = nonces.check(c.nonce().orElseThrow(), realm, now);
        if (nonce.check() == Nonces.Check.FORGED) {
            return done(challenge(request, realm, role, false));
        }
        String user = c.username().orElseThrow();
        return subscribers.find(user, realm).thenApply(subscriber -> decide(request, domain, realm, role, c,
                algorithm.get(), nonce, subscriber, now));
    }

    private AuthResult decide(SipRequest request, String domain, String realm, AuthRole role, Credentials c,
            DigestAlgorithm algorithm, Nonces.Verdict nonce, Optional<Subscriber> subscriber, long now) {
        Optional<String> stored = subscriber.flatMap(s -> s.userRealmHash(algorithm));
        // The same work whether or not the user exists: a decoy hash that no response matches.
        boolean right = responseMatches(request, c, algorithm, stored.orElse(decoy)) && stored.isPresent();
        if (!right) {
            LOG.debug("digest refused for a user in realm {}", realm);
            return challenge(request, realm, role, false);
        }
        if (nonce.check() == Nonces.Check.STALE) {
            return challenge(request, realm, role, true);
        }
        long nc = c.nonceCount().orElseThrow();
        if (!counts.accept(c.nonce().orElseThrow(), nonce.issuedMillis(), nc, now)) {
            LOG.debug("digest replay refused in realm {}: nonce count {} not above the last", realm, nc);
            return challenge(request, realm, role, false);
        }
        String user = c.username().orElseThrow();
        if (config.matchFromIdentity() && !isIdentity(request, user, domain)) {
            return new AuthResult.Refused(tagged(SipResponse.responseTo(request, 403,
                    "Forbidden - From " + fromText(request) + " is not the authenticated user " + user)));
        }
        return new AuthResult.Authenticated(user, realm, algorithm);
    }

    private static boolean responseMatches(SipRequest request, Credentials c, DigestAlgorithm algorithm,
            String userRealmHash) {
        String nonce = c.nonce().orElseThrow();
        String cnonce = c.cnonce().orElseThrow();
        String ha1 = DigestComputation.ha1(algorithm, userRealmHash, nonce, cnonce);
        String ha2 = DigestComputation.ha2(algorithm, request.method().name(), c.uri().orElseThrow(),
                DigestComputation.QOP_AUTH, new byte[0]);
        String expected = DigestComputation.response(algorithm, ha1, nonce, c.nc().orElseThrow(), cnonce,
                DigestComputation.QOP_AUTH, ha2);
        return DigestComputation.matches(expected, c.response().orElseThrow());
    }

    /** The challenge response: one challenge per configured algorithm, in order, sharing one nonce. */
    private AuthResult challenge(SipRequest request, String realm, AuthRole role, boolean stale) {
        String nonce = nonces.issue(realm, clock.millis());
        var b = SipResponse.responseTo(request, role.status());
        for (DigestAlgorithm a : config.algorithms()) {
            Challenge ch = Challenge.builder("Digest").realm(realm).nonce(nonce).algorithm(a.token())
                    .qop(DigestComputation.QOP_AUTH).stale(stale).build();
            b.add(role.challengeHeader(), ch.toString());
        }
        return new AuthResult.Refused(tagged(b));
    }

    /** The first Digest credentials for our realm (RFC 3261 §22.4: others are for other realms). */
    private static Optional<Credentials> credentialsFor(SipRequest request, String realm, AuthRole role) {
        List<Credentials> all = role == AuthRole.REGISTRAR ? request.authorization() : request.proxyAuthorization();
        for (Credentials c : all) {
            if (c.isDigest() && realm.equals(c.realm().orElse(null))) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** What is wrong with the credentials' parameters, or null (RFC 7616 §3.4: qop=auth needs nc and cnonce). */
    private static String problemWith(Credentials c, SipRequest request) {
        if (c.username().isEmpty() || c.nonce().isEmpty() || c.uri().isEmpty() || c.response().isEmpty()) {
            return "credentials lack username, nonce, uri or response";
        }
        if (!DigestComputation.QOP_AUTH.equalsIgnoreCase(c.qop().orElse(""))) {
            return "credentials must use qop=auth, as challenged";
        }
        if (c.cnonce().isEmpty() || c.nonceCount().isEmpty()) {
            return "credentials with qop need cnonce and an 8-hex-digit nc";
        }
        if (!sameUri(c.uri().orElseThrow(), request.requestUriText())) {
            return "credentials uri is not the Request-URI";
        }
        return null;
    }

    /** RFC 7616 §3.4.6: the digest uri names the Request-URI; SIP URIs compare by RFC 3261 §19.1.4. */
    private static boolean sameUri(String digestUri, String requestUri) {
        if (digestUri.equals(requestUri)) {
            return true;
        }
        try {
            return SipUri.parse(digestUri).equals(SipUri.parse(requestUri));
        } catch (RuntimeException notSip) {
            return false;
        }
    }

    private static boolean isIdentity(SipRequest request, String user, String domain) {
        if (!(request.from().uri() instanceof SipUri from)) {
            return false;
        }
        return user.equals(from.decodedUser().orElse(null))
                && from.host().text().toLowerCase(Locale.ROOT).equals(domain.toLowerCase(Locale.ROOT));
    }

    private static String fromText(SipRequest request) {
        return request.from().uri().toString();
    }

    /** Adds a To tag (RFC 3261 §8.2.6.2) and builds. */
    static SipResponse tagged(org.parley.message.ResponseBuilder b) {
        SipResponse draft = b.build();
        if (draft.toTag().isPresent()) {
            return draft;
        }
        return draft.toBuilder().set(HeaderName.TO, draft.to().withTag(newTag()).toString()).build();
    }

    private static String newTag() {
        return Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
    }

    private static CompletableFuture<AuthResult> done(AuthResult r) {
        return CompletableFuture.completedFuture(r);
    }
}
