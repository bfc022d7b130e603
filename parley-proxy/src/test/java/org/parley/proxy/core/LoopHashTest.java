package org.parley.proxy.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.parley.message.SipRequest;
import org.parley.message.header.Via;
import org.parley.transport.Transport;

/** RFC 3261 §16.6 step 8 branches and the hash §16.3 step 4 compares. */
class LoopHashTest {
    private static SipRequest message(String ruri, String callId, int cseq, String extra) {
        return (SipRequest) ProxyHarness.parse(ProxyHarness.request("MESSAGE", ruri, ProxyHarness.ALICE,
                Transport.UDP, "z9hG4bK-x", callId, cseq, "alice", "sip:bob@example.test", extra));
    }

    @Test
    void theHashCoversTheLoopRelevantFieldsOnly() {
        String base = LoopHash.of(message("sip:bob@example.test", "c1", 1, ""));
        assertThat(base).hasSize(16).matches("[0-9a-f]{16}");
        assertThat(LoopHash.of(message("sip:bob@example.test", "c1", 1, ""))).isEqualTo(base);
        assertThat(LoopHash.of(message("sip:carol@example.test", "c1", 1, ""))).isNotEqualTo(base);
        assertThat(LoopHash.of(message("sip:bob@example.test", "c2", 1, ""))).isNotEqualTo(base);
        assertThat(LoopHash.of(message("sip:bob@example.test", "c1", 2, ""))).isNotEqualTo(base);
        assertThat(LoopHash.of(message("sip:bob@example.test", "c1", 1, "Proxy-Require: x\r\n")))
                .isNotEqualTo(base);
        assertThat(LoopHash.of(message("sip:bob@example.test", "c1", 1, "Route: <sip:127.0.0.9;lr>\r\n")))
                .as("Route is left out").isEqualTo(base);
    }

    @Test
    void branchesCarryTheHashAndDifferPerFork() {
        String hash = "0123456789abcdef";
        String a = LoopHash.branch(hash, 0);
        String b = LoopHash.branch(hash, 1);
        assertThat(a).startsWith(Via.MAGIC_COOKIE).isNotEqualTo(b);
        assertThat(LoopHash.hashOf(a)).hasValue(hash);
        assertThat(LoopHash.hashOf(b)).hasValue(hash);
        assertThat(LoopHash.hashOf("z9hG4bK-other")).isEmpty();
        assertThat(LoopHash.hashOf("z9hG4bKpp0123")).isEmpty();
    }

    @Test
    void aStatelessBranchIsTheSameForTheSameIncomingBranch() {
        Via in = Via.parse("SIP/2.0/UDP 127.0.0.2:5070;branch=z9hG4bK-abc");
        Via other = Via.parse("SIP/2.0/UDP 127.0.0.2:5070;branch=z9hG4bK-abd");
        String hash = "0123456789abcdef";
        assertThat(LoopHash.statelessBranch(hash, in)).isEqualTo(LoopHash.statelessBranch(hash, in))
                .isNotEqualTo(LoopHash.statelessBranch(hash, other));
        assertThat(LoopHash.hashOf(LoopHash.statelessBranch(hash, in))).hasValue(hash);
    }
}
