package org.parley.proxy.registrar;

import java.net.InetSocketAddress;
import org.parley.message.HeaderName;
import org.parley.message.Method;
import org.parley.message.RequestBuilder;
import org.parley.message.SipRequest;
import org.parley.message.header.Challenge;
import org.parley.message.header.Credentials;
import org.parley.transport.Source;
import org.parley.transport.Transport;
import org.parley.ua.auth.DigestAlgorithm;
import org.parley.ua.auth.DigestComputation;

/** REGISTER requests and digest answers for the tests, written by hand as a client would. */
final class Registers {
    static final Source SOURCE = new Source(Transport.UDP, new InetSocketAddress("127.0.0.9", 5070),
            new InetSocketAddress("127.0.0.1", 5060), 0);

    private Registers() {
    }

    /** A REGISTER for alice@example.com, Call-ID "c1", with these CSeq and Contact values (none for a query). */
    static RequestBuilder register(long cseq, String... contacts) {
        return register("alice", "c1", cseq, contacts);
    }

    static RequestBuilder register(String user, String callId, long cseq, String... contacts) {
        RequestBuilder b = SipRequest.builder(Method.REGISTER, "sip:example.com")
                .add(HeaderName.VIA, "SIP/2.0/UDP 127.0.0.9:5070;branch=z9hG4bK" + callId + cseq)
                .add(HeaderName.MAX_FORWARDS, "70")
                .add(HeaderName.FROM, "<sip:" + user + "@example.com>;tag=f" + callId)
                .add(HeaderName.TO, "<sip:" + user + "@example.com>")
                .add(HeaderName.CALL_ID, callId)
                .add(HeaderName.CSEQ, cseq + " REGISTER");
        for (String c : contacts) {
            b.add(HeaderName.CONTACT, c);
        }
        return b;
    }

    /** {@code request} with an Authorization answering {@code challenge} as {@code user} with {@code password}. */
    static SipRequest answer(SipRequest request, Challenge challenge, String user, String password, long nc) {
        DigestAlgorithm a = DigestAlgorithm.of(challenge.algorithm().orElse("MD5")).orElseThrow();
        String realm = challenge.realm().orElseThrow();
        String nonce = challenge.nonce().orElseThrow();
        String cnonce = "cn" + nc;
        String uri = request.requestUriText();
        String ha1 = DigestComputation.userRealmHash(a, user, realm, password);
        String ha2 = DigestComputation.ha2(a, request.method().name(), uri, "auth", new byte[0]);
        String response = DigestComputation.response(a, ha1, nonce, String.format("%08x", nc), cnonce, "auth", ha2);
        Credentials c = Credentials.builder("Digest").username(user).realm(realm).nonce(nonce).uri(uri)
                .response(response).algorithm(a.token()).cnonce(cnonce).qop("auth").nc(nc).build();
        return request.toBuilder().set(HeaderName.AUTHORIZATION, c.toString()).build();
    }
}
