package org.parley.ua;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.parley.message.HeaderField;
import org.parley.message.HeaderName;
import org.parley.message.Method;
import org.parley.message.ResponseBuilder;
import org.parley.message.SipRequest;
import org.parley.message.SipResponse;
import org.parley.message.header.MediaType;
import org.parley.message.validation.ElementRole;
import org.parley.message.validation.Finding;
import org.parley.transaction.ServerTransaction;
import org.parley.transaction.TransactionKey;
import org.parley.transaction.TransactionUser;
import org.parley.transport.Source;
import org.parley.ua.dialog.DialogId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The user agent server core (RFC 3261 §8.2): checks each new request (§8.2.2: 416, 405/501, 420,
 * 415 as {@link Capabilities} says), hands requests within a dialog to the dialog's usage (481 when
 * the dialog is unknown, §12.2.2), and serves the requests outside a dialog: INVITE to the call
 * handler, MESSAGE to the message handler (RFC 3428 §7), OPTIONS answered here (§11.2).
 *
 * <p>Runs on the lane of each request's Call-ID; never blocks: user handlers run on the callback
 * executor. The dialog and pending-INVITE tables are concurrent maps, because a dialog is
 * registered from its lane while the tables are shared by all lanes.
 */
final class InboundRequests implements TransactionUser {
    private static final Logger LOG = LoggerFactory.getLogger(InboundRequests.class);

    private final Map<DialogId, DialogUsage> dialogs = new ConcurrentHashMap<>();
    private final Map<TransactionKey, Consumer<ServerTransaction>> pendingInvites = new ConcurrentHashMap<>();
    /** Usages whose dialog the far end may open by a request before the response (RFC 6665 §4.1.2.4). */
    private final Map<String, DialogUsage> halfDialogs = new ConcurrentHashMap<>();
    private final String serverHeader;
    private final Callbacks callbacks;
    private volatile InviteHandler inviteHandler;
    private volatile Consumer<IncomingMessage> messageHandler;

    /** Takes a new INVITE outside any dialog; runs on its lane. */
    interface InviteHandler {
        void onInvite(ServerTransaction transaction, SipRequest invite);
    }

    InboundRequests(String serverHeader, Callbacks callbacks) {
        this.serverHeader = serverHeader;
        this.callbacks = callbacks;
    }

    void inviteHandler(InviteHandler handler) {
        this.inviteHandler = handler;
    }

    void messageHandler(Consumer<IncomingMessage> handler) {
        this.messageHandler = handler;
    }

    /** Routes requests of {@code id} to {@code usage} from now on. */
    void addDialog(DialogId id, DialogUsage usage) {
        dialogs.put(id, usage);
    }

    /** The usage of the dialog {@code request} (sent by this side, To tag the peer's) belongs to. */
    Optional<DialogUsage> usageOfSent(SipRequest request) {
        Optional<String> remoteTag = request.toTag();
        Optional<String> localTag = request.fromTag();
        if (remoteTag.isEmpty() || localTag.isEmpty()) {
            return Optional.empty();
        }
        return Optional.ofNullable(dialogs.get(new DialogId(request.callId(), localTag.get(), remoteTag.get())));
    }

    void removeDialog(DialogId id, DialogUsage usage) {
        dialogs.remove(id, usage);
    }

    /**
     * Routes requests of any dialog of {@code callId} whose local tag is {@code localTag} to
     * {@code usage} while no whole dialog matches: a SUBSCRIBE's NOTIFY may come before its 2xx
     * (RFC 6665 §4.1.2.4) and then names a remote tag not known yet.
     */
    void addHalfDialog(String callId, String localTag, DialogUsage usage) {
        halfDialogs.put(callId + "\n" + localTag, usage);
    }

    void removeHalfDialog(String callId, String localTag, DialogUsage usage) {
        halfDialogs.remove(callId + "\n" + localTag, usage);
    }

    /** Tells {@code onCancel} about an INVITE server transaction answered later (RFC 3261 §9.2). */
    void awaitCancel(ServerTransaction invite, Consumer<ServerTransaction> onCancel) {
        pendingInvites.put(invite.key(), onCancel);
    }

    void answered(ServerTransaction invite) {
        pendingInvites.remove(invite.key());
    }

