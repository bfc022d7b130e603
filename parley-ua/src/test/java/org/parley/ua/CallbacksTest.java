package org.parley.ua;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Callbacks on the user's executor: a serial view runs its tasks in order and one at a time even on
 * an executor of many threads; a task that throws does not stop the ones after it; once the
 * executor is shut down, tasks still run (on the caller), in order.
 */
class CallbacksTest {
    @Test
    void aSerialViewKeepsOrderAndNeverOverlapsOnManyThreads() throws InterruptedException {
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Callbacks serial = new Callbacks(threads).serial();
            List<Integer> seen = new CopyOnWriteArrayList<>();
            AtomicInteger inside = new AtomicInteger();
            AtomicInteger overlaps = new AtomicInteger();
            CountDownLatch done = new CountDownLatch(1);
            for (int i = 0; i < 2_000; i++) {
                int n = i;
                serial.deliver(() -> {
                    try {
                        if (inside.incrementAndGet() > 1) {
                            overlaps.incrementAndGet();
                        }
                        if (n % 500 == 7) {
                            throw new IllegalStateException("a listener that fails");
                        }
                        seen.add(n);
                    } finally {
                        inside.decrementAndGet();
                    }
                });
            }
            serial.deliver(done::countDown);

            assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(seen).containsExactlyElementsOf(IntStream.range(0, 2_000).filter(n -> n % 500 != 7).boxed()
                    .toList());
            assertThat(overlaps.get()).isZero();
        }
    }

    @Test
    void afterShutdownTasksRunOnTheCallerInOrder() {
        ExecutorService threads = Executors.newSingleThreadExecutor();
        threads.shutdown();
        Callbacks serial = new Callbacks(threads).serial();
        List<String> seen = new CopyOnWriteArrayList<>();

        serial.deliver(() -> seen.add("first"));
        serial.deliver(() -> seen.add("second"));

        assertThat(seen).containsExactly("first", "second");
    }
}
