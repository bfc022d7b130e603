package org.parley.bench;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.parley.transaction.TransactionLayer;

/**
 * The heap readings of the benchmark servers' {@code heap} command (registrar and proxy): wait until
 * the lingering transactions have ended (RFC 3261 Timer J, RFC 6026 Timers L and M: 32 s), then read
 * the heap in use after full collections. Called from the server's command thread, which may block.
 */
public final class HeapProbe {
    /** Two readings closer than this are taken as the heap after a full collection. */
    private static final long HEAP_STABLE_BYTES = 64 * 1024;

    private HeapProbe() {
    }

    /**
     * Waits until {@code transactions} has no live transaction, at most {@code seconds}; the number
     * left, or -1 when a lane did not answer within 5 s.
     */
    public static int drain(TransactionLayer transactions, int seconds) throws InterruptedException,
            ExecutionException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            int live;
            try {
                live = transactions.liveTransactions().get(5, TimeUnit.SECONDS);
            } catch (TimeoutException stuck) {
                return -1;
            }
            if (live == 0 || System.nanoTime() > deadline) {
                return live;
            }
            // A delayed no-op to wait on, rather than a sleep.
            CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(250, TimeUnit.MILLISECONDS)).get();
        }
    }

    /** The heap in use after {@code System.gc()}, repeated (at most 10 times) until two readings agree. */
    public static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        long last = Long.MAX_VALUE;
        for (int i = 0; i < 10; i++) {
            System.gc();
            long used = rt.totalMemory() - rt.freeMemory();
            if (Math.abs(used - last) < HEAP_STABLE_BYTES) {
                return used;
            }
            last = used;
        }
        return last;
    }
}
