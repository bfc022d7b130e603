package org.parley.ua.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.parley.message.HeaderName;
import org.parley.message.Method;
import org.parley.message.SipRequest;
import org.parley.message.SipResponse;
import org.parley.message.header.Credentials;

class DigestAuthenticatorTest {
    private static final String PASSWORD = "s3cret";

    private final AtomicInteger cnonces = new AtomicInteger();
    private final DigestAuthenticator auth = new DigestAuthenticator(
            List.of(Account.forRealm("example.org", "alice", PASSWORD), Account.forRealm("b.example", "al", "pw2")),
            () -> cnonces.incrementAndGet() == 1 ? "0a4f113b" : "cn" + cnonces.get());

    private static SipRequest request(Method method, long cseq, String body) {
        var b = SipRequest.builder(method, "sip:example.org")
                .add(HeaderName.VIA, "SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bKfirst")
                .add(HeaderName.MAX_FORWARDS, "70")
                .add(HeaderName.FROM, "<sip:alice@example.org>;tag=f1")
                .add(HeaderName.TO, "<sip:alice@example.org>")
                .add(HeaderName.CALL_ID, "c1@127.0.0.1")
                .add(HeaderName.CSEQ, cseq + " " + method);
        if (!body.isEmpty()) {
            b.body("application/sdp", body);
        }
        return b.build();
    }

    private static SipRequest register() {
        return request(Method.REGISTER, 1, "");
    }

    private static SipResponse challenge(SipRequest to, int status, String... challenges) {
        var b = SipResponse.responseTo(to, status);
        for (String c : challenges) {
            b.add(status == 407 ? HeaderName.PROXY_AUTHENTICATE : HeaderName.WWW_AUTHENTICATE, c);
        }
        return b.build();
    }

    private SipRequest answered(SipRequest request, SipResponse response) {
        ChallengeAnswer a = auth.authenticate(request, response);
        assertThat(a).isInstanceOf(ChallengeAnswer.Answered.class);
        return a.request().orElseThrow();
    }

    private static String refusal(ChallengeAnswer a) {
        assertThat(a).isInstanceOf(ChallengeAnswer.Refused.class);
        assertThat(a.request()).isEmpty();
        return ((ChallengeAnswer.Refused) a).reason();
    }

    /** Recomputes the response of these credentials with the shared arithmetic, as a registrar would. */
    private static String expectedResponse(Credentials c, String password, SipRequest r) {
        DigestAlgorithm a = DigestAlgorithm.of(c.algorithm().orElse("MD5")).orElseThrow();
        String qop = c.qop().orElse("");
        String ha1 = DigestComputation.ha1(a, DigestComputation.userRealmHash(a, c.username().orElseThrow(),
                c.realm().orElseThrow(), password), c.nonce().orElseThrow(), c.cnonce().orElse(""));
        String ha2 = DigestComputation.ha2(a, r.method().name(), c.uri().orElseThrow(), qop, r.body());
        return DigestComputation.response(a, ha1, c.nonce().orElseThrow(), c.nc().orElse(""), c.cnonce().orElse(""),
                qop, ha2);
    }

    @Test
    void answersSha256ChallengeWithRfc7616Quoting() {
        SipRequest retry = answered(register(), challenge(register(), 401,
                "Digest realm=\"example.org\", nonce=\"n1\", opaque=\"op\", qop=\"auth\", algorithm=SHA-256"));

        // Response computed independently (Python hashlib) for alice:example.org:s3cret, REGISTER sip:example.org.
        assertThat(retry.header(HeaderName.AUTHORIZATION)).contains("Digest username=\"alice\", "
                + "realm=\"example.org\", nonce=\"n1\", uri=\"sip:example.org\", "
                + "response=\"ff6be5c7e5e1091bfdb5027c6fb559cc90504ffa798b4744318f0426b3389de8\", "
                + "algorithm=SHA-256, qop=auth, nc=00000001, cnonce=\"0a4f113b\", opaque=\"op\"");
        assertThat(retry.header(HeaderName.AUTHORIZATION).orElseThrow()).doesNotContain(PASSWORD);
    }

    @Test
    void retryHasTheNextCSeqAndANewBranch() {
        SipRequest first = request(Method.INVITE, 41, "");
        SipRequest retry = answered(first, challenge(first, 407, "Digest realm=\"example.org\", nonce=\"n1\""));

        assertThat(retry.cseq().number()).isEqualTo(42);
        assertThat(retry.cseq().method()).isEqualTo(Method.INVITE);
        assertThat(retry.callId()).isEqualTo(first.callId());
        assertThat(retry.topVia().branch()).get().isNotEqualTo("z9hG4bKfirst");
        assertThat(retry.topVia().isRfc3261Branch()).isTrue();
        assertThat(retry.proxyAuthorization()).hasSize(1);
        assertThat(retry.authorization()).isEmpty();
    }

