package org.parley.testkit.baresip;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * A connection to baresip's {@code ctrl_tcp} module: JSON messages framed as netstrings
 * ({@code LENGTH:JSON,}). Commands go out as {@code {"command":…,"params":…,"token":…}}; the
 * reader thread matches responses ({@code "response": true}) to their token and keeps events
 * ({@code "event": true}) for waits. A frame over {@link #MAX_FRAME} bytes, a bad frame or bad JSON
 * ends the connection with a recorded reason rather than unbounded memory.
 *
 * <p>Thread model: thread-safe, guarded by one lock; one daemon reader thread.
 */
final class CtrlTcp implements AutoCloseable {
    /** 1 MiB: the largest frame read; baresip's events are a few hundred bytes. */
    static final int MAX_FRAME = 1024 * 1024;

    /** The most events kept; older ones are dropped. */
    static final int MAX_EVENTS = 10_000;

    private final Socket socket;
    private final OutputStream out;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final List<BaresipEvent> events = new ArrayList<>();
    private final Map<String, CompletableFuture<Response>> pending = new HashMap<>();
    private long nextToken = 1;
    private long droppedEvents;
    private Optional<String> ended = Optional.empty();

    /** A command's answer: whether it succeeded and the text it printed. */
    record Response(boolean ok, String data) {
    }

    private CtrlTcp(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        InputStream in = new BufferedInputStream(socket.getInputStream());
        Thread.ofPlatform().daemon().name("baresip-ctrl-" + socket.getPort()).start(() -> read(in));
    }

    /** Connects to {@code address}; throws the connect error as it is. */
    static CtrlTcp connect(InetSocketAddress address, Duration timeout) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(address, (int) Math.max(1, timeout.toMillis()));
            return new CtrlTcp(socket);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** Sends {@code command} with {@code params} (may be empty); the future completes with the response. */
    CompletableFuture<Response> send(String command, String params) {
        CompletableFuture<Response> answer = new CompletableFuture<>();
        lock.lock();
        try {
            if (ended.isPresent()) {
                answer.completeExceptionally(new IllegalStateException("baresip's ctrl_tcp connection ended: "
                        + ended.get()));
                return answer;
            }
            String token = Long.toString(nextToken++);
            pending.put(token, answer);
            String json = "{\"command\":" + Json.quote(command) + ",\"params\":" + Json.quote(params)
                    + ",\"token\":" + Json.quote(token) + "}";
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            out.write((body.length + ":").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.write(',');
            out.flush();
        } catch (IOException e) {
            end("cannot send to ctrl_tcp: " + e.getMessage());
        } finally {
            lock.unlock();
        }
        return answer;
    }

    /** The events kept so far, oldest first, numbered from {@link #firstEventNumber()}. */
    List<BaresipEvent> events() {
        lock.lock();
        try {
            return List.copyOf(events);
        } finally {
            lock.unlock();
        }
    }

    /** The number of the oldest event kept (events before it were dropped). */
    long firstEventNumber() {
        lock.lock();
        try {
            return droppedEvents;
        } finally {
            lock.unlock();
        }
    }

    /** How many events have arrived so far. */
    long eventCount() {
        lock.lock();
        try {
            return droppedEvents + events.size();
        } finally {
            lock.unlock();
        }
    }

    /** Why the connection ended, when it has. */
    Optional<String> endReason() {
        lock.lock();
        try {
            return ended;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The first event numbered {@code from} or later that {@code matches}, waiting up to {@code limit};
     * empty when none came in time or the connection ended without one.
     */
    Optional<BaresipEvent> await(long from, Predicate<BaresipEvent> matches, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        lock.lock();
        try {
            while (true) {
                for (int i = (int) Math.max(0, from - droppedEvents); i < events.size(); i++) {
                    if (matches.test(events.get(i))) {
                        return Optional.of(events.get(i));
                    }
                }
                long left = deadline - System.nanoTime();
                if (ended.isPresent() || left <= 0) {
                    return Optional.empty();
                }
                changed.await(left, TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } finally {
            lock.unlock();
        }
    }

    private void read(InputStream in) {
        try {
            while (true) {
                Optional<byte[]> frame = frame(in);
                if (frame.isEmpty()) {
                    end("baresip closed the connection");
                    return;
                }
                dispatch(new String(frame.get(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            end("reading ctrl_tcp failed: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            end(e.getMessage());
            closeSocket();
        }
    }

    /** One netstring's payload; empty at a clean end of stream between frames. */
    static Optional<byte[]> frame(InputStream in) throws IOException {
        int length = 0;
        int digits = 0;
        int c;
        while ((c = in.read()) != ':') {
            if (c < 0 && digits == 0) {
                return Optional.empty();
            }
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException("bad netstring from ctrl_tcp: expected a digit or ':', found "
                        + (c < 0 ? "the end" : "byte " + c));
            }
            length = length * 10 + (c - '0');
            if (++digits > 8 || length > MAX_FRAME) {
                throw new IllegalArgumentException("netstring from ctrl_tcp longer than " + MAX_FRAME + " bytes");
            }
        }
        if (digits == 0) {
            throw new IllegalArgumentException("bad netstring from ctrl_tcp: no length before ':'");
        }
        byte[] body = in.readNBytes(length);
        int comma = in.read();
        if (body.length != length || comma != ',') {
            throw new IllegalArgumentException("bad netstring from ctrl_tcp: " + length + " bytes announced, "
                    + body.length + " read, then " + (comma < 0 ? "the end" : "byte " + comma) + " instead of ','");
        }
        return Optional.of(body);
    }

    @SuppressWarnings("unchecked")
    private void dispatch(String json) {
        if (!(Json.parse(json) instanceof Map<?, ?> parsed)) {
            throw new IllegalArgumentException("ctrl_tcp sent JSON that is not an object: " + json);
        }
        Map<String, Object> message = (Map<String, Object>) parsed;
        lock.lock();
        try {
            if (Boolean.TRUE.equals(message.get("response"))) {
                Object token = message.get("token");
                CompletableFuture<Response> answer = pending.remove(token instanceof String s ? s : "");
                if (answer != null) {
                    Object data = message.get("data");
                    answer.complete(new Response(Boolean.TRUE.equals(message.get("ok")),
                            data instanceof String s ? s : ""));
                }
            } else if (Boolean.TRUE.equals(message.get("event"))) {
                events.add(BaresipEvent.of(message));
                if (events.size() > MAX_EVENTS) {
                    events.removeFirst();
                    droppedEvents++;
                }
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void end(String reason) {
        lock.lock();
        try {
            if (ended.isEmpty()) {
                ended = Optional.of(reason);
            }
            IllegalStateException failure = new IllegalStateException("baresip's ctrl_tcp connection ended: "
                    + reason);
            pending.values().forEach(f -> f.completeExceptionally(failure));
            pending.clear();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void closeSocket() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the ctrl_tcp socket", e);
        }
    }

    @Override
    public void close() {
        end("closed by the test");
        closeSocket();
    }
}
