package org.parley.transaction;

import org.parley.message.SipRequest;
import org.parley.message.SipResponse;
import org.parley.transport.Source;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The non-INVITE server transaction of RFC 3261 §17.2.2 (Figure 8): the request goes to the
 * transaction user once; its retransmissions are absorbed in Trying and answered with the last
 * response sent in Proceeding and Completed; after the final response Timer J (64·T1 over an
 * unreliable transport, 0 over a reliable one) keeps answering retransmissions, then the
 * transaction terminates.
 *
 * <pre>
 *   request ─► TRYING ──TU 1xx──► PROCEEDING ──TU 200-699──► COMPLETED ──Timer J──► TERMINATED
 *                 └──────────TU 200-699────────────────────────▲     (transport error: TERMINATED)
 * </pre>
 *
 * <p>Confined to its lane; {@link #respond} may be called from any thread.
 */
final class NonInviteServerTransaction implements ServerMachine {
    private static final Logger LOG = LoggerFactory.getLogger(NonInviteServerTransaction.class);

    private final TransactionLayer layer;
    private final LaneState lane;
    private final SipRequest request;
    private final Source source;
    private final TransactionKey key;
    private final Alarm timerJ = new Alarm("J", this::terminate);
    private TransactionState state = TransactionState.TRYING;
    /** The last response sent, as its wire bytes (smaller than the parsed response): what a retransmission gets. */
    private byte[] lastResponse;

    NonInviteServerTransaction(TransactionLayer layer, LaneState lane, SipRequest request, Source source,
            TransactionKey key) {
        this.layer = layer;
        this.lane = lane;
        this.request = request;
        this.source = source;
        this.key = key;
    }

    void start() {
        lane.servers.put(key, this);
    }

    /** §17.2.2: a retransmission of the request. */
    @Override
    public void onRequest(SipRequest retransmission) {
        if (lastResponse != null && state != TransactionState.TERMINATED) {
            // Proceeding and Completed: "the most recently sent provisional/final response ... MUST
            // be passed to the transport layer for retransmission"; Trying: discarded.
            layer.retransmitResponse(this, lastResponse, source);
        }
    }

    @Override
    public void respond(SipResponse response) {
        if (lane.lane.inLane()) {
            respondInLane(response);
        } else {
            lane.lane.execute(() -> respondInLane(response));
        }
    }

    private void respondInLane(SipResponse response) {
        if (state == TransactionState.COMPLETED || state == TransactionState.TERMINATED) {
            layer.refusedResponse();
            LOG.error("{}: response {} refused, the final response was already sent", this, response.statusCode());
            return;
        }
        boolean reliable = source.transport().isReliable();
        if (response.statusCode() < 200) {
            lastResponse = response.toBytes();
            state = TransactionState.PROCEEDING;
            send(response);
            return;
        }
        state = TransactionState.COMPLETED;
        send(response);
        // §17.2.2: Timer J is 64·T1 for unreliable transports and zero for reliable ones (where the
        // transaction ends now, so the final response need not be kept).
        if (reliable) {
            terminate();
        } else {
            lastResponse = response.toBytes();
            lane.schedule(timerJ, layer.config().timeoutMillis());
        }
    }

    private void send(SipResponse response) {
        layer.transmitResponse(this, response, source);
    }

    /** §17.2.4: the transport could not send a response; the transaction ends. */
    @Override
    public void transportFailed(Throwable cause) {
        LOG.debug("{}: response not sent: {}", this, TransactionLayer.reason(cause));
        terminate();
    }

    @Override
    public boolean isAnswered() {
        return state == TransactionState.COMPLETED || state == TransactionState.TERMINATED;
    }

    private void terminate() {
        state = TransactionState.TERMINATED;
        lane.timers().cancel(timerJ);
        lane.removeServer(key, this);
    }

    @Override
    public SipRequest request() {
        return request;
    }

    @Override
    public Source source() {
        return source;
    }

    @Override
    public TransactionKey key() {
        return key;
    }

    @Override
    public TransactionState state() {
        return state;
    }

    @Override
    public String toString() {
        return "server " + key + " " + state;
    }
}