    @Test
    void prefersTheStrongestAlgorithmOfARealm() {
        SipRequest retry = answered(register(), challenge(register(), 401,
                "Digest realm=\"example.org\", nonce=\"m\", algorithm=MD5, qop=\"auth\"",
                "Digest realm=\"example.org\", nonce=\"s5\", algorithm=SHA-512-256, qop=\"auth\"",
                "Digest realm=\"example.org\", nonce=\"s2\", algorithm=SHA-256, qop=\"auth\""));

        assertThat(retry.authorization()).singleElement().satisfies(c -> {
            assertThat(c.algorithm()).contains("SHA-512-256");
            assertThat(c.nonce()).contains("s5");
            assertThat(c.response()).contains(expectedResponse(c, PASSWORD, retry));
        });
    }

    @Test
    void answersEveryChallengeOfAForkingProxyTogether() {
        // RFC 3261 §22.3: a forking proxy aggregates the challenges of its branches into one 401.
        SipRequest invite = request(Method.INVITE, 1, "");
        SipResponse aggregated = SipResponse.responseTo(invite, 401)
                .add(HeaderName.WWW_AUTHENTICATE, "Digest realm=\"example.org\", nonce=\"a\", qop=\"auth\"")
                .add(HeaderName.PROXY_AUTHENTICATE, "Digest realm=\"b.example\", nonce=\"b\", algorithm=SHA-256")
                .add(HeaderName.WWW_AUTHENTICATE, "Digest realm=\"nobody.example\", nonce=\"c\"")
                .build();
        DigestAuthenticator anyRealm = new DigestAuthenticator(List.of(Account.forRealm("example.org", "alice",
                PASSWORD), Account.forRealm("b.example", "al", "pw2")));

        SipRequest retry = anyRealm.authenticate(invite, aggregated).request().orElseThrow();

        assertThat(retry.authorization()).singleElement().satisfies(c -> {
            assertThat(c.realm()).contains("example.org");
            assertThat(c.response()).contains(expectedResponse(c, PASSWORD, retry));
        });
        assertThat(retry.proxyAuthorization()).singleElement().satisfies(c -> {
            assertThat(c.realm()).contains("b.example");
            assertThat(c.username()).contains("al");
            assertThat(c.response()).contains(expectedResponse(c, "pw2", retry));
        });
    }

    @Test
    void usesAuthIntWhenItIsTheOnlyQopAndHashesTheBody() {
        SipRequest invite = request(Method.INVITE, 1, "v=0\r\n");
        SipRequest retry = answered(invite, challenge(invite, 401,
                "Digest realm=\"example.org\", nonce=\"n\", qop=\"auth-int\""));

        Credentials c = retry.authorization().get(0);
        assertThat(c.qop()).contains("auth-int");
        assertThat(c.response()).contains(expectedResponse(c, PASSWORD, retry));
        SipRequest otherBody = retry.toBuilder().body("v=1\r\n".getBytes(StandardCharsets.US_ASCII)).build();
        assertThat(c.response()).get().isNotEqualTo(expectedResponse(c, PASSWORD, otherBody));
    }

    @Test
    void prefersAuthOverAuthInt() {
        SipRequest retry = answered(register(), challenge(register(), 401,
                "Digest realm=\"example.org\", nonce=\"n\", qop=\"auth-int,auth\""));

        assertThat(retry.authorization().get(0).qop()).contains("auth");
    }

    @Test
    void withoutQopOmitsNonceCountAndCnonce() {
        SipRequest retry = answered(register(), challenge(register(), 401,
                "Digest realm=\"example.org\", nonce=\"n\""));

        Credentials c = retry.authorization().get(0);
        assertThat(c.qop()).isEmpty();
        assertThat(c.nc()).isEmpty();
        assertThat(c.cnonce()).isEmpty();
        assertThat(c.algorithm()).contains("MD5");
        assertThat(c.response()).contains(expectedResponse(c, PASSWORD, retry));
    }

    @Test
    void refusesAnUnknownAlgorithmWithAClearReason() {
        String reason = refusal(auth.authenticate(register(), challenge(register(), 401,
                "Digest realm=\"example.org\", nonce=\"n\", algorithm=SHA3-512")));

        assertThat(reason).contains("unknown algorithm \"SHA3-512\"", "example.org");
    }

