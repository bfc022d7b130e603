package org.parley.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.parley.message.SipParser;
import org.parley.message.SipRequest;
import org.parley.message.SipResponse;

class TransactionKeyTest {
    private static SipRequest request(String method, String branch, String sentBy, long cseq, String cseqMethod) {
        String text = method + " sip:bob@127.0.0.1 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP " + sentBy + (branch == null ? "" : ";branch=" + branch) + "\r\n"
                + "From: <sip:alice@127.0.0.1>;tag=a1\r\n"
                + "To: <sip:bob@127.0.0.1>\r\n"
                + "Call-ID: c1@127.0.0.1\r\n"
                + "CSeq: " + cseq + " " + cseqMethod + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "Content-Length: 0\r\n\r\n";
        return (SipRequest) SipParser.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    private static SipRequest request(String method, String branch, String sentBy) {
        return request(method, branch, sentBy, 1, method);
    }

    private static SipResponse response(String branch, String cseqMethod) {
        String text = "SIP/2.0 200 OK\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=" + branch + "\r\n"
                + "From: <sip:alice@127.0.0.1>;tag=a1\r\n"
                + "To: <sip:bob@127.0.0.1>;tag=b1\r\n"
                + "Call-ID: c1@127.0.0.1\r\n"
                + "CSeq: 1 " + cseqMethod + "\r\n"
                + "Content-Length: 0\r\n\r\n";
        return (SipResponse) SipParser.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anAckMatchesTheInviteServerTransactionOfItsBranch() {
        TransactionKey invite = TransactionKey.ofServer(request("INVITE", "z9hG4bK-1", "127.0.0.1:5070"));
        TransactionKey ack = TransactionKey.ofServer(request("ACK", "z9hG4bK-1", "127.0.0.1:5070", 1, "ACK"));
        assertThat(ack).isEqualTo(invite).hasSameHashCodeAs(invite);
        assertThat(invite.isRfc3261()).isTrue();
        assertThat(invite.method()).isEqualTo("INVITE");
    }

    @Test
    void theSameBranchFromAnotherSentByIsAnotherTransaction() {
        TransactionKey a = TransactionKey.ofServer(request("OPTIONS", "z9hG4bK-1", "127.0.0.1:5070"));
        TransactionKey b = TransactionKey.ofServer(request("OPTIONS", "z9hG4bK-1", "127.0.0.1:5071"));
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void sentByHostsCompareWithoutCase() {
        TransactionKey a = TransactionKey.ofServer(request("OPTIONS", "z9hG4bK-1", "Host.Example.com:5070"));
        TransactionKey b = TransactionKey.ofServer(request("OPTIONS", "z9hG4bK-1", "host.example.COM:5070"));
        assertThat(a).isEqualTo(b);
    }

    @Test
    void aCancelIsItsOwnTransactionButFindsItsInvite() {
        SipRequest invite = request("INVITE", "z9hG4bK-1", "127.0.0.1:5070");
        SipRequest cancel = request("CANCEL", "z9hG4bK-1", "127.0.0.1:5070", 1, "CANCEL");
        assertThat(TransactionKey.ofServer(cancel)).isNotEqualTo(TransactionKey.ofServer(invite));
        assertThat(TransactionKey.ofCancelledInvite(cancel)).isEqualTo(TransactionKey.ofServer(invite));
    }

    @Test
    void aResponseMatchesItsClientTransactionByBranchAndCSeqMethod() {
        SipRequest invite = request("INVITE", "z9hG4bK-7", "127.0.0.1:5070");
        assertThat(TransactionKey.ofResponse(response("z9hG4bK-7", "INVITE")))
                .isEqualTo(TransactionKey.ofClient(invite));
        // RFC 3261 §17.1.3: the 200 to a CANCEL has the INVITE's branch but must not match it.
        assertThat(TransactionKey.ofResponse(response("z9hG4bK-7", "CANCEL")))
                .isNotEqualTo(TransactionKey.ofClient(invite));
        assertThat(TransactionKey.ofResponse(response("z9hG4bK-8", "INVITE")))
                .isNotEqualTo(TransactionKey.ofClient(invite));
    }

    @Test
    void anRfc2543RequestFallsBackToItsDialogFieldsAndTopVia() {
        SipRequest invite = request("INVITE", "old-style", "127.0.0.1:5070");
        SipRequest ack = request("ACK", "old-style", "127.0.0.1:5070", 1, "ACK");
        SipRequest next = request("INVITE", "old-style", "127.0.0.1:5070", 2, "INVITE");
        SipRequest noBranch = request("INVITE", null, "127.0.0.1:5070");
        TransactionKey key = TransactionKey.ofServer(invite);
        assertThat(key.isRfc3261()).isFalse();
        assertThat(TransactionKey.ofServer(ack)).isEqualTo(key);
        assertThat(TransactionKey.ofServer(next)).isNotEqualTo(key);
        assertThat(TransactionKey.ofServer(noBranch)).isNotEqualTo(key);
        assertThat(TransactionKey.ofServer(request("INVITE", null, "127.0.0.1:5070")))
                .isEqualTo(TransactionKey.ofServer(noBranch));
    }
}
