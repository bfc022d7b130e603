package org.parley.proxy.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.message.HeaderName;
import org.parley.message.Method;
import org.parley.message.SipRequest;
import org.parley.message.SipResponse;
import org.parley.message.header.Challenge;
import org.parley.message.header.Credentials;
import org.parley.testkit.VirtualClock;
import org.parley.ua.auth.DigestAlgorithm;
import org.parley.ua.auth.DigestComputation;

class DigestServerTest {
    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private final VirtualClock clock = new VirtualClock();
    private final MemorySubscriberStore subscribers = new MemorySubscriberStore();
    private DigestServer server = server(DigestConfig.defaults());

    DigestServerTest() {
        subscribers.put(Subscriber.withPassword("alice", "example.com", "secret",
                List.of(DigestAlgorithm.MD5, DigestAlgorithm.SHA_256))).join();
    }

    private DigestServer server(DigestConfig c) {
        return new DigestServer(new DigestConfig(c.algorithms(), c.nonceLifetime(), SECRET, c.matchFromIdentity(),
                c.maxTrackedNonces()), subscribers, clock);
    }

    private static SipRequest request(String from) {
        return SipRequest.builder(Method.INVITE, "sip:bob@example.com")
                .add(HeaderName.VIA, "SIP/2.0/UDP 127.0.0.9;branch=z9hG4bK1").add(HeaderName.MAX_FORWARDS, "70")
                .add(HeaderName.FROM, "<" + from + ">;tag=1").add(HeaderName.TO, "<sip:bob@example.com>")
                .add(HeaderName.CALL_ID, "x").add(HeaderName.CSEQ, "1 INVITE").build();
    }

    private AuthResult authenticate(SipRequest r, AuthRole role) {
        var f = server.authenticate(r, "example.com", "example.com", role);
        assertThat(f).isDone();
        return f.join();
    }

    private static SipResponse refused(AuthResult r) {
        assertThat(r).isInstanceOf(AuthResult.Refused.class);
        return ((AuthResult.Refused) r).response();
    }

    private static SipRequest answered(SipRequest r, Challenge ch, String user, String password, long nc,
            HeaderName header) {
        DigestAlgorithm a = DigestAlgorithm.of(ch.algorithm().orElseThrow()).orElseThrow();
        String ha1 = DigestComputation.userRealmHash(a, user, ch.realm().orElseThrow(), password);
        String ha2 = DigestComputation.ha2(a, r.method().name(), r.requestUriText(), "auth", new byte[0]);
        String resp = DigestComputation.response(a, ha1, ch.nonce().orElseThrow(), String.format("%08x", nc), "cn",
                "auth", ha2);
        Credentials c = Credentials.builder("Digest").username(user).realm(ch.realm().orElseThrow())
                .nonce(ch.nonce().orElseThrow()).uri(r.requestUriText()).response(resp).algorithm(a.token())
                .cnonce("cn").qop("auth").nc(nc).build();
        return r.toBuilder().set(header, c.toString()).build();
    }

    private Challenge firstChallenge(AuthRole role) {
        SipResponse c = refused(authenticate(request("sip:alice@example.com"), role));
        return role == AuthRole.REGISTRAR ? c.wwwAuthenticate().get(0) : c.proxyAuthenticate().get(0);
    }

    @Test
    void challengesWithSha256ThenMd5AndQopAuth() {
        SipResponse c = refused(authenticate(request("sip:alice@example.com"), AuthRole.REGISTRAR));
        assertThat(c.statusCode()).isEqualTo(401);
        assertThat(c.wwwAuthenticate()).extracting(ch -> ch.algorithm().orElseThrow())
                .containsExactly("SHA-256", "MD5");
        assertThat(c.wwwAuthenticate()).allSatisfy(ch -> {
            assertThat(ch.qopOptions()).containsExactly("auth");
            assertThat(ch.realm()).hasValue("example.com");
            assertThat(ch.isStale()).isFalse();
        });
    }

    @Test
    void md5AloneIsConfigurable() {
        server = server(DigestConfig.defaults().withAlgorithms(List.of(DigestAlgorithm.MD5)));
        assertThat(refused(authenticate(request("sip:alice@example.com"), AuthRole.REGISTRAR)).wwwAuthenticate())
                .extracting(ch -> ch.algorithm().orElseThrow()).containsExactly("MD5");
    }

