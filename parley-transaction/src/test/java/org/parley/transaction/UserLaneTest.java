package org.parley.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.message.SipResponse;
import org.parley.transport.Transport;

/**
 * What the layer offers its user for state of its own on a Call-ID's lane: {@code execute},
 * {@link LaneTimer}, and telling its synthetic 408/503 from a peer's.
 */
class UserLaneTest {
    private final TransactionHarness h = new TransactionHarness();

    @Test
    void executeRunsAtOnceOnTheLaneAndQueuesFromElsewhere() throws InterruptedException {
        List<String> ran = new ArrayList<>();
        // The test thread owns the virtual lane: at once, nested too.
        h.layer.execute("call-1", () -> {
            ran.add("outer");
            h.layer.execute("call-1", () -> ran.add("inner, at once"));
            ran.add("after inner");
        });
        assertThat(ran).containsExactly("outer", "inner, at once", "after inner");
        assertThat(h.layer.inLane("call-1")).isTrue();

        Thread off = new Thread(() -> h.layer.execute("call-1", () -> ran.add("queued")));
        off.start();
        off.join(5_000);
        assertThat(ran).hasSize(3);
        h.lane.runPending();

        assertThat(ran).endsWith("queued");
    }

    @Test
    void aLaneTimerFiresOnceAtItsTimeAndARestartMovesIt() {
        List<Long> fired = new ArrayList<>();
        LaneTimer[] timer = new LaneTimer[1];
        h.layer.execute("call-1", () -> {
            timer[0] = h.layer.newTimer("call-1", "refresh", () -> fired.add(h.lane.nowMillis()));
            timer[0].start(500);
            timer[0].start(800);
        });
        h.lane.runPending();
        assertThat(timer[0].isScheduled()).isTrue();

        h.advance(2_000);

        assertThat(fired).containsExactly(800L);
        assertThat(timer[0].isScheduled()).isFalse();
        assertThat(timer[0]).hasToString("Timer refresh");
    }

    @Test
    void aCancelledLaneTimerNeverFires() {
        List<Long> fired = new ArrayList<>();
        h.layer.execute("call-1", () -> {
            LaneTimer t = h.layer.newTimer("call-1", "glare", () -> fired.add(h.lane.nowMillis()));
            t.start(100);
            assertThat(t.cancel()).isTrue();
            assertThat(t.cancel()).isFalse();
        });
        h.advance(500);

        assertThat(fired).isEmpty();
    }

    @Test
    void aLaneTimerRefusesUseOffItsLane() throws InterruptedException {
        LaneTimer t = h.layer.newTimer("call-1", "x", () -> { });
        // The test thread owns the virtual lane; another thread does not.
        List<Throwable> failures = new ArrayList<>();
        Thread off = new Thread(() -> {
            try {
                t.start(10);
            } catch (IllegalStateException e) {
                failures.add(e);
            }
        });
        off.start();
        off.join(5_000);
        assertThat(failures).singleElement().extracting(Throwable::getMessage).asString()
                .contains("confined to its lane");
        assertThatThrownBy(() -> h.layer.execute("call-1", null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void theLayersOwnTimeoutIsSyntheticAndAPeersIsNot() {
        List<SipResponse> got = new ArrayList<>();
        h.layer.send(TransactionHarness.request("OPTIONS", Transport.UDP, TransactionHarness.LAYER,
                TransactionLayer.newBranch()), TransactionHarness.target(Transport.UDP, TransactionHarness.NOBODY),
                (tx, r) -> got.add(r));
        h.advance(40_000);

        assertThat(got).singleElement().satisfies(r -> {
            assertThat(r.statusCode()).isEqualTo(408);
            assertThat(TransactionLayer.isSynthetic(r)).isTrue();
        });
        SipResponse fromPeer = SipResponse.builder(408, "Request Timeout").build();
        assertThat(TransactionLayer.isSynthetic(fromPeer)).isFalse();
        assertThat(TransactionLayer.isSynthetic(SipResponse.builder(500, "Request Timeout (x)").build())).isFalse();
    }
}
