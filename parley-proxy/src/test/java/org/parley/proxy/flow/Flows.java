package org.parley.proxy.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.Assumptions;
import org.parley.testkit.sipp.Sipp;
import org.parley.testkit.sipp.SippProcess;
import org.parley.ua.Call;

/** Bounded waits and the SIPp precondition shared by the whole-flow ITs. */
final class Flows {
    /** How long a SIPp run may take to exit once its part is done. */
    static final Duration EXIT = Duration.ofSeconds(30);
    /** The bound on every other wait. */
    static final long WAIT_SECONDS = 15;
    /** The pause between two checks of {@link #eventually}. */
    private static final long POLL_MILLIS = 50;

    private Flows() {
    }

    /** Skips the test when SIPp is missing, unless {@code CI=true} (STYLE.md §9: then the run fails). */
    static void assumeSipp() {
        Assumptions.assumeTrue(Sipp.isInstalled() || "true".equals(System.getenv("CI")),
                "sipp is not installed (Debian package " + Sipp.PACKAGE + "); skipping");
    }

    /** The value of {@code future}, waiting at most {@link #WAIT_SECONDS}. */
    static <T> T await(CompletableFuture<T> future) throws InterruptedException, ExecutionException,
            TimeoutException {
        return future.get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    /**
     * The value of {@code future} within {@link #WAIT_SECONDS}; when it does not come, fails naming
     * {@code what} with what each SIPp peer exchanged (each is stopped for that), so the failure says why.
     */
    static <T> T awaitOrExplain(CompletableFuture<T> future, String what, SippProcess... peers)
            throws InterruptedException, ExecutionException {
        return awaitOrExplain(future, () -> what, peers);
    }

    /** As {@link #awaitOrExplain(CompletableFuture, String, SippProcess...)}, {@code what} told at the failure. */
    static <T> T awaitOrExplain(CompletableFuture<T> future, Supplier<String> what, SippProcess... peers)
            throws InterruptedException, ExecutionException {
        try {
            return await(future);
        } catch (TimeoutException e) {
            StringBuilder why = new StringBuilder(what.get() + ": nothing within " + WAIT_SECONDS
                    + " s; the SIPp peers:");
            for (SippProcess peer : peers) {
                try {
                    why.append("\n").append(peer.awaitExit(Duration.ofMillis(1)).describe());
                } catch (IllegalStateException stillRunning) {
                    why.append("\n").append(stillRunning.getMessage());
                }
            }
            throw new AssertionError(why.toString(), e);
        }
    }

    /** {@link #awaitOrExplain} for a call's establishment. */
    static void awaitEstablished(Call call, SippProcess... peers) throws InterruptedException, ExecutionException {
        awaitOrExplain(call.established(), "the call " + call.callId() + " established", peers);
    }

    /**
     * Waits until {@code condition} holds, checking every 50 ms for at most {@link #WAIT_SECONDS}, and
     * fails naming {@code what} when it never does. The pause is a delayed future, not a sleep.
     */
    static void eventually(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        boolean holds = condition.getAsBoolean();
        while (!holds && System.nanoTime() < deadline) {
            CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(POLL_MILLIS,
                    TimeUnit.MILLISECONDS)).join();
            holds = condition.getAsBoolean();
        }
        assertThat(holds).as("within %d s: %s", WAIT_SECONDS, what).isTrue();
    }
}