    @Test
    void refusesARealmWithoutAccountAndOtherSchemes() {
        assertThat(refusal(auth.authenticate(register(), challenge(register(), 401,
                "Digest realm=\"elsewhere.org\", nonce=\"n\"")))).contains("no account for realm \"elsewhere.org\"");
        assertThat(refusal(auth.authenticate(register(), challenge(register(), 401, "Bearer realm=\"x\""))))
                .contains("\"Bearer\" is not Digest");
        assertThat(refusal(auth.authenticate(register(), challenge(register(), 401,
                "Digest realm=\"example.org\", nonce=\"n\", qop=\"auth-conf\"")))).contains("no known qop");
    }

    @Test
    void refusesAMalformedChallengeWithAReason() {
        assertThat(refusal(auth.authenticate(register(), challenge(register(), 401, "Digest realm=\"open"))))
                .startsWith("malformed challenge");
        assertThat(refusal(auth.authenticate(register(), challenge(register(), 401, "Digest realm=\"r\""))))
                .contains("without realm or nonce");
    }

    @Test
    void stopsWhenTheSameNonceIsChallengedAgain() {
        SipResponse first = challenge(register(), 401, "Digest realm=\"example.org\", nonce=\"n1\", qop=\"auth\"");
        SipRequest retry = answered(register(), first);

        String reason = refusal(auth.authenticate(retry, challenge(retry, 401,
                "Digest realm=\"example.org\", nonce=\"n1\", qop=\"auth\"")));

        assertThat(reason).contains("credentials rejected", "example.org");
    }

    @Test
    void stopsWhenAFreshAnswerIsChallengedWithANewNonce() {
        SipRequest retry = answered(register(), challenge(register(), 401,
                "Digest realm=\"example.org\", nonce=\"n1\", qop=\"auth\""));

        assertThat(refusal(auth.authenticate(retry, challenge(retry, 401,
                "Digest realm=\"example.org\", nonce=\"n2\", qop=\"auth\"")))).contains("credentials rejected");
    }

    @Test
    void retriesAStaleNonceOnce() {
        SipRequest retry = answered(register(), challenge(register(), 401,
                "Digest realm=\"example.org\", nonce=\"n1\", qop=\"auth\""));

        SipRequest second = answered(retry, challenge(retry, 401,
                "Digest realm=\"example.org\", nonce=\"n2\", qop=\"auth\", stale=true"));
        assertThat(second.authorization()).singleElement().satisfies(c -> {
            assertThat(c.nonce()).contains("n2");
            assertThat(c.nc()).contains("00000001");
            assertThat(c.response()).contains(expectedResponse(c, PASSWORD, second));
        });
        assertThat(second.cseq().number()).isEqualTo(3);

        assertThat(refusal(auth.authenticate(second, challenge(second, 401,
                "Digest realm=\"example.org\", nonce=\"n3\", qop=\"auth\", stale=true")))).contains("stale again");
    }

    @Test
    void preAuthorizesLaterRequestsWithTheNextNonceCount() {
        answered(register(), challenge(register(), 407,
                "Digest realm=\"example.org\", nonce=\"n1\", qop=\"auth\", algorithm=SHA-256, opaque=\"o\""));

        SipRequest message = auth.authorize(request(Method.MESSAGE, 7, "hi"));
        SipRequest next = auth.authorize(request(Method.MESSAGE, 8, "hi"));

        assertThat(message.proxyAuthorization()).singleElement().satisfies(c -> {
            assertThat(c.nc()).contains("00000002");
            assertThat(c.nonce()).contains("n1");
            assertThat(c.opaque()).contains("o");
            assertThat(c.response()).contains(expectedResponse(c, PASSWORD, message));
        });
        assertThat(next.proxyAuthorization().get(0).nc()).contains("00000003");
        assertThat(message.cseq().number()).isEqualTo(7);
    }

    @Test
    void givesAPreAuthorizedNonceGoneOldOneFreshAnswer() {
        answered(register(), challenge(register(), 401, "Digest realm=\"example.org\", nonce=\"n1\", qop=\"auth\""));
        SipRequest pre = auth.authorize(request(Method.REGISTER, 5, ""));

        // The server forgot n1 and did not say stale: one fresh answer, then stop.
        SipRequest fresh = answered(pre, challenge(pre, 401, "Digest realm=\"example.org\", nonce=\"n2\", qop=auth"));
        assertThat(fresh.authorization()).singleElement().satisfies(c -> assertThat(c.nc()).contains("00000001"));
        assertThat(refusal(auth.authenticate(fresh, challenge(fresh, 401,
                "Digest realm=\"example.org\", nonce=\"n3\", qop=auth")))).contains("credentials rejected");
    }

