package org.parley.server.log;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.parley.message.SipParser;
import org.parley.message.SipRequest;
import org.parley.message.SipResponse;
import org.parley.transaction.ServerTransaction;
import org.parley.transaction.TransactionKey;
import org.parley.transaction.TransactionState;
import org.parley.transport.Source;
import org.parley.transport.Transport;

/** A server transaction that only describes itself: what the access log reads. */
record FakeServerTransaction(SipRequest request, Source source) implements ServerTransaction {
    static FakeServerTransaction of(String method, String callId, Transport transport, InetSocketAddress from) {
        SipRequest r = (SipRequest) SipParser.parse((method + " sip:example.test SIP/2.0\r\n"
                + "Via: SIP/2.0/" + transport + " 192.0.2.4:5060;branch=z9hG4bK-f\r\nMax-Forwards: 70\r\n"
                + "From: <sip:alice@example.test>;tag=a1\r\nTo: <sip:alice@example.test>\r\n"
                + "Call-ID: " + callId + "\r\nCSeq: 1 " + method + "\r\nContent-Length: 0\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        return new FakeServerTransaction(r, new Source(transport, from, new InetSocketAddress("127.0.0.1", 5060), 0));
    }

    @Override
    public TransactionKey key() {
        return TransactionKey.ofServer(request);
    }

    @Override
    public TransactionState state() {
        return TransactionState.COMPLETED;
    }

    @Override
    public void respond(SipResponse response) {
        throw new UnsupportedOperationException("a fake transaction sends nothing");
    }
}
