package org.parley.transaction;

import org.parley.message.SipRequest;
import org.parley.message.SipResponse;

/** The ACK an INVITE client transaction sends for a non-2xx final response (RFC 3261 §17.1.1.3). */
final class Acks {
    private Acks() {
    }

    /**
     * §17.1.1.3: the ACK has the INVITE's Request-URI, Call-ID, From, CSeq number and single top Via
     * (so it matches the server transaction), the To of the response (with its tag), and the
     * INVITE's Route headers. Written by {@link SipRequest#ackFor}, which copies those lines byte for
     * byte instead of decoding and re-encoding them (issue #4's per-transaction cost).
     */
    static SipRequest forNon2xx(SipRequest invite, SipResponse response) {
        return SipRequest.ackFor(invite, response);
    }
}