    @Test
    void keepsCredentialsOfOtherRealmsAndReplacesTheAnsweredOnes() {
        SipRequest retry = answered(register(), challenge(register(), 407,
                "Digest realm=\"example.org\", nonce=\"n1\", qop=\"auth\""));
        SipRequest both = answered(retry, challenge(retry, 407,
                "Digest realm=\"b.example\", nonce=\"b1\", qop=\"auth\""));

        assertThat(both.proxyAuthorization()).extracting(c -> c.realm().orElseThrow())
                .containsExactly("example.org", "b.example");
    }

    @Test
    void authorizeLeavesAckCancelAndUnknownRealmsAlone() {
        SipRequest plain = register();
        assertThat(auth.authorize(plain)).isSameAs(plain);

        answered(register(), challenge(register(), 401, "Digest realm=\"example.org\", nonce=\"n1\", qop=\"auth\""));
        SipRequest ack = request(Method.ACK, 1, "");
        SipRequest cancel = request(Method.CANCEL, 1, "");
        assertThat(auth.authorize(ack)).isSameAs(ack);
        assertThat(auth.authorize(cancel)).isSameAs(cancel);
        assertThat(refusal(auth.authenticate(cancel, challenge(cancel, 401,
                "Digest realm=\"example.org\", nonce=\"n1\"")))).contains("RFC 3261 §22.1");
    }

    @Test
    void refusesAResponseThatIsNoChallenge() {
        assertThatThrownBy(() -> auth.authenticate(register(), SipResponse.responseTo(register(), 403).build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("was 403");
        assertThat(refusal(auth.authenticate(register(), SipResponse.responseTo(register(), 401).build())))
                .contains("no Digest challenge");
    }

    @Test
    void sessVariantKeepsItsCnonceWhenTheNonceIsReused() {
        SipRequest retry = answered(register(), challenge(register(), 401,
                "Digest realm=\"example.org\", nonce=\"n1\", qop=\"auth\", algorithm=MD5-sess"));
        SipRequest pre = auth.authorize(request(Method.OPTIONS, 9, ""));

        Credentials first = retry.authorization().get(0);
        Credentials later = pre.authorization().get(0);
        assertThat(first.algorithm()).contains("MD5-sess");
        assertThat(first.response()).contains(expectedResponse(first, PASSWORD, retry));
        // RFC 7616 §3.4.2: the session HA1 is fixed by the first cnonce of this nonce.
        assertThat(later.cnonce()).isEqualTo(first.cnonce());
        assertThat(later.response()).contains(expectedResponse(later, PASSWORD, pre));
    }

    @Test
    void remembersABoundedNumberOfRealms() {
        DigestAuthenticator any = new DigestAuthenticator(List.of(Account.of("alice", PASSWORD)));
        for (int i = 0; i < DigestAuthenticator.MAX_REALMS + 10; i++) {
            SipRequest r = register();
            assertThat(any.authenticate(r, challenge(r, 401, "Digest realm=\"r" + i + "\", nonce=\"n\"")).request())
                    .isPresent();
        }

        SipRequest pre = any.authorize(register());
        assertThat(pre.authorization()).hasSize(DigestAuthenticator.MAX_REALMS)
                .anySatisfy(c -> assertThat(c.realm()).contains("r" + (DigestAuthenticator.MAX_REALMS + 9)));
    }

    @Test
    void givesEveryConcurrentRequestItsOwnNonceCount() throws Exception {
        answered(register(), challenge(register(), 401, "Digest realm=\"example.org\", nonce=\"n1\", qop=\"auth\""));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<List<String>>> tasks = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                tasks.add(() -> {
                    List<String> counts = new ArrayList<>();
                    for (int i = 0; i < 250; i++) {
                        counts.add(auth.authorize(register()).authorization().get(0).nc().orElseThrow());
                    }
                    return counts;
                });
            }
            Set<String> seen = new HashSet<>();
            for (Future<List<String>> f : pool.invokeAll(tasks, 30, TimeUnit.SECONDS)) {
                seen.addAll(f.get(1, TimeUnit.SECONDS));
            }
            assertThat(seen).hasSize(1000).contains("00000002", "000003e9").doesNotContain("00000001");
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }
}
