package org.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.message.HeaderName;
import org.parley.message.SipParser;
import org.parley.message.SipRequest;
import org.parley.message.SipResponse;
import org.parley.transaction.ServerTransaction;
import org.parley.transaction.TransactionKey;
import org.parley.transaction.TransactionState;
import org.parley.transport.Source;
import org.parley.transport.Transport;

/**
 * {@link ShutdownGate}: everything reaches the core until the server closes; then new requests get
 * 503 with Retry-After (RFC 3261 §21.5.4) while requests inside a dialog still reach the core.
 */
class ShutdownGateTest {
    private final List<SipRequest> toCore = new ArrayList<>();
    private final ShutdownGate gate = new ShutdownGate((tx, request) -> toCore.add(request));

    @Test
    void passesRequestsToTheCoreAndCountsThemOpen() {
        Recorded tx = new Recorded(request("INVITE", ""));
        gate.onRequest(tx, tx.request());
        assertThat(toCore).containsExactly(tx.request());
        assertThat(tx.responses).isEmpty();
        assertThat(gate.pending()).isEqualTo(1);
        assertThat(gate.isClosing()).isFalse();
    }

    @Test
    void whileClosingANewRequestGets503WithRetryAfterAndNeverReachesTheCore() {
        gate.close();
        Recorded tx = new Recorded(request("REGISTER", ""));
        gate.onRequest(tx, tx.request());
        assertThat(toCore).isEmpty();
        assertThat(tx.responses).singleElement().satisfies(r -> {
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.header(HeaderName.RETRY_AFTER)).contains("30");
        });
        assertThat(gate.refused()).isEqualTo(1);
        assertThat(gate.pending()).isZero();
    }

    @Test
    void whileClosingARequestInsideADialogStillReachesTheCore() {
        gate.close();
        Recorded bye = new Recorded(request("BYE", ";tag=callee"));
        gate.onRequest(bye, bye.request());
        assertThat(toCore).containsExactly(bye.request());
        assertThat(bye.responses).isEmpty();
    }

    private static SipRequest request(String method, String toTag) {
        String text = method + " sip:alice@example.test SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-gate-1\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:bob@example.test>;tag=caller\r\n"
                + "To: <sip:alice@example.test>" + toTag + "\r\n"
                + "Call-ID: gate-test@127.0.0.1\r\n"
                + "CSeq: 1 " + method + "\r\n"
                + "Content-Length: 0\r\n\r\n";
        return (SipRequest) SipParser.parse(text.getBytes(StandardCharsets.US_ASCII));
    }

    /** A server transaction that keeps the responses it is given. */
    private static final class Recorded implements ServerTransaction {
        private final SipRequest request;
        final List<SipResponse> responses = new ArrayList<>();

        Recorded(SipRequest request) {
            this.request = request;
        }

        @Override
        public SipRequest request() {
            return request;
        }

        @Override
        public Source source() {
            return new Source(Transport.UDP, new InetSocketAddress("127.0.0.1", 5070),
                    new InetSocketAddress("127.0.0.1", 5060), 0);
        }

        @Override
        public TransactionKey key() {
            throw new UnsupportedOperationException("the gate does not match transactions");
        }

        @Override
        public TransactionState state() {
            return responses.isEmpty() ? TransactionState.TRYING : TransactionState.COMPLETED;
        }

        @Override
        public void respond(SipResponse response) {
            responses.add(response);
        }
    }
}
