package org.parley.ua;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import org.parley.message.HeaderName;
import org.parley.message.RequestBuilder;
import org.parley.message.SipRequest;
import org.parley.message.header.Address;
import org.parley.message.uri.SipUri;
import org.parley.sdp.Direction;
import org.parley.sdp.SdpParseException;
import org.parley.sdp.SessionDescription;
import org.parley.sdp.offeranswer.AnswerResult;
import org.parley.sdp.offeranswer.Codec;
import org.parley.sdp.offeranswer.LocalCapabilities;
import org.parley.sdp.offeranswer.MediaCapability;
import org.parley.sdp.offeranswer.OfferAnswer;
import org.parley.transaction.ServerTransaction;
import org.parley.transaction.TransactionLayer;
import org.parley.transport.Transport;

/**
 * The calls of one user agent: places outgoing calls and takes incoming INVITEs outside a dialog
 * (RFC 3261 §13), refusing with 488 an offer that does not parse or has nothing in common with the
 * local media capabilities (§13.3.1, RFC 3264 §6) before bothering the application.
 *
 * <p>Thread-safe: its fields are final or volatile; each call's state lives on its Call-ID's lane.
 */
final class Calls {
    /** The RTP port offered when the application sets no media capabilities (no media engine yet). */
    static final int DEFAULT_RTP_PORT = 40000;

    final TransactionLayer transactions;
    final Outbound outbound;
    final InboundRequests inbound;
    final Callbacks callbacks;
    private final LocalAddress local;
    private final Address identity;
    private final LocalCapabilities media;
    private final LocalCapabilities holdingMedia;
    private volatile Consumer<IncomingCall> handler;

    Calls(TransactionLayer transactions, Outbound outbound, InboundRequests inbound, Callbacks callbacks,
            LocalAddress local, Address identity, LocalCapabilities media) {
        this.transactions = transactions;
        this.outbound = outbound;
        this.inbound = inbound;
        this.callbacks = callbacks;
        this.local = local;
        this.identity = identity;
        this.media = media != null ? media : defaultMedia(local);
        List<MediaCapability> held = new ArrayList<>();
        for (MediaCapability m : this.media.media()) {
            held.add(m.withDirection(Direction.of(m.direction().sends(), false)));
        }
        this.holdingMedia = new LocalCapabilities(this.media.username(), this.media.address(),
                this.media.sessionName(), held);
    }

    /** PCMU, PCMA and telephone-event on {@link #DEFAULT_RTP_PORT} of the address SIP listens on. */
    static LocalCapabilities defaultMedia(LocalAddress local) {
        InetSocketAddress a = local.forTransport(Transport.UDP, null);
        String host = a.getAddress().getHostAddress();
        int zone = host.indexOf('%');
        return LocalCapabilities.of(zone >= 0 ? host.substring(0, zone) : host,
                MediaCapability.audio(DEFAULT_RTP_PORT, Codec.PCMU, Codec.PCMA, Codec.TELEPHONE_EVENT));
    }

    /** The local capabilities; while holding, streams that received stop receiving (RFC 3264 §8.4). */
    LocalCapabilities media(boolean holding) {
        return holding ? holdingMedia : media;
    }

    java.util.random.RandomGenerator random() {
        return ThreadLocalRandom.current();
    }

    long newSessionId() {
        // RFC 8866 §5.2: a numeric session id, unique for this user agent; 62 random bits.
        return ThreadLocalRandom.current().nextLong(1L << 62);
    }

    void onIncomingCall(Consumer<IncomingCall> newHandler) {
        this.handler = newHandler;
        inbound.inviteHandler(newHandler == null ? null : this::onInvite);
    }

    /** Places a call with the INVITE {@code builder} started; returns at once, the INVITE goes from the lane. */
    Call place(RequestBuilder builder, CallOptions options) {
        SipRequest draft = builder.build();
        InviteSession session = new InviteSession(this, draft.callId(), true, draft.to());
        session.provisionalListener = options.provisionalListener();
        session.reinviteListener = options.reinviteListener();
        session.infoListener = options.infoListener();
        builder.add(HeaderName.ALLOW, Capabilities.ALLOW);
        if (options.isOfferInInvite()) {
            SessionDescription offer = options.offer()
                    .orElseGet(() -> OfferAnswer.createOffer(media, session.sessionId));
            session.setLocalSdp(offer);
            builder.body(InviteSession.SDP, offer.toBytes());
        }
        SipRequest invite = builder.build();
        OutgoingInvite uac = new OutgoingInvite(session, options.isOfferInInvite());
        transactions.execute(session.callId, () -> {
            session.uac = uac;
            uac.start(invite);
        });
        return session.call;
    }

    /** A new INVITE outside any dialog, on its lane (RFC 3261 §13.3.1). */
    private void onInvite(ServerTransaction transaction, SipRequest invite) {
        Consumer<IncomingCall> h = handler;
        if (h == null) {
            transaction.respond(inbound.answer(invite, 480, "Not Taking Calls").build());
            return;
        }
        SessionDescription offer = null;
        SessionDescription answer = null;
        if (invite.hasBody()) {
            try {
                offer = InviteSession.sdpOf(invite);
            } catch (SdpParseException e) {
                // RFC 3261 §21.4.26: a session description this side cannot use is refused 488.
                transaction.respond(inbound.answer(invite, 488, e.reasonPhrase()).build());
                return;
            }
            AnswerResult result = OfferAnswer.answer(offer, media, newSessionId());
            if (result instanceof AnswerResult.Refused refused) {
                transaction.respond(inbound.answer(invite, 488, refused.reasonPhrase()).build());
                return;
            }
            answer = ((AnswerResult.Accepted) result).answer();
        }
        InviteSession session = new InviteSession(this, invite.callId(), false, invite.from());
        IncomingInvite uas = new IncomingInvite(session, transaction, invite, offer, answer);
        session.uas = uas;
        uas.start();
        IncomingCall incoming = new IncomingCall(session);
        callbacks.deliver(() -> h.accept(incoming));
    }

    /** The Contact of this side for a dialog made by {@code request} (RFC 3261 §12.1.1). */
    SipUri contact(ServerTransaction transaction, SipRequest request) {
        String user = identity.uri() instanceof SipUri sip ? sip.user().orElse(null) : null;
        boolean secure = request.requestUri() instanceof SipUri u && u.isSecure();
        return local.contact(user, transaction.source().transport(), transaction.source().remote(), secure);
    }
}
