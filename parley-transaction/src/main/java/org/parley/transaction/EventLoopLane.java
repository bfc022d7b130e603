package org.parley.transaction;

import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.parley.transaction.timer.TimerWheel;

/**
 * A lane on its own thread (a Netty {@link DefaultEventLoop}), whose timer wheel is advanced
 * every {@value #TICK_MILLIS} ms by the system's monotonic clock. The only place in the transaction
 * layer that reads a clock (STYLE.md §6).
 *
 * <p>Thread-safe: {@link #execute} may be called from any thread; everything else happens on the
 * lane's thread.
 */
public final class EventLoopLane implements Lane, AutoCloseable {
    /** Timer resolution: RFC 3261's shortest timer is T1 = 500 ms, so 2 ms is far finer than needed. */
    static final long TICK_MILLIS = 2;

    private final EventLoop loop;
    /** False for a lane on someone else's loop ({@link #on}), which {@link #close} leaves running. */
    private final boolean ownsLoop;
    private final TimerWheel timers;
    private final long origin = System.nanoTime();
    private final ScheduledFuture<?> ticker;

    /** Starts the lane's thread, named {@code name}. */
    public EventLoopLane(String name) {
        this(new DefaultEventLoop(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        }), true);
    }

    private EventLoopLane(EventLoop loop, boolean ownsLoop) {
        this.loop = loop;
        this.ownsLoop = ownsLoop;
        this.timers = new TimerWheel(0);
        this.ticker = loop.scheduleAtFixedRate(() -> timers.advanceTo(nowMillis()), TICK_MILLIS, TICK_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    /**
     * A lane on an existing event loop, typically one of the transport's I/O loops
     * ({@code org.parley.transport.IoLoops#loops()}): a request that arrives on that loop and whose
     * Call-ID belongs to this lane is matched, handled and answered on the thread that read it, with
     * no hand-off to another thread and no wake-up (the transaction layer runs it at once when
     * {@link #inLane()}). Everything on the lane then shares the loop with the sockets, so it must
     * never block — the rule for every lane. {@link #close()} stops only the lane's timer tick.
     */
    public static EventLoopLane on(EventLoop loop) {
        return new EventLoopLane(Objects.requireNonNull(loop, "loop"), false);
    }

    /** False for a lane made {@link #on} another loop. */
    boolean ownsLoop() {
        return ownsLoop;
    }

    private long nowMillis() {
        return (System.nanoTime() - origin) / 1_000_000;
    }

    @Override
    public void execute(Runnable task) {
        loop.execute(task);
    }

    /** The system's monotonic clock, finer than the wheel's 2 ms tick. */
    @Override
    public long nanoTime() {
        return System.nanoTime() - origin;
    }

    @Override
    public TimerWheel timers() {
        return timers;
    }

    @Override
    public boolean inLane() {
        return loop.inEventLoop();
    }

    /**
     * Stops the lane's thread, or only its timer tick for a lane {@link #on} another loop; pending
     * timers never fire. Waits up to 5 s.
     */
    @Override
    public void close() {
        ticker.cancel(false);
        if (!ownsLoop) {
            return;
        }
        loop.shutdownGracefully(0, 5, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
