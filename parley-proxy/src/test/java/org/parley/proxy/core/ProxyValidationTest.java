package org.parley.proxy.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.proxy.core.ProxyHarness.ALICE;
import static org.parley.proxy.core.ProxyHarness.BOB;
import static org.parley.proxy.core.ProxyHarness.request;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.parley.message.HeaderName;
import org.parley.message.SipRequest;
import org.parley.message.SipResponse;
import org.parley.transport.Transport;

/** RFC 3261 §16.3: request validation. */
class ProxyValidationTest {
    private final ProxyHarness h = new ProxyHarness();

    @AfterEach
    void close() {
        h.close();
    }

    private String invite(String ruri, String branch, String extra) {
        return request("INVITE", ruri, ALICE, Transport.UDP, branch, h.newCallId(), 1, "alice", ruri, extra);
    }

    @Test
    void answers483WhenMaxForwardsIsZero() {
        h.register("bob", BOB, Transport.UDP, "", "");
        h.send(ALICE, Transport.UDP, invite("sip:bob@example.test", "z9hG4bK-v1", "")
                .replace("Max-Forwards: 70", "Max-Forwards: 0"));

        assertThat(h.responses(ALICE, 483)).hasSize(1);
        assertThat(h.requests(BOB, "INVITE")).isEmpty();
    }

    @Test
    void answersAnOptionsForItselfWithMaxForwardsZero200WithItsCapabilities() {
        h.send(ALICE, Transport.UDP, request("OPTIONS", "sip:127.0.0.1:5060", ALICE, Transport.UDP, "z9hG4bK-v2",
                h.newCallId(), 1, "alice", "sip:127.0.0.1:5060", "").replace("Max-Forwards: 70", "Max-Forwards: 0"));

        SipResponse ok = h.responses(ALICE, 200).get(0);
        assertThat(ok.header(HeaderName.ALLOW)).hasValueSatisfying(a -> assertThat(a).contains("INVITE"));
        assertThat(ok.hasHeader(HeaderName.ACCEPT)).isTrue();
        assertThat(ok.hasHeader(HeaderName.SUPPORTED)).isTrue();
    }

    @Test
    void answersAnOptionsForAUserWithMaxForwardsZero483() {
        h.send(ALICE, Transport.UDP, request("OPTIONS", "sip:bob@example.test", ALICE, Transport.UDP, "z9hG4bK-v3",
                h.newCallId(), 1, "alice", "sip:bob@example.test", "").replace("Max-Forwards: 70", "Max-Forwards: 0"));

        assertThat(h.responses(ALICE, 483)).hasSize(1);
    }

    @Test
    void answers416ForATelRequestUri() {
        h.send(ALICE, Transport.UDP, invite("tel:+15551234", "z9hG4bK-v4", ""));

        assertThat(h.responses(ALICE, 416)).hasSize(1);
    }

    @Test
    void answers420ListingEveryProxyRequireTag() {
        h.send(ALICE, Transport.UDP, invite("sip:bob@example.test", "z9hG4bK-v5", "Proxy-Require: foo, bar\r\n"));

        SipResponse bad = h.responses(ALICE, 420).get(0);
        assertThat(bad.unsupported()).containsExactly("foo", "bar");
    }

    @Test
    void answers400ForAnUnreadableMaxForwards() {
        h.send(ALICE, Transport.UDP, invite("sip:bob@example.test", "z9hG4bK-v6", "")
                .replace("Max-Forwards: 70", "Max-Forwards: many"));

        assertThat(h.responses(ALICE, 400)).hasSize(1);
    }

    @Test
    void answers482WhenTheRequestComesBackUnchanged() {
        String callId = h.newCallId();
        String text = request("MESSAGE", "sip:far@127.0.0.5", ALICE, Transport.UDP, "z9hG4bK-v7", callId, 1, "alice",
                "sip:far@127.0.0.5", "");
        String hash = LoopHash.of((SipRequest) ProxyHarness.parse(text));
        // The request as it would come back after we forwarded it once: our Via with that hash below the sender's.
        String looped = text.replace("Max-Forwards: 70\r\n", "Via: SIP/2.0/UDP 127.0.0.1:5060;branch="
                + LoopHash.branch(hash, 0) + "\r\nMax-Forwards: 69\r\n");
        h.send(ALICE, Transport.UDP, looped);

        assertThat(h.responses(ALICE, 482)).hasSize(1);
        assertThat(h.proxy.stats().loopsDetected()).isEqualTo(1);
    }

    @Test
    void forwardsASpiralWhoseRequestUriChanged() {
        h.register("bob", BOB, Transport.UDP, "", "");
        String callId = h.newCallId();
        // The request as we first forwarded it, to sip:alias@…; it comes back retargeted to sip:bob@….
        String first = request("INVITE", "sip:alias@example.test", ALICE, Transport.UDP, "z9hG4bK-v8", callId, 1,
                "alice", "sip:alias@example.test", "");
        String hash = LoopHash.of((SipRequest) ProxyHarness.parse(first));
        String spiral = request("INVITE", "sip:bob@example.test", ALICE, Transport.UDP, "z9hG4bK-v8", callId, 1,
                "alice", "sip:alias@example.test", "").replace("Max-Forwards: 70\r\n",
                "Via: SIP/2.0/UDP 127.0.0.1:5060;branch=" + LoopHash.branch(hash, 0) + "\r\nMax-Forwards: 69\r\n");
        h.send(ALICE, Transport.UDP, spiral);

        assertThat(h.responses(ALICE, 482)).isEmpty();
        assertThat(h.requests(BOB, "INVITE")).hasSize(1);
    }

    @Test
    void aBranchOfAnotherElementWithTheSameHashIsNoLoop() {
        String text = request("MESSAGE", "sip:far@127.0.0.5", ALICE, Transport.UDP, "z9hG4bK-v9", h.newCallId(), 1,
                "alice", "sip:far@127.0.0.5", "");
        String hash = LoopHash.of((SipRequest) ProxyHarness.parse(text));
        String viaOther = text.replace("Max-Forwards: 70\r\n", "Via: SIP/2.0/UDP 127.0.0.9:5060;branch="
                + LoopHash.branch(hash, 0) + "\r\nMax-Forwards: 69\r\n");
        h.send(ALICE, Transport.UDP, viaOther);

        assertThat(h.responses(ALICE, 482)).isEmpty();
        assertThat(h.requests(ProxyHarness.FAR, "MESSAGE")).hasSize(1);
    }
}
