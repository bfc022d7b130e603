package org.parley.ua;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.parley.message.SipRequest;
import org.parley.sdp.SessionDescription;

/**
 * How {@link UserAgent#call(String, CallOptions)} places a call: the SDP offer to send, or none (the
 * peer then offers in its 2xx and this side answers in the ACK, RFC 3261 §13.2.1, RFC 3264 §4), and
 * listeners set before the INVITE leaves, so that no response can slip past them. By default the
 * offer is made from the user agent's local media capabilities. Immutable: each method returns a
 * new value.
 */
public final class CallOptions {
    private static final CallOptions DEFAULTS = new CallOptions(null, true, null, null, null);

    private final SessionDescription offer;
    private final boolean offerInInvite;
    private final Consumer<ProvisionalResponse> onProvisional;
    private final Consumer<SipRequest> onReinvite;
    private final Consumer<SipRequest> onInfo;

    private CallOptions(SessionDescription offer, boolean offerInInvite, Consumer<ProvisionalResponse> onProvisional,
            Consumer<SipRequest> onReinvite, Consumer<SipRequest> onInfo) {
        this.offer = offer;
        this.offerInInvite = offerInInvite;
        this.onProvisional = onProvisional;
        this.onReinvite = onReinvite;
        this.onInfo = onInfo;
    }

    /** An offer made from the local media capabilities, in the INVITE; no listeners. */
    public static CallOptions defaults() {
        return DEFAULTS;
    }

    /** Sends {@code sdp} as the offer in the INVITE. */
    public CallOptions offer(SessionDescription sdp) {
        return new CallOptions(Objects.requireNonNull(sdp, "sdp"), true, onProvisional, onReinvite, onInfo);
    }

    /**
     * Sends the INVITE without a body: the peer makes the offer in its 2xx and this side answers in
     * the ACK from its local media capabilities (RFC 3261 §13.2.1).
     */
    public CallOptions withoutOffer() {
        return new CallOptions(null, false, onProvisional, onReinvite, onInfo);
    }

    /** Called for each provisional response, on the callback executor. */
    public CallOptions onProvisional(Consumer<ProvisionalResponse> listener) {
        return new CallOptions(offer, offerInInvite, Objects.requireNonNull(listener, "listener"), onReinvite, onInfo);
    }

    /** Called for each re-INVITE the peer sends and this side accepts, on the callback executor. */
    public CallOptions onReinvite(Consumer<SipRequest> listener) {
        return new CallOptions(offer, offerInInvite, onProvisional, Objects.requireNonNull(listener, "listener"),
                onInfo);
    }

    /** Called for each INFO received in the call's dialog (RFC 6086), on the callback executor. */
    public CallOptions onInfo(Consumer<SipRequest> listener) {
        return new CallOptions(offer, offerInInvite, onProvisional, onReinvite,
                Objects.requireNonNull(listener, "listener"));
    }

    /** The offer given, when one was. */
    public Optional<SessionDescription> offer() {
        return Optional.ofNullable(offer);
    }

    /** False when the INVITE goes without an offer. */
    public boolean isOfferInInvite() {
        return offerInInvite;
    }

    Consumer<ProvisionalResponse> provisionalListener() {
        return onProvisional;
    }

    Consumer<SipRequest> reinviteListener() {
        return onReinvite;
    }

    Consumer<SipRequest> infoListener() {
        return onInfo;
    }
}
