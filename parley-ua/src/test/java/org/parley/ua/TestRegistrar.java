package org.parley.ua;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.parley.message.HeaderName;
import org.parley.message.SipRequest;
import org.parley.message.SipResponse;
import org.parley.message.header.Challenge;
import org.parley.message.header.Contact;
import org.parley.message.header.Credentials;
import org.parley.message.uri.Uri;
import org.parley.ua.auth.DigestAlgorithm;
import org.parley.ua.auth.DigestComputation;

/**
 * A registrar for tests (RFC 3261 §10.3, only what the client tests need): keeps bindings by
 * Contact URI, grants at most {@link #maxExpires}, answers 423 below {@link #minExpires}, lists
 * every binding with its expires in the 200, and when {@link #challenge} is set demands digest
 * credentials of that algorithm, checking the response with the shared digest computation.
 * Runs on the test thread.
 */
final class TestRegistrar {
    static final String REALM = "example.com";
    static final String USER = "alice";
    static final String PASSWORD = "secret";

    final Map<Uri, Contact> bindings = new LinkedHashMap<>();
    long minExpires = 0;
    long maxExpires = 7200;
    DigestAlgorithm challenge;
    String qop = DigestComputation.QOP_AUTH;
    /** Challenges to send with stale=true even when the credentials are right. */
    int staleChallenges;
    /** A status to answer instead of registering, 0 for none. */
    int refuseWith;
    private int nonces;
    private String nonce;

    SipResponse answer(SipRequest request) {
        if (refuseWith != 0) {
            return SipResponse.responseTo(request, refuseWith).set(HeaderName.TO, tagged(request)).build();
        }
        if (challenge != null) {
            boolean good = authorized(request);
            if (!good || staleChallenges > 0) {
                boolean stale = good;
                if (stale) {
                    staleChallenges--;
                }
                nonce = "n" + (++nonces);
                Challenge.Builder c = Challenge.builder("Digest").realm(REALM).nonce(nonce)
                        .algorithm(challenge.token()).stale(stale);
                if (!qop.isEmpty()) {
                    c.qop(qop);
                }
                return SipResponse.responseTo(request, 401).set(HeaderName.TO, tagged(request))
                        .add(HeaderName.WWW_AUTHENTICATE, c.build().toString()).build();
            }
        }
        long asked = request.expires().orElse(3600);
        for (Contact c : request.contacts()) {
            long e = c.expires().orElse(asked);
            if (e != 0 && e < minExpires) {
                // RFC 3261 §10.3 step 7.
                return SipResponse.responseTo(request, 423).set(HeaderName.TO, tagged(request))
                        .add(HeaderName.MIN_EXPIRES, Long.toString(minExpires)).build();
            }
        }
        for (Contact c : request.contacts()) {
            long e = Math.min(c.expires().orElse(asked), maxExpires);
            Uri uri = c.address().orElseThrow().uri();
            if (e == 0) {
                bindings.remove(uri);
            } else {
                bindings.put(uri, Contact.of(c.address().orElseThrow().withoutParameter("expires")).withExpires(e));
            }
        }
        var ok = SipResponse.responseTo(request, 200).set(HeaderName.TO, tagged(request));
        for (Contact c : bindings.values()) {
            ok.add(HeaderName.CONTACT, c.toString());
        }
        return ok.build();
    }

    private boolean authorized(SipRequest request) {
        if (nonce == null || request.authorization().isEmpty()) {
            return false;
        }
        Credentials c = request.authorization().get(0);
        if (!nonce.equals(c.nonce().orElse("")) || !USER.equals(c.username().orElse(""))) {
            return false;
        }
        DigestAlgorithm a = DigestAlgorithm.of(c.param("algorithm").orElse("MD5")).orElseThrow();
        String ha1 = DigestComputation.ha1(a, DigestComputation.userRealmHash(a, USER, REALM, PASSWORD), nonce,
                c.param("cnonce").orElse(null));
        String q = c.param("qop").orElse("");
        String ha2 = DigestComputation.ha2(a, request.method().name(), c.uri().orElseThrow(), q,
                "".getBytes(StandardCharsets.UTF_8));
        String expected = DigestComputation.response(a, ha1, nonce, c.param("nc").orElse(null),
                c.param("cnonce").orElse(null), q, ha2);
        return a == challenge && DigestComputation.matches(expected, c.response().orElse(""));
    }

    private static String tagged(SipRequest request) {
        return request.to().withTag("reg1").toString();
    }
}
