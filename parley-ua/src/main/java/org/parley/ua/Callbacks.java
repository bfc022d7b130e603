package org.parley.ua;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where user code runs: the callback executor (virtual threads by default), never a transaction
 * lane or a network event loop, so a listener that blocks holds up no SIP traffic. Once the
 * executor has shut down (the user agent closed), tasks run on the caller, so no future is left
 * pending forever.
 */
final class Callbacks {
    private static final Logger LOG = LoggerFactory.getLogger(Callbacks.class);

    private final Executor executor;

    Callbacks(Executor executor) {
        this.executor = executor;
    }

    /** Runs {@code task} on the callback executor; an exception it throws is logged, not lost. */
    void deliver(Runnable task) {
        Runnable guarded = () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.warn("a user callback failed", e);
            }
        };
        try {
            executor.execute(guarded);
        } catch (RejectedExecutionException e) {
            guarded.run();
        }
    }
}
