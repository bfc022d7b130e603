package org.parley.ua;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.parley.message.HeaderName;
import org.parley.message.Method;
import org.parley.message.RequestBuilder;
import org.parley.message.SipRequest;
import org.parley.message.SipResponse;
import org.parley.message.header.Address;
import org.parley.message.uri.SipUri;
import org.parley.message.uri.Uri;
import org.parley.transaction.ClientTransaction;
import org.parley.transaction.TransactionLayer;
import org.parley.transport.Transport;
import org.parley.transport.resolve.ServerLocator;
import org.parley.transport.resolve.Target;
import org.parley.transport.resolve.TargetSet;
import org.parley.ua.auth.ChallengeAnswer;
import org.parley.ua.auth.DigestAuthenticator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The user agent client's way out (RFC 3261 §8.1.2): picks the next hop of a request (the first
 * Route when it is a loose router, else the Request-URI; an outbound proxy is preloaded as a Route
 * for requests outside a dialog), locates it (RFC 3263), stamps the Via (§8.1.1.7: a fresh branch,
 * {@code rport} of RFC 3581) and a Contact for the transport chosen, adds the credentials it
 * holds, and starts the client transaction along the located targets. A 401 or 407 is answered
 * once per challenge and the request sent again (§22.2, §22.3); the handler never sees those.
 *
 * <p>Thread-safe: {@link #send} may be called from any thread; the handler runs on the lane of the
 * request's Call-ID.
 */
final class Outbound {
    private static final Logger LOG = LoggerFactory.getLogger(Outbound.class);
    /** Challenges answered for one request before giving up: one per proxy of a realistic path. */
    static final int MAX_AUTH_RETRIES = 4;

    private final TransactionLayer transactions;
    private final ServerLocator locator;
    private final LocalAddress local;
    private final DigestAuthenticator authenticator;
    private final SipUri outboundProxy;
    private final Transport preferredTransport;
    private final String userAgent;
    private final Callbacks callbacks;
    private volatile InboundRequests dialogs;

    Outbound(TransactionLayer transactions, ServerLocator locator, LocalAddress local,
            DigestAuthenticator authenticator, SipUri outboundProxy, Transport preferredTransport, String userAgent,
            Callbacks callbacks) {
        this.transactions = transactions;
        this.locator = locator;
        this.local = local;
        this.authenticator = authenticator;
        this.outboundProxy = outboundProxy;
        this.preferredTransport = preferredTransport;
        this.userAgent = userAgent;
        this.callbacks = callbacks;
    }

    /** Where the dialogs of this user agent are found, to keep their CSeq in step with retries. */
    void dialogs(InboundRequests table) {
        this.dialogs = table;
    }

    /**
     * Sends {@code request}, which carries no Via yet, and reports to {@code handler}. A Contact is
     * added to INVITE, SUBSCRIBE, REFER and REGISTER when the request has none, naming this user
     * agent over the transport chosen.
     */
    void send(SipRequest request, ClientHandler handler) {
        send(request, handler, "");
    }

    /**
     * As {@link #send(SipRequest, ClientHandler)}, with {@code contactParameters} (e.g.
     * {@code ;+sip.instance="<urn:uuid:...>"}, RFC 5626 §4.1) appended to the Contact this side
     * adds; a Contact already in the request is left as it is.
     */
    void send(SipRequest request, ClientHandler handler, String contactParameters) {
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(contactParameters, "contactParameters");
        SipRequest prepared;
        SipUri nextHop;
        try {
            if (request.hasHeader(HeaderName.VIA)) {
                throw new IllegalArgumentException("the request already has a Via; Outbound adds it");
            }
            prepared = preloadProxy(request);
            nextHop = nextHop(prepared);
        } catch (IllegalArgumentException e) {
            handler.onFailure(e);
            return;
        }
        String callId = prepared.callId();
        locator.locate(forLocation(nextHop)).whenComplete((targets, error) -> {
            if (error != null) {
                handler.onFailure(unwrap(error));
                return;
            }
            transactions.execute(callId, () -> {
                try {
                    start(prepared, targets, nextHop.isSecure(), handler, contactParameters);
                } catch (RuntimeException e) {
                    // Never lost on the lane: whoever waits for this request learns why it did not leave.
                    LOG.debug("cannot send {} to {}", prepared.method(), nextHop, e);
                    handler.onFailure(e);
                }
            });
        });
    }

    /**
     * Sends {@code request} and completes with its final response, on the callback executor. A
     * non-2xx final response completes it normally; it fails only when the request could not be
     * sent (an unresolvable next hop, a bad URI).
     */
    CompletableFuture<SipResponse> request(SipRequest request) {
        CompletableFuture<SipResponse> result = new CompletableFuture<>();
        send(request, new ClientHandler() {
            @Override
            public void onResponse(Exchange exchange, SipResponse response) {
                if (response.statusCode() >= 200) {
                    callbacks.deliver(() -> result.complete(response));
                }
            }

            @Override
            public void onFailure(Throwable error) {
                callbacks.deliver(() -> result.completeExceptionally(error));
            }
        });
        return result;
    }


    /**
     * Sends an ACK for a 2xx (RFC 3261 §13.2.2.4): no transaction; to the next hop of the ACK (its
     * route set is the dialog's), with a fresh branch, and with the credentials of {@code invite}, the
     * INVITE as it went on the wire. Completes with the ACK as sent and its target, so that a
     * retransmitted 2xx gets the very same ACK again.
     */
    CompletableFuture<SentAck> sendAck(SipRequest ack, SipRequest invite) {
        SipUri nextHop;
        try {
            nextHop = nextHop(ack);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        SipRequest credited = withCredentialsOf(ack, invite);
        return locator.locate(forLocation(nextHop)).thenCompose(targets -> {
            Target target = targets.get(0);
            SipRequest stamped = withVia(credited, target);
            return transactions.transport().send(stamped, target).thenApply(v -> new SentAck(stamped, target));
        });
    }

    /**
     * RFC 3261 §13.2.2.4 and §22.1: the ACK for a 2xx carries the Authorization and
     * Proxy-Authorization header fields of the INVITE it acknowledges, so that an element that
     * challenged the INVITE lets its ACK through too. Other values of the ACK are kept.
     */
    static SipRequest withCredentialsOf(SipRequest ack, SipRequest invite) {
        RequestBuilder b = null;
        for (HeaderName name : List.of(HeaderName.AUTHORIZATION, HeaderName.PROXY_AUTHORIZATION)) {
            if (ack.hasHeader(name)) {
                continue;
            }
            for (String value : invite.headerValues(name)) {
                if (b == null) {
                    b = ack.toBuilder();
                }
                b.add(name, value);
            }
        }
        return b == null ? ack : b.build();
    }

    /** An ACK sent for a 2xx, kept to answer the 2xx's retransmissions with the same bytes. */
    record SentAck(SipRequest ack, Target target) {
    }

    /** Sends an ACK again, as it was (RFC 3261 §13.2.2.4: every 2xx retransmission is ACKed). */
    void resendAck(SentAck sent) {
        transactions.transport().send(sent.ack(), sent.target());
    }

    /**
     * Sends a CANCEL for the INVITE of {@code exchange} (RFC 3261 §9.1): same Request-URI, Call-ID,
     * From, To, CSeq number and Route as the INVITE on the wire, the INVITE's top Via only, to the
     * same target as the INVITE's transaction.
     */
    void cancel(Exchange exchange, ClientHandler handler) {
        SipRequest invite = exchange.request();
        RequestBuilder b = SipRequest.builder(Method.CANCEL, invite.requestUriText())
                .add(HeaderName.VIA, invite.header(HeaderName.VIA).orElseThrow().split(",")[0].trim())
                .add(HeaderName.MAX_FORWARDS, "70")
                .add(HeaderName.FROM, invite.header(HeaderName.FROM).orElseThrow())
                .add(HeaderName.TO, invite.header(HeaderName.TO).orElseThrow())
                .add(HeaderName.CALL_ID, invite.callId())
                .add(HeaderName.CSEQ, invite.cseq().number() + " CANCEL");
        for (String route : invite.headerValues(HeaderName.ROUTE)) {
            b.add(HeaderName.ROUTE, route);
        }
        userAgentHeader(b);
        SipRequest cancel = b.build();
        Exchange sent = new Exchange(cancel, exchange.targets(), exchange.isSecure());
        ClientTransaction tx = transactions.send(cancel, exchange.transaction().target(),
                (t, response) -> handler.onResponse(sent, response));
        sent.sent(cancel, tx, false);
    }

    private void start(SipRequest request, List<Target> targets, boolean secure, ClientHandler handler,
            String contactParameters) {
        Target first = targets.get(0);
        SipRequest stamped = withVia(request, first);
        stamped = withContact(stamped, first, secure, contactParameters);
        if (authenticator != null) {
            stamped = authenticator.authorize(stamped);
        }
        LOG.debug("sending {} to {}", stamped.startLine(), targets);
        Exchange exchange = new Exchange(stamped, targets, secure);
        transmit(exchange, stamped, handler, false);
    }

    private void transmit(Exchange exchange, SipRequest request, ClientHandler handler, boolean retry) {
        ClientTransaction tx = transactions.send(request, TargetSet.of(exchange.targets()),
                (t, response) -> onResponse(exchange, t, response, handler));
        exchange.sent(request, tx, retry);
        handler.onSent(exchange);
    }

    private void onResponse(Exchange exchange, ClientTransaction tx, SipResponse response, ClientHandler handler) {
        if (tx != exchange.transaction()) {
            // A late response to a request already sent again with credentials: its transaction is ours no more.
            return;
        }
        int status = response.statusCode();
        if ((status == 401 || status == 407) && authenticator != null && exchange.retries() < MAX_AUTH_RETRIES) {
            ChallengeAnswer answer = authenticator.authenticate(exchange.request(), response);
            if (answer instanceof ChallengeAnswer.Answered answered) {
                SipRequest retry = answered.retry();
                if (dialogs != null && !retry.method().equals(Method.ACK)) {
                    // RFC 3261 §22.2: the retry has the next CSeq; a dialog's later requests count on from it.
                    dialogs.usageOfSent(retry).ifPresent(u -> u.onSentSequence(retry.cseq().number()));
                }
                transmit(exchange, retry, handler, true);
                return;
            }
            LOG.debug("{} {} not answered: {}", status, exchange.request().method(),
                    ((ChallengeAnswer.Refused) answer).reason());
        }
        handler.onResponse(exchange, response);
    }

    /** RFC 3261 §8.1.2: an outbound proxy becomes a preloaded Route of a request outside a dialog. */
    private SipRequest preloadProxy(SipRequest request) {
        if (outboundProxy == null || request.toTag().isPresent() || request.hasHeader(HeaderName.ROUTE)) {
            return request;
        }
        SipUri route = outboundProxy.isLooseRouter() ? outboundProxy : outboundProxy.toBuilder().looseRouter(true)
                .build();
        return request.toBuilder().addFirst(HeaderName.ROUTE, "<" + route + ">").build();
    }

    /**
     * RFC 3261 §8.1.2: the first Route when it is a loose router, else the Request-URI (a strict
     * router's URI is already in the Request-URI, §12.2.1.1).
     */
    private static SipUri nextHop(SipRequest request) {
        List<Address> routes = request.routes();
        Uri uri = !routes.isEmpty() && routes.get(0).uri() instanceof SipUri first && first.isLooseRouter()
                ? first : request.requestUri();
        if (uri instanceof SipUri sip) {
            return sip;
        }
        throw new IllegalArgumentException("cannot send to " + uri + ": a " + uri.scheme()
                + " URI names no host; configure an outbound proxy");
    }

    /** The URI handed to RFC 3263: with the preferred transport when the URI names none. */
    private SipUri forLocation(SipUri nextHop) {
        if (preferredTransport == null || nextHop.transport().isPresent() || nextHop.isSecure()) {
            return nextHop;
        }
        return nextHop.toBuilder().transport(preferredTransport.name().toLowerCase(Locale.ROOT)).build();
    }

    /** RFC 3261 §8.1.1.7 and RFC 3581: the top Via names this side, a new branch, and asks for rport. */
    private SipRequest withVia(SipRequest request, Target target) {
        InetSocketAddress self = local.forTransport(target.transport(), target.address());
        RequestBuilder b = request.toBuilder().addFirst(HeaderName.VIA, "SIP/2.0/" + target.transport().name() + " "
                + LocalAddress.hostText(self.getAddress()) + ":" + self.getPort() + ";rport;branch="
                + TransactionLayer.newBranch());
        if (!request.hasHeader(HeaderName.MAX_FORWARDS)) {
            b.add(HeaderName.MAX_FORWARDS, "70");
        }
        userAgentHeader(b);
        return b.build();
    }

    private void userAgentHeader(RequestBuilder b) {
        if (userAgent != null && !b.has(HeaderName.USER_AGENT)) {
            b.add(HeaderName.USER_AGENT, userAgent);
        }
    }

    /** RFC 3261 §8.1.1.8: dialog-creating requests (and REGISTER, §10.2.1) carry a Contact. */
    private SipRequest withContact(SipRequest request, Target target, boolean secure, String contactParameters) {
        Method m = request.method();
        boolean wants = m.equals(Method.INVITE) || m.equals(Method.SUBSCRIBE) || m.equals(Method.REFER)
                || m.equals(Method.REGISTER);
        if (!wants || request.hasHeader(HeaderName.CONTACT)) {
            return request;
        }
        String user = request.from().uri() instanceof SipUri from ? from.user().orElse(null) : null;
        SipUri contact = local.contact(user, target.transport(), target.address(), secure);
        return request.toBuilder().add(HeaderName.CONTACT, "<" + contact + ">" + contactParameters).build();
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }
}
