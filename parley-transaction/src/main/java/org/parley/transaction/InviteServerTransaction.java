package org.parley.transaction;

import org.parley.message.Method;
import org.parley.message.SipParser;
import org.parley.message.SipRequest;
import org.parley.message.SipResponse;
import org.parley.transport.Source;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The INVITE server transaction of RFC 3261 §17.2.1 (Figure 7) as RFC 6026 §8.7 amends it. The
 * INVITE goes to the user once; unless the user answers within 200 ms, the transaction sends
 * 100 Trying itself. A retransmitted INVITE gets the last provisional response again. A non-2xx
 * final response is retransmitted on Timer G (T1, doubling to T2) until the ACK comes or Timer H
 * (64·T1) gives up; the ACK moves to Confirmed, where Timer I (T4) absorbs further ACKs. A 2xx moves
 * to Accepted (RFC 6026): the user retransmits it through the transaction until Timer L (64·T1).
 *
 * <pre>
 *   INVITE ─► PROCEEDING ──TU 300-699──► COMPLETED ──ACK──► CONFIRMED ──Timer I──► TERMINATED
 *   (100 after 200 ms)  │                  └── Timer H (no ACK) ──► TERMINATED
 *                       └──TU 2xx──► ACCEPTED ──Timer L──► TERMINATED
 * </pre>
 *
 * <p>Confined to its lane; {@link #respond} may be called from any thread.
 */
final class InviteServerTransaction extends ServerMachine {
    private static final Logger LOG = LoggerFactory.getLogger(InviteServerTransaction.class);

    /**
     * The 100 Trying delay in Proceeding, then Timer G in Completed: never both, since the final
     * response cancels the first. Two alarms instead of five keep a live transaction small (issue #4:
     * 100,000 of them in under 200 MiB).
     */
    private final Alarm resend = new Alarm("100/G", this::onResend);
    /** Timer H in Completed, I in Confirmed, L in Accepted (one at a time); made when first needed. */
    private Alarm end;
    private int lastStatus;
    private long interval;

    InviteServerTransaction(TransactionLayer layer, LaneState lane, SipRequest request, Source source,
            TransactionKey key) {
        super(layer, lane, request, source, key, TransactionState.PROCEEDING);
    }

    /** §17.2.1: enter Proceeding; the 100 Trying is due unless the user answers first. */
    void start() {
        lane.servers.put(key, this);
        lane.schedule(resend, layer.config().tryingDelay().toMillis());
    }

    private void onResend() {
        if (state == TransactionState.PROCEEDING) {
            sendTrying();
        } else if (state == TransactionState.COMPLETED) {
            timerG();
        }
    }

    private void onEnd() {
        if (state == TransactionState.COMPLETED) {
            timerH();
        } else {
            // Timer I in Confirmed, Timer L in Accepted.
            terminate();
        }
    }

    private void scheduleEnd(long delayMillis) {
        if (end == null) {
            end = new Alarm("H/I/L", this::onEnd);
        }
        lane.schedule(end, delayMillis);
    }

    private void sendTrying() {
        if (lastResponse == null && state == TransactionState.PROCEEDING) {
            respondInLane(SipResponse.responseTo(request, 100).build());
        }
    }

    @Override
    public void onRequest(SipRequest matched) {
        if (matched.method().equals(Method.ACK)) {
            onAck(matched);
            return;
        }
        // A retransmitted INVITE: §17.2.1 repeats the last provisional in Proceeding and the final
        // response in Completed; RFC 6026 §8.7 absorbs it in Accepted.
        if ((state == TransactionState.PROCEEDING || state == TransactionState.COMPLETED) && lastResponse != null) {
            resendLast();
        }
    }

    private void onAck(SipRequest ackRequest) {
        if (!key.isRfc3261() && !toTagMatches(ackRequest)) {
            // §17.2.3, RFC 2543 fallback: an ACK matches only when its To tag is that of the
            // response this transaction sent; any other ACK is not ours.
            layer.strayAck(ackRequest, source);
            return;
        }
        if (state == TransactionState.COMPLETED) {
            // §17.2.1: the ACK for our non-2xx final response; Timer I is T4, or zero when reliable.
            state = TransactionState.CONFIRMED;
            lane.timers().cancel(resend);
            if (reliable) {
                terminate();
            } else {
                scheduleEnd(layer.config().t4Millis());
            }
        } else if (state == TransactionState.ACCEPTED) {
            // RFC 6026 §8.7: an ACK matching in Accepted (an RFC 2543 peer) is the 2xx's, the user's.
            layer.strayAck(ackRequest, source);
        }
        // Confirmed: further ACKs are absorbed.
    }

    private boolean toTagMatches(SipRequest ackRequest) {
        // Rare (RFC 2543 peers only), so the kept bytes are parsed again rather than the tag kept.
        return lastResponse != null && SipParser.parse(lastResponse).toTag().equals(ackRequest.toTag());
    }

    @Override
    void respondInLane(SipResponse response) {
        int status = response.statusCode();
        if (state == TransactionState.ACCEPTED && status >= 200 && status < 300) {
            // RFC 6026 §8.7: in Accepted the user's 2xx retransmissions pass through.
            send(response);
            return;
        }
        if (state != TransactionState.PROCEEDING) {
            refuse(response);
            return;
        }
        lastStatus = status;
        lane.timers().cancel(resend);
        sendAndKeep(response);
        if (status < 200) {
            return;
        }
        answered(status);
        if (status < 300) {
            state = TransactionState.ACCEPTED;
            scheduleEnd(layer.config().timeoutMillis());
            return;
        }
        state = TransactionState.COMPLETED;
        interval = layer.config().t1Millis();
        if (!reliable) {
            lane.schedule(resend, interval);
        }
        scheduleEnd(layer.config().timeoutMillis());
    }

    private void timerG() {
        // §17.2.1: retransmit the final response, doubling the interval up to T2.
        interval = Math.min(interval * 2, layer.config().t2Millis());
        resendLast();
        lane.schedule(resend, interval);
    }

    private void timerH() {
        // §17.2.1: no ACK within 64·T1; the transaction ends (the user learns it from the counter).
        layer.timedOut();
        LOG.debug("{}: no ACK for {} within 64*T1", this, lastStatus);
        terminate();
    }

    @Override
    boolean isAnswered() {
        return state != TransactionState.PROCEEDING;
    }

    @Override
    void cancelTimers() {
        lane.timers().cancel(resend);
        if (end != null) {
            lane.timers().cancel(end);
        }
    }
}
