package org.parley.proxy.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.proxy.core.ProxyHarness.ALICE;
import static org.parley.proxy.core.ProxyHarness.BOB;
import static org.parley.proxy.core.ProxyHarness.FAR;
import static org.parley.proxy.core.ProxyHarness.request;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.parley.message.HeaderName;
import org.parley.message.SipRequest;
import org.parley.message.SipResponse;
import org.parley.message.header.Challenge;
import org.parley.proxy.auth.DigestConfig;
import org.parley.proxy.auth.DigestServer;
import org.parley.proxy.auth.MemorySubscriberStore;
import org.parley.proxy.auth.Subscriber;
import org.parley.transport.Transport;
import org.parley.ua.auth.DigestAlgorithm;
import org.parley.ua.auth.DigestComputation;

/**
 * RFC 3261 §22.3 at the proxy: INVITE, MESSAGE and SUBSCRIBE from our users are challenged 407; the
 * credentials of our realm are consumed, others go on; requests from elsewhere to our users pass;
 * with the subscribers known, an unknown user is 404 and a known one without a binding 480 (§16.5).
 */
class ProxyAuthenticationTest {
    private final MemorySubscriberStore subscribers = new MemorySubscriberStore();
    private final ProxyHarness h;

    ProxyAuthenticationTest() {
        for (String user : List.of("alice", "bob", "carol")) {
            subscribers.put(Subscriber.withPassword(user, "example.test", "secret-" + user,
                    List.of(DigestAlgorithm.MD5, DigestAlgorithm.SHA_256))).join();
        }
        h = new ProxyHarness(c -> c, b -> b.subscribers(subscribers).authentication(new DigestServer(
                DigestConfig.defaults().withAlgorithms(List.of(DigestAlgorithm.MD5)), subscribers,
                java.time.InstantSource.system())));
    }

    @AfterEach
    void close() {
        h.close();
    }

    private static String invite(String callId, int cseq, String branch, String extra) {
        return request("INVITE", "sip:bob@example.test", ALICE, Transport.UDP, branch, callId, cseq, "alice",
                "sip:bob@example.test", extra);
    }

    /** Proxy-Authorization answering {@code challenge} for alice (MD5, qop=auth). */
    private static String credentials(Challenge challenge, String uri) {
        String realm = challenge.realm().orElseThrow();
        String nonce = challenge.nonce().orElseThrow();
        String ha1 = DigestComputation.userRealmHash(DigestAlgorithm.MD5, "alice", realm, "secret-alice");
        String ha2 = DigestComputation.ha2(DigestAlgorithm.MD5, "INVITE", uri, "auth", new byte[0]);
        String response = DigestComputation.response(DigestAlgorithm.MD5, ha1, nonce, "00000001", "c0ffee", "auth",
                ha2);
        return "Proxy-Authorization: Digest username=\"alice\", realm=\"" + realm + "\", nonce=\"" + nonce
                + "\", uri=\"" + uri + "\", response=\"" + response + "\", algorithm=MD5, qop=auth, nc=00000001, "
                + "cnonce=\"c0ffee\"" + challenge.opaque().map(o -> ", opaque=\"" + o + "\"").orElse("") + "\r\n";
    }

    @Test
    void challengesAnInviteFromOurUserThenForwardsItWithoutOurCredentials() {
        h.register("bob", BOB, Transport.UDP, "", "");
        String callId = h.newCallId();
        h.send(ALICE, Transport.UDP, invite(callId, 1, "z9hG4bK-au1", ""));

        SipResponse challenge = h.responses(ALICE, 407).get(0);
        assertThat(h.requests(BOB, "INVITE")).isEmpty();
        Challenge c = challenge.proxyAuthenticate().get(0);
        assertThat(c.realm()).hasValue("example.test");

        String theirs = "Proxy-Authorization: Digest username=\"a\", realm=\"other.test\", nonce=\"n\", "
                + "uri=\"sip:bob@example.test\", response=\"00\"\r\n";
        h.send(ALICE, Transport.UDP, invite(callId, 2, "z9hG4bK-au2",
                credentials(c, "sip:bob@example.test") + theirs));

        SipRequest forwarded = h.requests(BOB, "INVITE").get(0);
        assertThat(forwarded.proxyAuthorization()).singleElement()
                .satisfies(cr -> assertThat(cr.realm()).hasValue("other.test"));
    }

    @Test
    void wrongCredentialsAreChallengedAgain() {
        h.register("bob", BOB, Transport.UDP, "", "");
        String callId = h.newCallId();
        h.send(ALICE, Transport.UDP, invite(callId, 1, "z9hG4bK-au3", ""));
        Challenge c = h.responses(ALICE, 407).get(0).proxyAuthenticate().get(0);
        h.send(ALICE, Transport.UDP, invite(callId, 2, "z9hG4bK-au4", credentials(c, "sip:bob@example.test")
                .replace("response=\"", "response=\"0")));

        assertThat(h.responses(ALICE, 407)).hasSize(2);
        assertThat(h.requests(BOB, "INVITE")).isEmpty();
    }

    @Test
    void acceptsARequestFromAnotherDomainToOurUserWithoutCredentials() {
        h.register("bob", BOB, Transport.UDP, "", "");
        h.send(FAR, Transport.UDP, request("INVITE", "sip:bob@example.test", FAR, Transport.UDP, "z9hG4bK-au5",
                h.newCallId(), 1, "far", "sip:bob@example.test", "").replace("<sip:far@example.test>",
                "<sip:far@other.test>"));

        assertThat(h.responses(FAR, 407)).isEmpty();
        assertThat(h.requests(BOB, "INVITE")).hasSize(1);
    }

    @Test
    void doesNotChallengeRequestsInADialog() {
        h.send(ALICE, Transport.UDP, request("BYE", "sip:far@127.0.0.5", ALICE, Transport.UDP, "z9hG4bK-au6",
                h.newCallId(), 2, "alice", "sip:far@127.0.0.5", "").replace("To: <sip:far@127.0.0.5>",
                "To: <sip:far@127.0.0.5>;tag=f"));

        assertThat(h.requests(FAR, "BYE")).hasSize(1);
    }

    private String messageFromFar(String to, String branch) {
        return request("MESSAGE", to, FAR, Transport.UDP, branch, h.newCallId(), 1, "far", to, "")
                .replace("@example.test>;tag", "@other.test>;tag");
    }

    @Test
    void answers480ForAKnownUserWithoutBindingAnd404ForAnUnknownOne() {
        h.send(FAR, Transport.UDP, messageFromFar("sip:carol@example.test", "z9hG4bK-au7"));
        h.send(FAR, Transport.UDP, messageFromFar("sip:dave@example.test", "z9hG4bK-au8"));

        assertThat(h.responses(FAR, 0)).extracting(SipResponse::statusCode).containsExactly(480, 404);
        assertThat(h.responses(FAR, 480).get(0).header(HeaderName.TO).orElseThrow()).contains(";tag=");
    }
}