    @Override
    public void onRequest(ServerTransaction transaction, SipRequest request) {
        Optional<Finding> refusal = Capabilities.VALIDATOR.validate(request).firstRefusal(ElementRole.UAS);
        if (refusal.isPresent()) {
            Finding f = refusal.get();
            LOG.debug("refusing {} from {}: {}", request.method(), transaction.source().remote(), f.reason());
            ResponseBuilder b = answer(request, f.statusCode(), f.reasonPhrase());
            for (HeaderField h : f.responseHeaders()) {
                b.add(h.name(), h.value());
            }
            transaction.respond(b.build());
            return;
        }
        if (request.toTag().isPresent()) {
            DialogUsage usage = dialogs.get(DialogId.ofReceivedRequest(request));
            if (usage == null) {
                usage = halfDialogs.get(request.callId() + "\n" + request.toTag().get());
            }
            if (usage == null) {
                // RFC 3261 §12.2.2: a request naming a dialog we do not have.
                transaction.respond(answer(request, 481, "Call/Transaction Does Not Exist").build());
            } else {
                usage.onRequest(transaction, request);
            }
            return;
        }
        Method m = request.method();
        if (m.equals(Method.INVITE)) {
            InviteHandler h = inviteHandler;
            if (h == null) {
                transaction.respond(answer(request, 480, "Not Taking Calls").build());
            } else {
                h.onInvite(transaction, request);
            }
        } else if (m.equals(Method.MESSAGE)) {
            onMessage(transaction, request);
        } else if (m.equals(Method.OPTIONS)) {
            // RFC 3261 §11.2: answered as an INVITE would be, with what this UA supports.
            transaction.respond(answer(request, 200, "OK").add(HeaderName.ALLOW, Capabilities.ALLOW)
                    .add(HeaderName.ACCEPT, Capabilities.ACCEPT).add(HeaderName.SUPPORTED, Capabilities.SUPPORTED)
                    .build());
        } else {
            // BYE, INFO and the like outside a dialog (RFC 3261 §15.1.2, RFC 6086 §4.2.2), and a
            // NOTIFY that matches no subscription (RFC 6665 §4.1.3).
            transaction.respond(answer(request, 481, "Call/Transaction Does Not Exist").build());
        }
    }

    private void onMessage(ServerTransaction transaction, SipRequest request) {
        Consumer<IncomingMessage> h = messageHandler;
        if (h == null) {
            transaction.respond(answer(request, 480, "Not Taking Messages").build());
            return;
        }
        MediaType type = request.contentType().orElse(MediaType.TEXT_PLAIN);
        IncomingMessage message = new IncomingMessage(request.from(), request.to(), type, request);
        // RFC 3428 §7: a 200 says it reached the user agent; delivery to the handler is ours.
        transaction.respond(answer(request, 200, "OK").build());
        callbacks.deliver(() -> h.accept(message));
    }

    @Override
    public void onCancel(ServerTransaction cancel, ServerTransaction invite) {
        Consumer<ServerTransaction> pending = pendingInvites.remove(invite.key());
        if (pending == null) {
            TransactionUser.super.onCancel(cancel, invite);
            return;
        }
        cancel.respond(SipResponse.responseTo(cancel.request(), 200).build());
        pending.accept(invite);
    }

    @Override
    public void onStray(SipRequest ack, Source source) {
        if (ack.toTag().isEmpty()) {
            return;
        }
        DialogUsage usage = dialogs.get(DialogId.ofReceivedRequest(ack));
        if (usage != null) {
            usage.onAck(ack, source);
        }
    }

    @Override
    public void onStray(SipResponse response, Source source) {
        if (response.toTag().isEmpty()) {
            return;
        }
        DialogUsage usage = dialogs.get(DialogId.ofReceivedResponse(response));
        if (usage != null) {
            usage.onStrayResponse(response);
        }
    }

    /**
     * A response this UAS makes: To tagged when it had none (RFC 3261 §8.2.6.2), Server named
     * (§20.35). The tag is new for each answer outside a dialog; calls use their dialog's tag.
     */
    ResponseBuilder answer(SipRequest request, int status, String reason) {
        ResponseBuilder b = SipResponse.responseTo(request, status, reason);
        if (request.toTag().isEmpty() && status > 100) {
            b.set(HeaderName.TO, request.to().withTag(Identifiers.tag()).toString());
            if (status < 300) {
                // RFC 3261 §12.1.1: a response that may create a dialog carries the request's Record-Route.
                for (String rr : request.headerValues(HeaderName.RECORD_ROUTE)) {
                    b.add(HeaderName.RECORD_ROUTE, rr);
                }
            }
        }
        if (serverHeader != null) {
            b.add(HeaderName.SERVER, serverHeader);
        }
        return b;
    }
}
