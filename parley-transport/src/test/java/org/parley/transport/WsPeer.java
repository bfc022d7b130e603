package org.parley.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A WebSocket test client on the JDK's {@code java.net.http.WebSocket}: collects whole messages
 * (text or binary, as text), pongs and the close status the server sent. Closing it aborts the
 * WebSocket and closes its HttpClient.
 */
final class WsPeer implements WebSocket.Listener, AutoCloseable {
    static final int WAIT_MS = 5_000;

    private final HttpClient http = HttpClient.newHttpClient();
    private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> pongs = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closeStatus = new CompletableFuture<>();
    private final StringBuilder text = new StringBuilder();
    private final StringBuilder binary = new StringBuilder();
    private WebSocket socket;

    /** Opens a WebSocket to {@code uri}, offering the given subprotocols (none when empty). */
    CompletableFuture<WebSocket> open(URI uri, String... subprotocols) {
        WebSocket.Builder builder = http.newWebSocketBuilder();
        if (subprotocols.length > 0) {
            builder.subprotocols(subprotocols[0], Arrays.copyOfRange(subprotocols, 1, subprotocols.length));
        }
        return builder.buildAsync(uri, this).thenApply(ws -> {
            socket = ws;
            return ws;
        });
    }

    /** Opens with subprotocol {@code sip} and waits for the handshake. */
    WebSocket connect(URI uri) throws Exception {
        return open(uri, "sip").get(WAIT_MS, TimeUnit.MILLISECONDS);
    }

    WebSocket socket() {
        return socket;
    }

    /** Sends one whole text message and waits until it is written. */
    void sendText(String message) throws Exception {
        socket.sendText(message, true).get(WAIT_MS, TimeUnit.MILLISECONDS);
    }

    /** The next whole message received, failing the test after {@link #WAIT_MS}. */
    String nextMessage() throws InterruptedException {
        String m = messages.poll(WAIT_MS, TimeUnit.MILLISECONDS);
        assertThat(m).as("a WebSocket message within %d ms", WAIT_MS).isNotNull();
        return m;
    }

    String nextPong() throws InterruptedException {
        String p = pongs.poll(WAIT_MS, TimeUnit.MILLISECONDS);
        assertThat(p).as("a pong within %d ms", WAIT_MS).isNotNull();
        return p;
    }

    CompletableFuture<Integer> closeStatus() {
        return closeStatus;
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        text.append(data);
        if (last) {
            messages.add(text.toString());
            text.setLength(0);
        }
        ws.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
        binary.append(StandardCharsets.UTF_8.decode(data));
        if (last) {
            messages.add(binary.toString());
            binary.setLength(0);
        }
        ws.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onPong(WebSocket ws, ByteBuffer message) {
        pongs.add(StandardCharsets.UTF_8.decode(message).toString());
        ws.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
        closeStatus.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
        closeStatus.completeExceptionally(error);
    }

    @Override
    public void close() {
        if (socket != null) {
            socket.abort();
        }
        http.close();
    }
}
