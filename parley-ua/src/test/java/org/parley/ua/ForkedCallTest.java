package org.parley.ua;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.parley.message.HeaderName;
import org.parley.message.SipRequest;
import org.parley.message.SipResponse;
import org.parley.testkit.MemoryEndpoint;
import org.parley.transport.Inbound;

/**
 * A forked INVITE (RFC 3261 §12.1.2, §13.2.2.4): a tiny in-test fork at {@link #FORK} answers
 * Alice's INVITE as two UAS would behind a forking proxy, each with its own To tag: two early
 * dialogs, then a 2xx from each. The call follows the first; the second is ACKed and ended with BYE.
 */
class ForkedCallTest {
    static final InetSocketAddress FORK = new InetSocketAddress("127.0.0.9", 5060);

    private final CallNetwork net = new CallNetwork();
    private final List<Inbound> atFork = new ArrayList<>();
    private final MemoryEndpoint fork = net.network.endpoint(FORK, atFork::add);

    @AfterEach
    void close() {
        fork.close();
        net.close();
    }

    private void answer(Inbound in, int status, String tag, String body) {
        SipRequest invite = (SipRequest) in.message();
        var b = SipResponse.responseTo(invite, status).set(HeaderName.TO, invite.to().withTag(tag).toString())
                .add(HeaderName.CONTACT, "<sip:" + tag + "@127.0.0.9:5060>");
        if (body != null) {
            b.body("application/sdp", body);
        }
        fork.respond(b.build(), in.source());
    }

    private static String sdp(int port) {
        return "v=0\r\no=- 1 1 IN IP4 127.0.0.9\r\ns=-\r\nc=IN IP4 127.0.0.9\r\nt=0 0\r\nm=audio " + port
                + " RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";
    }

    @Test
    void twoEarlyDialogsThenTheFirst2xxWinsAndTheSecondIsAckedAndEndedWithBye() {
        List<ProvisionalResponse> provisional = new ArrayList<>();
        Call call = net.alice.call("sip:bob@127.0.0.9", CallOptions.defaults().onProvisional(provisional::add));
        net.settle();
        Inbound invite = atFork.get(0);
        answer(invite, 180, "forkone", null);
        answer(invite, 183, "forktwo", sdp(30002));
        net.settle();
        assertThat(call.earlyDialogs()).extracting(d -> d.remoteTag()).containsExactly("forkone", "forktwo");
        assertThat(provisional).hasSize(2);
        assertThat(provisional.get(1).earlyMedia()).isPresent();

        answer(invite, 200, "forkone", sdp(30000));
        answer(invite, 200, "forktwo", sdp(30002));
        answer(invite, 200, "forkone", sdp(30000));
        net.settle();
        assertThat(call.state()).isEqualTo(CallState.ESTABLISHED);
        assertThat(call.remoteSdp().orElseThrow().media().get(0).port()).isEqualTo(30000);
        List<SipRequest> acks = requests("ACK");
        // One ACK per 2xx, the retransmitted one with the same bytes (RFC 3261 §13.2.2.4).
        assertThat(acks).extracting(a -> a.requestUriText()).containsExactly("sip:forkone@127.0.0.9:5060",
                "sip:forktwo@127.0.0.9:5060", "sip:forkone@127.0.0.9:5060");
        assertThat(acks.get(2).toBytes()).isEqualTo(acks.get(0).toBytes());
        List<SipRequest> byes = requests("BYE");
        assertThat(byes).singleElement().satisfies(b -> assertThat(b.toTag()).contains("forktwo"));
        assertThat(call.ended()).isNotDone();
    }

    private List<SipRequest> requests(String method) {
        List<SipRequest> out = new ArrayList<>();
        for (Inbound in : atFork) {
            if (in.message() instanceof SipRequest r && r.method().name().equals(method)) {
                out.add(r);
            }
        }
        return out;
    }
}