    @Test
    void acceptsRightCredentialsOfEitherAlgorithm() {
        SipResponse c = refused(authenticate(request("sip:alice@example.com"), AuthRole.REGISTRAR));
        long nc = 0;
        for (Challenge ch : c.wwwAuthenticate()) {
            // The challenges share one nonce, so its count goes on from one answer to the next.
            AuthResult r = authenticate(answered(request("sip:alice@example.com"), ch, "alice", "secret", ++nc,
                    HeaderName.AUTHORIZATION), AuthRole.REGISTRAR);
            assertThat(r).isInstanceOf(AuthResult.Authenticated.class);
            assertThat(((AuthResult.Authenticated) r).algorithm().token()).isEqualTo(ch.algorithm().orElseThrow());
        }
    }

    @Test
    void aProxyChallengesWith407AndReadsProxyAuthorization() {
        Challenge ch = firstChallenge(AuthRole.PROXY);
        SipRequest withWrongHeader = answered(request("sip:alice@example.com"), ch, "alice", "secret", 1,
                HeaderName.AUTHORIZATION);
        assertThat(refused(authenticate(withWrongHeader, AuthRole.PROXY)).statusCode()).isEqualTo(407);
        assertThat(authenticate(answered(request("sip:alice@example.com"), ch, "alice", "secret", 1,
                HeaderName.PROXY_AUTHORIZATION), AuthRole.PROXY)).isInstanceOf(AuthResult.Authenticated.class);
    }

    @Test
    void anUnknownUserIsAnsweredExactlyAsAWrongPassword() {
        Challenge ch = firstChallenge(AuthRole.REGISTRAR);
        SipResponse wrong = refused(authenticate(answered(request("sip:alice@example.com"), ch, "alice", "guess", 1,
                HeaderName.AUTHORIZATION), AuthRole.REGISTRAR));
        SipResponse unknown = refused(authenticate(answered(request("sip:alice@example.com"), ch, "mallory", "guess",
                1, HeaderName.AUTHORIZATION), AuthRole.REGISTRAR));
        assertThat(unknown.statusCode()).isEqualTo(wrong.statusCode()).isEqualTo(401);
        assertThat(unknown.reasonPhrase()).isEqualTo(wrong.reasonPhrase());
        assertThat(names(unknown)).isEqualTo(names(wrong));
        assertThat(unknown.wwwAuthenticate()).extracting(Challenge::paramNames)
                .isEqualTo(wrong.wwwAuthenticate().stream().map(Challenge::paramNames).toList());
        assertThat(unknown.wwwAuthenticate()).noneMatch(Challenge::isStale);
    }

    private static List<String> names(SipResponse r) {
        return r.headerFields().stream().map(h -> h.name().toString()).toList();
    }

    @Test
    void aReusedNonceCountIsRefusedAsAReplay() {
        Challenge ch = firstChallenge(AuthRole.REGISTRAR);
        SipRequest once = answered(request("sip:alice@example.com"), ch, "alice", "secret", 1,
                HeaderName.AUTHORIZATION);
        assertThat(authenticate(once, AuthRole.REGISTRAR)).isInstanceOf(AuthResult.Authenticated.class);
        SipResponse replay = refused(authenticate(once, AuthRole.REGISTRAR));
        assertThat(replay.statusCode()).isEqualTo(401);
        assertThat(replay.wwwAuthenticate().get(0).isStale()).isFalse();
        SipRequest next = answered(request("sip:alice@example.com"), ch, "alice", "secret", 2,
                HeaderName.AUTHORIZATION);
        assertThat(authenticate(next, AuthRole.REGISTRAR)).isInstanceOf(AuthResult.Authenticated.class);
        SipRequest lower = answered(request("sip:alice@example.com"), ch, "alice", "secret", 1,
                HeaderName.AUTHORIZATION);
        assertThat(refused(authenticate(lower, AuthRole.REGISTRAR)).statusCode()).isEqualTo(401);
    }

    @Test
    void aForgerCannotUseUpAClientsNonceCounts() {
        Challenge ch = firstChallenge(AuthRole.REGISTRAR);
        authenticate(answered(request("sip:alice@example.com"), ch, "alice", "guess", 99, HeaderName.AUTHORIZATION),
                AuthRole.REGISTRAR);
        assertThat(authenticate(answered(request("sip:alice@example.com"), ch, "alice", "secret", 1,
                HeaderName.AUTHORIZATION), AuthRole.REGISTRAR)).isInstanceOf(AuthResult.Authenticated.class);
    }

    @Test
    void anExpiredNonceGetsStaleOnlyWhenTheResponseWasRight() {
        Challenge ch = firstChallenge(AuthRole.REGISTRAR);
        clock.advance(DigestConfig.DEFAULT_NONCE_LIFETIME);
        SipResponse right = refused(authenticate(answered(request("sip:alice@example.com"), ch, "alice", "secret", 1,
                HeaderName.AUTHORIZATION), AuthRole.REGISTRAR));
        assertThat(right.wwwAuthenticate()).allMatch(Challenge::isStale);
        SipResponse wrong = refused(authenticate(answered(request("sip:alice@example.com"), ch, "alice", "guess", 1,
                HeaderName.AUTHORIZATION), AuthRole.REGISTRAR));
        assertThat(wrong.wwwAuthenticate()).noneMatch(Challenge::isStale);
    }

