package org.parley.ua;

import java.util.ArrayDeque;
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

    /**
     * Callbacks that run one at a time, in the order given, still on the callback executor: one
     * per call, registration or subscription, so that its listeners and futures see its events in
     * the order they happened (a 180 before the 200, the 200 before the end) while different calls
     * still run in parallel.
     */
    Callbacks serial() {
        return new Callbacks(new SerialExecutor(executor));
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

    /** Runs its tasks one after another on {@code delegate}, each batch as one delegate task. */
    private static final class SerialExecutor implements Executor {
        private final Executor delegate;
        private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
        private boolean running;

        SerialExecutor(Executor delegate) {
            this.delegate = delegate;
        }

        @Override
        public void execute(Runnable task) {
            synchronized (this) {
                tasks.add(task);
                if (running) {
                    return;
                }
                running = true;
            }
            try {
                delegate.execute(this::drain);
            } catch (RejectedExecutionException e) {
                // The executor is gone (the user agent closed): run here, in order still.
                drain();
            }
        }

        private void drain() {
            while (true) {
                Runnable next;
                synchronized (this) {
                    next = tasks.poll();
                    if (next == null) {
                        running = false;
                        return;
                    }
                }
                next.run();
            }
        }
    }
}
