package org.parley.server;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.parley.message.HeaderName;
import org.parley.message.SipRequest;
import org.parley.message.SipResponse;
import org.parley.transaction.ServerTransaction;
import org.parley.transaction.TransactionLayer;
import org.parley.transaction.TransactionState;
import org.parley.transaction.TransactionUser;
import org.parley.transport.Source;

/**
 * The transaction user in front of the server's SIP core: passes everything to the core until
 * {@link #close()}, then answers new requests itself with 503 and Retry-After (RFC 3261 §21.5.4,
 * §20.33), so clients go to another server or come back later (RFC 3263 §4.3), while the transactions
 * already handed to the core run to their final response. Requests inside a dialog (a To tag,
 * RFC 3261 §12.2) still reach the core, so calls in progress can end with their BYE; CANCELs and ACKs
 * always do.
 *
 * <p>It remembers the server transactions given to the core until they have a final response, so a
 * graceful shutdown can wait for them ({@link #pending}). Thread-safe: {@code onRequest} runs on the
 * lanes; {@link #prune} reads each transaction's state on its own lane.
 */
final class ShutdownGate implements TransactionUser {
    /** Retry-After of the 503 while closing: a restart takes some seconds, a failover none. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(30);

    private final TransactionUser core;
    private final Set<ServerTransaction> open = ConcurrentHashMap.newKeySet();
    private final AtomicLong refused = new AtomicLong();
    private volatile boolean closing;
    private volatile TransactionLayer layer;

    ShutdownGate(TransactionUser core) {
        this.core = Objects.requireNonNull(core, "core");
    }

    /** The layer the transactions live in, known once it started. */
    void attach(TransactionLayer transactions) {
        this.layer = transactions;
    }

    @Override
    public void onRequest(ServerTransaction transaction, SipRequest request) {
        if (closing && request.toTag().isEmpty()) {
            refused.incrementAndGet();
            transaction.respond(SipResponse.responseTo(request, 503, "Service Unavailable - shutting down")
                    .add(HeaderName.RETRY_AFTER, Long.toString(RETRY_AFTER.toSeconds())).build());
            return;
        }
        open.add(transaction);
        core.onRequest(transaction, request);
    }

    @Override
    public void onCancel(ServerTransaction cancel, ServerTransaction invite) {
        core.onCancel(cancel, invite);
    }

    @Override
    public void onStray(SipRequest ack, Source source) {
        core.onStray(ack, source);
    }

    @Override
    public void onStray(SipResponse response, Source source) {
        core.onStray(response, source);
    }

    /** From now on, new requests outside dialogs are answered 503. */
    void close() {
        closing = true;
    }

    /** Whether {@link #close()} was called. */
    boolean isClosing() {
        return closing;
    }

    /** Requests answered 503 because the server was closing. */
    long refused() {
        return refused.get();
    }

    /** Transactions handed to the core that had no final response at the last {@link #prune}. */
    int pending() {
        return open.size();
    }

    /**
     * Forgets the transactions that have their final response; each is checked on its own lane, so
     * the count drops as the lanes run the checks.
     */
    void prune() {
        TransactionLayer transactions = layer;
        if (transactions == null) {
            return;
        }
        for (ServerTransaction tx : open) {
            transactions.execute(tx.request().callId(), () -> {
                TransactionState s = tx.state();
                if (s != TransactionState.TRYING && s != TransactionState.PROCEEDING) {
                    open.remove(tx);
                }
            });
        }
    }

    /** Answers 503 with Retry-After to every transaction still waiting for its final response. */
    void refuseOpen() {
        TransactionLayer transactions = layer;
        if (transactions == null) {
            return;
        }
        for (ServerTransaction tx : open) {
            transactions.execute(tx.request().callId(), () -> {
                TransactionState s = tx.state();
                if (s == TransactionState.TRYING || s == TransactionState.PROCEEDING) {
                    tx.respond(SipResponse.responseTo(tx.request(), 503, "Service Unavailable - shutting down")
                            .add(HeaderName.RETRY_AFTER, Long.toString(RETRY_AFTER.toSeconds())).build());
                }
                open.remove(tx);
            });
        }
    }
}
