package org.parley.server.log;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.io.IOException;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.parley.transaction.ClientTransaction;
import org.parley.transaction.ServerTransaction;
import org.parley.transaction.TransactionObserver;
import org.parley.transport.Source;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The access log (issue #8): one line per server transaction, when its final response is sent (RFC 3261
 * §17.2), appended to a file by a thread of its own. A {@link TransactionObserver}: the transaction's lane
 * only puts a small record on a bounded queue; when the queue is full the line is dropped and counted
 * ({@link #dropped()}, {@code parley_access_log_dropped_total}), so a slow disk never slows SIP.
 *
 * <p>A line, fields separated by one space:
 * <pre>
 *   2026-11-22T03:16:02.123Z a84b4c76e66710@pc33 REGISTER udp:192.0.2.4:5060 200 1.234
 *   time (UTC)               Call-ID             method   source            status duration (ms)
 * </pre>
 * A Call-ID has no spaces (RFC 3261 §25.1 {@code word}), so the line splits on spaces. The source is written
 * like a {@code --listen} value, an IPv6 address in brackets.
 *
 * <p>Plain NIO rather than a Logback appender: the line is the product's own format, not a log event's;
 * drops must be counted for the metrics (Logback's {@code AsyncAppender} discards without a count); and the
 * file is the server's to name in its configuration, not a logging configuration's. The file is opened
 * for appending, so an external {@code logrotate} with {@code copytruncate} works.
 *
 * <p>Thread-safe: {@link #onServerAnswered} runs on the transaction lanes; the writer thread alone touches
 * the file.
 */
public final class AccessLog implements TransactionObserver, MeterBinder, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AccessLog.class);
    /** Lines written in one go before the writer flushes even with more waiting. */
    private static final int BATCH = 1024;
    private static final long CLOSE_WAIT_SECONDS = 5;
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    /** What the lane hands over: raw fields, formatted on the writer thread. */
    record Entry(Instant time, String callId, String method, Source source, int status, long nanos) {
    }

    private final Path file;
    private final InstantSource clock;
    private final BlockingQueue<Entry> queue;
    private final Writer out;
    private final Thread writer;
    private final LongAdder dropped = new LongAdder();
    private final LongAdder written = new LongAdder();
    private volatile boolean closed;

    private AccessLog(AccessLogConfig config, InstantSource clock, Writer out) {
        this.file = config.file();
        this.clock = clock;
        this.queue = new ArrayBlockingQueue<>(config.queueCapacity());
        this.out = out;
        this.writer = new Thread(this::drain, "parley-access-log");
        writer.setDaemon(true);
    }

    /**
     * Opens (creates or appends to) the file and starts the writer thread.
     *
     * @param clock the wall clock the lines' times come from
     * @throws IOException when the file or its directory cannot be created or opened, naming it
     */
    public static AccessLog open(AccessLogConfig config, InstantSource clock) throws IOException {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(clock, "clock");
        Writer out;
        try {
            Path parent = config.file().toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            out = Files.newBufferedWriter(config.file(), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new IOException("cannot open the access log " + config.file() + ": " + e, e);
        }
        AccessLog log = create(config, clock, out);
        log.start();
        return log;
    }

    /** The log on an open writer, its thread not started yet (tests fill the queue first). */
    static AccessLog create(AccessLogConfig config, InstantSource clock, Writer out) {
        return new AccessLog(config, clock, out);
    }

    /** Starts the writer thread. */
    void start() {
        writer.start();
    }

    /** Queues the transaction's line; drops and counts it when the queue is full or the log closed. */
    @Override
    public void onServerAnswered(ServerTransaction transaction, int status, long durationNanos) {
        if (closed) {
            dropped.increment();
            return;
        }
        Entry e = new Entry(clock.instant(), transaction.request().callId(), transaction.request().method().name(),
                transaction.source(), status, durationNanos);
        if (!queue.offer(e)) {
            dropped.increment();
        }
    }

    /** Client transactions are not logged: the access log is about the requests this server answered. */
    @Override
    public void onClientCompleted(ClientTransaction transaction, int status, long durationNanos) {
        // Not an access: nothing to log.
    }

    /** Lines dropped because the queue was full (or the log closed). */
    public long dropped() {
        return dropped.sum();
    }

    /** Lines written to the file so far (perhaps still in its buffer until the queue runs empty). */
    public long written() {
        return written.sum();
    }

    /** The file. */
    public Path file() {
        return file;
    }

    /** Adds {@code parley_access_log_dropped_total} and {@code parley_access_log_lines_total}. */
    @Override
    public void bindTo(MeterRegistry registry) {
        FunctionCounter.builder("parley.access.log.dropped", this, AccessLog::dropped)
                .description("Access log lines dropped because the writer fell behind").register(registry);
        FunctionCounter.builder("parley.access.log.lines", this, AccessLog::written)
                .description("Access log lines written").register(registry);
    }

    private void drain() {
        List<Entry> batch = new ArrayList<>(BATCH);
        StringBuilder line = new StringBuilder(160);
        boolean failed = false;
        while (!closed || !queue.isEmpty()) {
            try {
                Entry first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                for (Entry e : batch) {
                    line.setLength(0);
                    out.write(format(e, line).append('\n').toString());
                }
                written.add(batch.size());
                batch.clear();
                if (queue.isEmpty()) {
                    out.flush();
                }
                failed = false;
            } catch (InterruptedException e) {
                // Nobody interrupts this thread (an interrupt would close the file's channel); end quietly.
                Thread.currentThread().interrupt();
                return;
            } catch (IOException e) {
                dropped.add(batch.size());
                batch.clear();
                if (!failed) {
                    LOG.warn("access log {}: cannot write, dropping lines until it works again: {}", file,
                            e.toString());
                    failed = true;
                }
            }
        }
    }

    /** One line, without its newline. */
    static StringBuilder format(Entry e, StringBuilder into) {
        TIME.formatTo(e.time(), into);
        into.append(' ').append(e.callId()).append(' ').append(e.method()).append(' ');
        Source s = e.source();
        InetSocketAddress remote = s.remote();
        String host = remote.getAddress() == null ? remote.getHostString() : remote.getAddress().getHostAddress();
        into.append(s.transport().name().toLowerCase(Locale.ROOT)).append(':');
        if (host.indexOf(':') >= 0) {
            into.append('[').append(host).append(']');
        } else {
            into.append(host);
        }
        into.append(':').append(remote.getPort()).append(' ').append(e.status()).append(' ');
        long micros = e.nanos() / 1_000;
        into.append(micros / 1_000).append('.');
        long frac = micros % 1_000;
        if (frac < 100) {
            into.append('0');
        }
        if (frac < 10) {
            into.append('0');
        }
        return into.append(frac);
    }

    /**
     * Stops taking lines, writes those queued, flushes and closes the file; waits up to 5 s for the writer.
     * Lines offered after this are dropped and counted.
     */
    @Override
    public void close() {
        closed = true;
        // Not interrupted: an interrupt during a write would close the file's channel. It polls every 100 ms.
        try {
            writer.join(TimeUnit.SECONDS.toMillis(CLOSE_WAIT_SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Lines a lane queued while the writer was leaving: never written, so counted.
        dropped.add(queue.size());
        queue.clear();
        try {
            out.close();
        } catch (IOException e) {
            LOG.warn("access log {}: close failed: {}", file, e.toString());
        }
    }
}
