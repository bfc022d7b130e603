package org.parley.transaction;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.parley.message.HeaderName;
import org.parley.message.Method;
import org.parley.message.SipMessage;
import org.parley.message.SipParseException;
import org.parley.message.SipParser;
import org.parley.message.SipRequest;
import org.parley.message.SipResponse;
import org.parley.message.header.Via;
import org.parley.transport.Inbound;
import org.parley.transport.InboundHandler;
import org.parley.transport.Source;
import org.parley.transport.TransportLayer;
import org.parley.transport.resolve.Target;
import org.parley.transport.resolve.TargetSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transaction layer of RFC 3261 §17: matches what the transport delivers to client and server
 * transactions (§17.1.3, §17.2.3), runs their machines and timers, and hands the transaction user
 * only what it must see — new requests, responses, timeouts and transport errors as synthetic
 * 408/503 responses (§8.1.3.1), and strays.
 *
 * <p>Transactions are spread over {@link Lane}s by the hash of their Call-ID, so every transaction
 * of a dialog shares one lane; a lane's tables and timers are touched by its thread only, and no
 * lock is taken on the message path. Thread-safe: {@link #send} may be called from any thread.
 */
public final class TransactionLayer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TransactionLayer.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final TransactionConfig config;
    private final TransactionUser user;
    private final LaneState[] lanes;
    private final TransactionStats stats = new TransactionStats();
    private final TransportLayer transport;

    private TransactionLayer(TransactionConfig config, List<? extends Lane> lanes, TransactionUser user,
            Function<InboundHandler, TransportLayer> transport) {
        this.config = Objects.requireNonNull(config, "config");
        this.user = Objects.requireNonNull(user, "user");
        if (lanes.isEmpty()) {
            throw new IllegalArgumentException("at least one lane is needed");
        }
        this.lanes = lanes.stream().map(l -> new LaneState(this, l)).toArray(LaneState[]::new);
        this.transport = Objects.requireNonNull(transport.apply(this::onInbound), "transport");
    }

    /**
     * Starts a transaction layer over the transport that {@code transport} makes with the handler it
     * is given (e.g. {@code h -> NettyTransportLayer.start(transportConfig, h)}).
     */
    public static TransactionLayer start(TransactionConfig config, List<? extends Lane> lanes, TransactionUser user,
            Function<InboundHandler, TransportLayer> transport) {
        return new TransactionLayer(config, List.copyOf(lanes), user, transport);
    }

    /**
     * A new branch for a request's top Via: the RFC 3261 magic cookie and 64 random bits, unique in
     * space and time as §8.1.1.7 asks.
     */
    public static String newBranch() {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        return Via.MAGIC_COOKIE + HexFormat.of().formatHex(b);
    }

    /**
     * True when {@code response} is one this layer made itself (RFC 3261 §8.1.3.1): the 408 of a
     * timeout or the 503 of a transport error, never sent by a peer. Told by the layer's own reason
     * phrases ("Request Timeout (…)", "Service Unavailable (…)"); a peer that sends those very
     * phrases would be taken for the layer.
     */
    public static boolean isSynthetic(SipResponse response) {
        int status = response.statusCode();
        if (status != 408 && status != 503) {
            return false;
        }
        String reason = response.reasonPhrase();
        return reason.startsWith(status == 408 ? "Request Timeout (" : "Service Unavailable (");
    }

    /** The configuration. */
    public TransactionConfig config() {
        return config;
    }

    /** The counters. */
    public TransactionStats stats() {
        return stats;
    }

    /**
     * The transactions live now (client and server, on every lane): counted on each lane by a task
     * there, so the future completes once every lane has run it. A lane that has stopped never
     * answers; bound the wait.
     */
    public CompletableFuture<Integer> liveTransactions() {
        CompletableFuture<?>[] counts = new CompletableFuture<?>[lanes.length];
        AtomicInteger total = new AtomicInteger();
        for (int i = 0; i < lanes.length; i++) {
            LaneState lane = lanes[i];
            CompletableFuture<Void> done = new CompletableFuture<>();
            counts[i] = done;
            lane.run(() -> {
                total.addAndGet(lane.live());
                done.complete(null);
            });
        }
        return CompletableFuture.allOf(counts).thenApply(v -> total.get());
    }

    /**
     * Runs {@code task} on the lane of {@code callId}: at once when the caller is already there,
     * else queued. The transaction user keeps the state of a Call-ID (its dialogs, calls,
     * registrations) on that lane, where its transactions' responses and requests arrive, so it
     * needs no lock. Callable from any thread; the task must not block.
     */
    public void execute(String callId, Runnable task) {
        Objects.requireNonNull(task, "task");
        laneOf(callId).run(task);
    }

    /** True when the calling thread is the lane of {@code callId}. */
    public boolean inLane(String callId) {
        return laneOf(callId).lane.inLane();
    }

    /**
     * A timer that runs {@code action} on the lane of {@code callId}; start it from that lane.
     *
     * @param name what the timer is for, in logs (e.g. "2xx retransmission")
     */
    public LaneTimer newTimer(String callId, String name, Runnable action) {
        return new LaneTimer(laneOf(callId).lane, name, action);
    }

    /** The transport below. */
    public TransportLayer transport() {
        return transport;
    }

    /**
     * Starts a client transaction for {@code request} to {@code target}: sends it, retransmits and
     * times it out as RFC 3261 §17.1 says, and hands every response to {@code listener} on the
     * transaction's lane. The request's top Via must carry an RFC 3261 branch ({@link #newBranch()}).
     *
     * @throws IllegalArgumentException for an ACK (never a transaction, §17.1.1.3) or a branch
     *     without the magic cookie
     */
    public ClientTransaction send(SipRequest request, Target target, ResponseListener listener) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(listener, "listener");
        checkSendable(request);
        return startClient(request, target, listener, listener::onResponse);
    }

    /**
     * Starts a client transaction for {@code request} along the RFC 3263 targets of {@code targets}
     * (§4.3): the request goes to the set's next target; when that transaction fails without any
     * response from its target — a timeout (408) or a transport error (503) — the failure is noted
     * in the set and the same request, with a new branch and the top Via naming the next target's
     * transport (RFC 3261 §18.1.1), goes to the next target in a new transaction. The listener sees
     * only the final outcome: the responses of the transaction that reached a target, or, when every
     * target failed, one synthetic 408 or 503 (the last failure's) whose reason names each target tried.
     * A transaction that heard a provisional response and then timed out is not retried elsewhere
     * (its target has the request), and a 503 response from a target goes to the listener as it is.
     *
     * <p>The returned transaction, and the one handed to the listener, describe the current attempt.
     * The set is consumed from where it stands and is used from the transaction's lane afterwards.
     *
     * @throws IllegalArgumentException as {@link #send(SipRequest, Target, ResponseListener)}, or
     *     when the set has no target left
     */
    public ClientTransaction send(SipRequest request, TargetSet targets, ResponseListener listener) {
        Objects.requireNonNull(targets, "targets");
        Objects.requireNonNull(listener, "listener");
        checkSendable(request);
        return FailoverClientTransaction.start(this, request, targets, listener);
    }

    private static void checkSendable(SipRequest request) {
        if (request.method().equals(Method.ACK)) {
            throw new IllegalArgumentException("an ACK is sent by the transport, not in a transaction (RFC 3261 "
                    + "§17.1.1.3); use transport().send");
        }
        if (!request.topVia().isRfc3261Branch()) {
            throw new IllegalArgumentException("the top Via needs a branch starting with " + Via.MAGIC_COOKIE
                    + " (RFC 3261 §8.1.1.7), was " + request.topVia());
        }
    }

    /** Makes a client machine for {@code request} to {@code target} and starts it on its lane. */
    ClientMachine startClient(SipRequest request, Target target, ResponseListener listener, ClientFailure failure) {
        ClientMachine tx = newClient(request, target, listener, failure);
        startClient(tx);
        return tx;
    }

    /** Makes a client machine, not started yet; any thread. */
    ClientMachine newClient(SipRequest request, Target target, ResponseListener listener, ClientFailure failure) {
        LaneState lane = laneOf(request.callId());
        return request.method().equals(Method.INVITE)
                ? new InviteClientTransaction(this, lane, request, target, listener, failure)
                : new NonInviteClientTransaction(this, lane, request, target, listener, failure);
    }

    /** Starts {@code tx} on its lane: at once when called there, else by a task queued to it. */
    void startClient(ClientMachine tx) {
        stats.clientTransactions.increment();
        laneOf(tx.request().callId()).run(tx::start);
    }

    private LaneState laneOf(String callId) {
        return lanes[Math.floorMod(callId.hashCode(), lanes.length)];
    }

    /** What the transport delivers, on a transport thread: carried to the Call-ID's lane. */
    private void onInbound(Inbound inbound) {
        SipMessage message = inbound.message();
        String callId;
        try {
            callId = message.callId();
        } catch (SipParseException e) {
            unreadable(inbound, e);
            return;
        }
        LaneState lane = laneOf(callId);
        if (lane.inline && lane.lane.inLane()) {
            // A lane on the transport's own loop (EventLoopLane.on): no hand-off, no task, no wake-up.
            dispatch(lane, inbound);
        } else {
            lane.lane.execute(() -> dispatch(lane, inbound));
        }
    }

    private void dispatch(LaneState lane, Inbound inbound) {
        try {
            if (inbound.message() instanceof SipRequest request) {
                onRequest(lane, request, inbound.source());
            } else {
                onResponse(lane, (SipResponse) inbound.message(), inbound.source());
            }
        } catch (SipParseException e) {
            // The lazy parser found a broken Via, CSeq, From or To only now.
            unreadable(inbound, e);
        }
    }

    private void onRequest(LaneState lane, SipRequest request, Source source) {
        TransactionKey key = TransactionKey.ofServer(request);
        if (!request.cseq().method().equals(request.method())) {
            throw new SipParseException("CSeq method " + request.cseq().method() + " differs from the Request-Line's "
                    + request.method(), 0, 400, "CSeq Method Differs From Request-Line");
        }
        ServerEntry existing = lane.servers.get(key);
        if (existing != null) {
            existing.onRequest(request);
            return;
        }
        if (lane.completed.size() > 0 && lane.completed.retransmit(key)) {
            return;
        }
        if (request.method().equals(Method.ACK)) {
            // No INVITE server transaction: the ACK of a 2xx, which is the core's (RFC 6026 §7.1).
            strayAck(request, source);
            return;
        }
        if (user.relayStatelessly(request, source)) {
            // RFC 3261 §16.11: the user relays it without a transaction.
            stats.statelessRequests.increment();
            return;
        }
        MergeKey origin = null;
        if (config.rejectMergedRequests() && request.toTag().isEmpty()) {
            origin = MergeKey.of(request);
            if (lane.origins.containsKey(origin) || lane.completed.holdsOrigin(origin)) {
                merged(lane, request, source, key);
                return;
            }
        }
        ServerMachine tx = newServer(lane, request, source, key);
        if (origin != null) {
            lane.origins.put(origin, tx);
        }
        if (request.method().equals(Method.CANCEL)) {
            onCancel(lane, tx, request);
        } else {
            user.onRequest(tx, request);
        }
    }

    private ServerMachine newServer(LaneState lane, SipRequest request, Source source, TransactionKey key) {
        stats.serverTransactions.increment();
        if (request.method().equals(Method.INVITE)) {
            InviteServerTransaction invite = new InviteServerTransaction(this, lane, request, source, key);
            invite.start();
            return invite;
        }
        NonInviteServerTransaction other = new NonInviteServerTransaction(this, lane, request, source, key);
        other.start();
        return other;
    }

    /**
     * RFC 3261 §8.2.2.2: a request without a To tag whose From tag, Call-ID and CSeq are those of a
     * live transaction it does not match arrived by another path; it gets its own transaction, which
     * answers 482 (Loop Detected) and absorbs its retransmissions, and never reaches the user.
     */
    private void merged(LaneState lane, SipRequest request, Source source, TransactionKey key) {
        stats.mergedRequests.increment();
        LOG.debug("merged request {} from {}: 482", key, source.remote());
        newServer(lane, request, source, key).respond(SipResponse.responseTo(request, 482, "Loop Detected")
                .set(HeaderName.TO, request.header(HeaderName.TO).orElseThrow() + ";tag=" + newTag()).build());
    }

    /** A To tag for a response the layer makes itself (RFC 3261 §19.3: at least 32 random bits). */
    private static String newTag() {
        byte[] b = new byte[6];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /**
     * RFC 3261 §9.2: a CANCEL is its own transaction; it is handed to the user with the INVITE server
     * transaction it cancels, or answered 481 here when there is none.
     */
    private void onCancel(LaneState lane, ServerMachine cancel, SipRequest request) {
        // Only an INVITE machine can match an INVITE key: compact entries are non-INVITE ones.
        ServerMachine invite = (ServerMachine) lane.servers.get(TransactionKey.ofCancelledInvite(request));
        if (invite == null) {
            cancel.respond(SipResponse.responseTo(request, 481, "Call/Transaction Does Not Exist").build());
            return;
        }
        user.onCancel(cancel, invite);
    }

    /** An ACK that belongs to no transaction the layer keeps: the user's. */
    void strayAck(SipRequest ack, Source source) {
        stats.strays.increment();
        user.onStray(ack, source);
    }

    private void onResponse(LaneState lane, SipResponse response, Source source) {
        ClientMachine tx = lane.clients.get(TransactionKey.ofResponse(response));
        if (tx == null) {
            stats.strays.increment();
            user.onStray(response, source);
            return;
        }
        tx.onResponse(response);
    }

    private void unreadable(Inbound inbound, SipParseException e) {
        stats.unreadable.increment();
        LOG.debug("unreadable message from {}: {}", inbound.source().remote(), e.reason());
        if (inbound.message() instanceof SipRequest request && !request.method().equals(Method.ACK)) {
            try {
                // RFC 3261 §8.2.6.1/§16.3: a request the element cannot read is answered 400 with the reason.
                transport.respond(SipResponse.responseTo(request, e.statusCode(), e.reasonPhrase()).build(),
                        inbound.source());
            } catch (RuntimeException unanswerable) {
                LOG.debug("cannot answer it either: {}", unanswerable.getMessage());
            }
        }
    }

    /** Sends a client transaction's request; a failure comes back to the transaction on its lane. */
    void transmit(ClientMachine tx, SipRequest request, Target target) {
        watch(tx, transport.send(request, target));
    }

    /** Sends a server transaction's response; a failure comes back to the transaction on its lane. */
    void transmitResponse(ServerMachine tx, SipResponse response, Source source) {
        watch(tx, transport.respond(response, source));
    }

    /**
     * Carries a failed send back to {@code tx} on its lane. A send the transport has already
     * completed normally needs no callback: skipping it saves a future and a lambda per message.
     */
    private void watch(TransactionMachine tx, CompletableFuture<Void> sent) {
        if (sent.isDone() && !sent.isCompletedExceptionally()) {
            return;
        }
        sent.whenComplete((ok, failure) -> {
            if (failure != null) {
                stats.transportErrors.increment();
                tx.lane.lane.execute(() -> tx.transportFailed(failure));
            }
        });
    }

    /**
     * Sends a server transaction's last response again (§17.2.1, §17.2.2) from the wire bytes the
     * transaction keeps instead of the parsed response: a live transaction holds a few hundred bytes
     * less (issue #4's memory target), and retransmissions, which are rare, pay for one parse.
     */
    void retransmitResponse(ServerMachine tx, byte[] response, Source source) {
        SipResponse again = reparse(response, tx);
        if (again != null) {
            stats.retransmissions.increment();
            transmitResponse(tx, again, source);
        }
    }

    /**
     * As {@link #retransmitResponse(ServerMachine, byte[], Source)} for a {@link CompletedTable} entry:
     * {@code onFailure} runs on {@code lane} when the transport cannot send.
     */
    void retransmitResponse(LaneState lane, Runnable onFailure, byte[] response, Source source, Object what) {
        SipResponse again = reparse(response, what);
        if (again == null) {
            return;
        }
        stats.retransmissions.increment();
        CompletableFuture<Void> sent = transport.respond(again, source);
        if (sent.isDone() && !sent.isCompletedExceptionally()) {
            return;
        }
        sent.whenComplete((ok, failure) -> {
            if (failure != null) {
                stats.transportErrors.increment();
                LOG.debug("{}: response not sent: {}", what, reason(failure));
                lane.lane.execute(onFailure);
            }
        });
    }

    private static SipResponse reparse(byte[] response, Object what) {
        try {
            return (SipResponse) SipParser.parse(response);
        } catch (SipParseException e) {
            // Bytes this layer serialized itself: a failure here is Parley's own fault.
            LOG.error("{}: the response kept for retransmission does not parse again: {}", what, e.reason());
            return null;
        }
    }

    /** A server transaction sent its final response: tells the observer (RFC 3261 §17.2). */
    void serverAnswered(ServerMachine tx, int status) {
        TransactionObserver observer = config.observer();
        if (observer == TransactionObserver.NONE) {
            return;
        }
        try {
            observer.onServerAnswered(tx, status, tx.lane.lane.nanoTime() - tx.startNanos);
        } catch (RuntimeException e) {
            LOG.error("transaction observer failed on {}", tx, e);
        }
    }

    /** A client transaction has its outcome: tells the observer (RFC 3261 §17.1, §8.1.3.1). */
    void clientCompleted(ClientMachine tx, int status) {
        TransactionObserver observer = config.observer();
        if (observer == TransactionObserver.NONE) {
            return;
        }
        try {
            observer.onClientCompleted(tx, status, tx.lane.lane.nanoTime() - tx.startNanos);
        } catch (RuntimeException e) {
            LOG.error("transaction observer failed on {}", tx, e);
        }
    }

    void failedOver() {
        stats.failovers.increment();
    }

    void retransmitted() {
        stats.retransmissions.increment();
    }

    void timedOut() {
        stats.timeouts.increment();
    }

    void refusedResponse() {
        stats.refusedResponses.increment();
    }

    /** The message of a failure, unwrapped from the future's wrapper. */
    static String reason(Throwable failure) {
        Throwable t = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause()
                : failure;
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    /** Closes the transport. The lanes belong to whoever made them. */
    @Override
    public void close() {
        transport.close();
    }
}
