package org.parley.transport.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.transport.Transport;

class TargetSetTest {
    private static final Target A = new Target(Transport.TCP,
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 5060), "a.example.com");
    private static final Target B = new Target(Transport.UDP,
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 5070), "b.example.com");

    @Test
    void handsOutTargetsInOrderThenNothing() {
        TargetSet set = TargetSet.of(List.of(A, B));
        assertThat(set.hasNext()).isTrue();
        assertThat(set.next()).contains(A);
        assertThat(set.next()).contains(B);
        assertThat(set.hasNext()).isFalse();
        assertThat(set.next()).isEmpty();
    }

    @Test
    void refusesAnEmptyList() {
        assertThatThrownBy(() -> TargetSet.of(List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one target");
    }

    @Test
    void namesEveryFailedTargetAndItsReasonWhenExhausted() {
        TargetSet set = TargetSet.of(List.of(A, B));
        set.failed(set.next().orElseThrow(), "connection refused");
        set.failed(set.next().orElseThrow(), "timed out");
        TargetsExhaustedException e = set.exhausted();
        assertThat(e.failures()).extracting(TargetSet.Failure::target).containsExactly(A, B);
        assertThat(e).hasMessageContaining("all 2 targets failed")
                .hasMessageContaining("TCP").hasMessageContaining("a.example.com): connection refused")
                .hasMessageContaining("b.example.com): timed out");
    }
}
