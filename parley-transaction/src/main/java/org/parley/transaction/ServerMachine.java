package org.parley.transaction;

import org.parley.message.SipRequest;
import org.parley.message.SipResponse;
import org.parley.transport.Source;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the layer asks of a server transaction's machine (RFC 3261 §17.2), and what both server
 * machines hold: where the request came from, and the last response sent as its wire bytes (what
 * a retransmitted request or Timer G sends again; bytes rather than the parsed response keep a
 * live transaction small, issue #4). Confined to its lane; {@link #respond} may be called from any
 * thread and is carried to the lane.
 */
abstract class ServerMachine extends TransactionMachine implements ServerTransaction, ServerEntry {
    private static final Logger LOG = LoggerFactory.getLogger(ServerMachine.class);

    final Source source;
    /** The last response sent, as its wire bytes; null before the first. */
    byte[] lastResponse;

    ServerMachine(TransactionLayer layer, LaneState lane, SipRequest request, Source source, TransactionKey key,
            TransactionState first) {
        super(layer, lane, request, key, source.transport().isReliable(), first);
        this.source = source;
    }

    /** A request matched the transaction (RFC 3261 §17.2.3): a retransmission, or an ACK for an INVITE. */
    @Override
    public abstract void onRequest(SipRequest matched);

    /** True once a final response was sent. */
    abstract boolean isAnswered();

    @Override
    public final void respond(SipResponse response) {
        // Not LaneState.run: on the lane (the usual case) no task object is made for the response.
        if (lane.lane.inLane()) {
            respondInLane(response);
        } else {
            lane.lane.execute(() -> respondInLane(response));
        }
    }

    /** The user's response, on the lane, in the machine's current state. */
    abstract void respondInLane(SipResponse response);

    /** Sends {@code response}. */
    final void send(SipResponse response) {
        layer.transmitResponse(this, response, source);
    }

    /** Sends {@code response} and keeps its bytes for retransmissions. */
    final void sendAndKeep(SipResponse response) {
        lastResponse = response.toBytes();
        send(response);
    }

    /** Tells the layer's observer that the final response {@code status} was sent. */
    final void answered(int status) {
        layer.serverAnswered(this, status);
    }

    /** Sends the last response again (§17.2.1, §17.2.2). */
    final void resendLast() {
        layer.retransmitResponse(this, lastResponse, source);
    }

    /** §17.2.2: the final response is the last one; a later one is counted, logged and not sent. */
    final void refuse(SipResponse response) {
        layer.refusedResponse();
        LOG.error("{}: response {} refused, the final response was already sent", this, response.statusCode());
    }

    /** §17.2.4: the transport could not send a response; the transaction ends. */
    @Override
    final void transportFailed(Throwable cause) {
        LOG.debug("{}: response not sent: {}", this, TransactionLayer.reason(cause));
        terminate();
    }

    @Override
    final void leaveTable() {
        lane.removeServer(key, this);
    }

    @Override
    public final Source source() {
        return source;
    }

    @Override
    public String toString() {
        return "server " + key + " " + state;
    }
}
