package org.parley.ua;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.parley.message.HeaderName;
import org.parley.message.SipRequest;
import org.parley.message.SipResponse;
import org.parley.testkit.MemoryEndpoint;
import org.parley.transport.Inbound;

/**
 * A call whose INVITE is challenged (RFC 3261 §22.3): the INVITE is sent again with credentials, and
 * the ACK for its 2xx repeats them (§13.2.2.4: the ACK carries the INVITE's Authorization and
 * Proxy-Authorization), so that the element that challenged the INVITE passes the ACK as well. The
 * peer at {@link #PEER} is driven by hand: it challenges, then answers.
 */
class AuthenticatedCallTest {
    static final InetSocketAddress CAROL = new InetSocketAddress("127.0.0.3", 5060);
    static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.9", 5060);
    private static final String SDP = "v=0\r\no=- 1 1 IN IP4 127.0.0.9\r\ns=-\r\nc=IN IP4 127.0.0.9\r\nt=0 0\r\n"
            + "m=audio 30000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";

    private final CallNetwork net = new CallNetwork();
    private final List<Inbound> atPeer = new ArrayList<>();
    private final MemoryEndpoint peer = net.network.endpoint(PEER, atPeer::add);
    private final UserAgent carol = UserAgent.builder().identity("sip:carol@127.0.0.3")
            .account("carol", "s3cret")
            .transport(h -> net.network.endpoint(CAROL, h))
            .lanes(List.of(net.lane))
            .locator(CallNetwork::locate)
            .callbackExecutor(Runnable::run)
            .start();

    @AfterEach
    void close() {
        carol.close();
        peer.close();
        net.close();
    }

    private void respond(Inbound in, SipResponse response) {
        peer.respond(response, in.source());
    }

    /** The callee's 200 with its SDP answer. */
    private static SipResponse answer(SipRequest invite) {
        return SipResponse.responseTo(invite, 200).set(HeaderName.TO, invite.to().withTag("callee").toString())
                .add(HeaderName.CONTACT, "<sip:bob@127.0.0.9:5060>").body("application/sdp", SDP).build();
    }

    private List<Inbound> requests(String method) {
        return atPeer.stream().filter(in -> in.message() instanceof SipRequest r
                && r.method().name().equals(method)).toList();
    }

    @Test
    void theAckForThe2xxCarriesTheProxyAuthorizationOfTheInviteThatGotIt() {
        Call call = carol.call("sip:bob@127.0.0.9");
        net.settle();
        Inbound first = requests("INVITE").get(0);
        SipRequest unauthenticated = (SipRequest) first.message();
        respond(first, SipResponse.responseTo(unauthenticated, 407)
                .set(HeaderName.TO, unauthenticated.to().withTag("proxy-tag").toString())
                .add(HeaderName.PROXY_AUTHENTICATE, "Digest realm=\"proxy.example\", nonce=\"n-1\", qop=\"auth\"")
                .build());
        net.settle();

        List<Inbound> invites = requests("INVITE");
        assertThat(invites).hasSize(2);
        SipRequest retried = (SipRequest) invites.get(1).message();
        List<String> credentials = retried.headerValues(HeaderName.PROXY_AUTHORIZATION);
        assertThat(credentials).singleElement().asString().startsWith("Digest ").contains("username=\"carol\"");
        SipResponse ok = answer(retried);
        respond(invites.get(1), ok);
        net.settle();
        // A retransmitted 2xx gets the same ACK again (RFC 3261 §13.2.2.4).
        respond(invites.get(1), ok);
        net.settle();

        assertThat(call.state()).isEqualTo(CallState.ESTABLISHED);
        List<SipRequest> acksFor2xx = requests("ACK").stream().map(in -> (SipRequest) in.message())
                .filter(a -> a.toTag().equals(Optional.of("callee"))).toList();
        assertThat(acksFor2xx).hasSize(2).allSatisfy(ack -> {
            assertThat(ack.cseq().number()).isEqualTo(retried.cseq().number());
            assertThat(ack.headerValues(HeaderName.PROXY_AUTHORIZATION)).isEqualTo(credentials);
            assertThat(ack.headerValues(HeaderName.AUTHORIZATION)).isEmpty();
        });
    }

    @Test
    void anAckForAnUnchallengedInviteCarriesNoCredentials() {
        Call call = carol.call("sip:bob@127.0.0.9");
        net.settle();
        Inbound in = requests("INVITE").get(0);
        SipRequest invite = (SipRequest) in.message();
        assertThat(invite.hasHeader(HeaderName.PROXY_AUTHORIZATION)).isFalse();
        respond(in, answer(invite));
        net.settle();

        assertThat(call.state()).isEqualTo(CallState.ESTABLISHED);
        assertThat(requests("ACK")).singleElement().satisfies(ack -> {
            SipRequest r = (SipRequest) ack.message();
            assertThat(r.hasHeader(HeaderName.PROXY_AUTHORIZATION)).isFalse();
            assertThat(r.hasHeader(HeaderName.AUTHORIZATION)).isFalse();
        });
    }

    @Test
    void aChallengedRequestInTheDialogMovesTheDialogsCSeqOn() {
        Call call = carol.call("sip:bob@127.0.0.9");
        net.settle();
        Inbound invite = requests("INVITE").get(0);
        SipRequest request = (SipRequest) invite.message();
        respond(invite, answer(request));
        net.settle();
        assertThat(call.state()).isEqualTo(CallState.ESTABLISHED);

        call.info("application/dtmf-relay", "Signal=5\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        net.settle();
        Inbound firstInfo = requests("INFO").get(0);
        SipRequest info = (SipRequest) firstInfo.message();
        respond(firstInfo, SipResponse.responseTo(info, 407)
                .add(HeaderName.PROXY_AUTHENTICATE, "Digest realm=\"proxy.example\", nonce=\"n-2\", qop=\"auth\"")
                .build());
        net.settle();
        SipRequest retried = (SipRequest) requests("INFO").get(1).message();
        respond(requests("INFO").get(1), SipResponse.responseTo(retried, 200).build());
        net.settle();
        call.hangup();
        net.settle();

        // RFC 3261 §22.2: the retry takes the next number; §12.2.1.1: the BYE after it the one after that.
        long infoNumber = info.cseq().number();
        assertThat(retried.cseq().number()).isEqualTo(infoNumber + 1);
        SipRequest bye = (SipRequest) requests("BYE").get(0).message();
        assertThat(bye.cseq().number()).isEqualTo(infoNumber + 2);
    }
}