    @Test
    void aNonceNotOursOrForAnotherRealmIsChallengedAfresh() {
        Challenge ours = firstChallenge(AuthRole.REGISTRAR);
        Challenge forged = ours.toBuilder().nonce("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").build();
        SipResponse r = refused(authenticate(answered(request("sip:alice@example.com"), forged, "alice", "secret", 1,
                HeaderName.AUTHORIZATION), AuthRole.REGISTRAR));
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.wwwAuthenticate()).noneMatch(Challenge::isStale);
        subscribers.put(Subscriber.withPassword("alice", "other.org", "secret", List.of(DigestAlgorithm.SHA_256)))
                .join();
        Challenge moved = ours.toBuilder().realm("other.org").build();
        var f = server.authenticate(answered(request("sip:alice@other.org"), moved, "alice", "secret", 1,
                HeaderName.AUTHORIZATION), "other.org", "other.org", AuthRole.REGISTRAR);
        assertThat(f.join()).isInstanceOf(AuthResult.Refused.class);
    }

    @Test
    void aFromOtherThanTheUserGets403NamingItUnlessConfiguredOtherwise() {
        Challenge ch = firstChallenge(AuthRole.REGISTRAR);
        SipResponse r = refused(authenticate(answered(request("sip:bob@example.com"), ch, "alice", "secret", 1,
                HeaderName.AUTHORIZATION), AuthRole.REGISTRAR));
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.reasonPhrase()).contains("sip:bob@example.com").contains("alice");
        server = server(DigestConfig.defaults().withMatchFromIdentity(false));
        Challenge again = firstChallenge(AuthRole.REGISTRAR);
        assertThat(authenticate(answered(request("sip:bob@example.com"), again, "alice", "secret", 1,
                HeaderName.AUTHORIZATION), AuthRole.REGISTRAR)).isInstanceOf(AuthResult.Authenticated.class);
    }

    @Test
    void malformedCredentialsGet400() {
        SipRequest r = request("sip:alice@example.com").toBuilder().set(HeaderName.AUTHORIZATION,
                "Digest username=\"alice\", realm=\"example.com\", nonce=\"n\", uri=\"sip:bob@example.com\","
                + " response=\"00\"").build();
        SipResponse bad = refused(authenticate(r, AuthRole.REGISTRAR));
        assertThat(bad.statusCode()).isEqualTo(400);
        Challenge ch = firstChallenge(AuthRole.REGISTRAR);
        SipRequest otherUri = answered(request("sip:alice@example.com"), ch, "alice", "secret", 1,
                HeaderName.AUTHORIZATION).toBuilder().requestUri("sip:carol@example.com").build();
        assertThat(refused(authenticate(otherUri, AuthRole.REGISTRAR)).statusCode()).isEqualTo(400);
    }

    @Test
    void trackedNoncesStayBoundedAndForgottenOnesAreRefused() {
        server = server(DigestConfig.defaults().withMaxTrackedNonces(2));
        Challenge first = firstChallenge(AuthRole.REGISTRAR);
        SipRequest firstUse = answered(request("sip:alice@example.com"), first, "alice", "secret", 1,
                HeaderName.AUTHORIZATION);
        assertThat(authenticate(firstUse, AuthRole.REGISTRAR)).isInstanceOf(AuthResult.Authenticated.class);
        for (int i = 0; i < 2; i++) {
            clock.advance(Duration.ofMillis(1));
            Challenge ch = firstChallenge(AuthRole.REGISTRAR);
            assertThat(authenticate(answered(request("sip:alice@example.com"), ch, "alice", "secret", 1,
                    HeaderName.AUTHORIZATION), AuthRole.REGISTRAR)).isInstanceOf(AuthResult.Authenticated.class);
        }
        // The first nonce was forgotten to keep the bound: its replay is refused, not accepted anew.
        assertThat(authenticate(firstUse, AuthRole.REGISTRAR)).isInstanceOf(AuthResult.Refused.class);
    }

    @Test
    void subscribersKeepHashesNeverThePassword() {
        Subscriber s = subscribers.find("alice", "example.com").join().orElseThrow();
        assertThat(s.ha1()).doesNotContainValue("secret");
        assertThat(s.toString()).doesNotContain(s.ha1().get(DigestAlgorithm.MD5));
        assertThat(s.userRealmHash(DigestAlgorithm.MD5_SESS)).isEqualTo(s.userRealmHash(DigestAlgorithm.MD5));
    }
}
