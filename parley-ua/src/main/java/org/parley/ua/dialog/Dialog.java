package org.parley.ua.dialog;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.parley.message.HeaderName;
import org.parley.message.Method;
import org.parley.message.Parameters;
import org.parley.message.RequestBuilder;
import org.parley.message.SipMessage;
import org.parley.message.SipParseException;
import org.parley.message.SipRequest;
import org.parley.message.SipResponse;
import org.parley.message.header.Address;
import org.parley.message.header.CSeq;
import org.parley.message.header.Contact;
import org.parley.message.uri.SipUri;
import org.parley.message.uri.Uri;

/**
 * One dialog (RFC 3261 §12) as one user agent sees it: the state of §12.1 (identifier, local and
 * remote sequence numbers, local and remote URIs, local and remote targets, route set, secure flag)
 * and the rules that use it: building requests within the dialog (§12.2.1.1) and the ACK for a 2xx
 * (§13.2.2.4), checking requests received within it (§12.2.2), target refreshes (§12.2.1.2,
 * §12.2.2) and termination (§12.3).
 *
 * <p>Requests are built without a Via: the transaction layer adds it with a new branch. A dialog
 * whose 2xx comes from an RFC 2543 peer without a To tag is not supported: the factories refuse it.
 *
 * <p>Mutable; confined to the transaction lane of its Call-ID, where every transaction of the dialog
 * runs, so it needs no lock. It never blocks, reads a clock or does I/O.
 */
public final class Dialog {
    /** RFC 3261 §8.1.1.6: a UAC MUST insert Max-Forwards with 70. */
    static final String MAX_FORWARDS = "70";

    /**
     * The local sequence number a UAS starts with when it sends its first request within the
     * dialog: RFC 3261 §8.1.1.5 only asks for a value below 2^31; 1 leaves the most room to grow.
     */
    static final long INITIAL_LOCAL_SEQUENCE = 1;

    private static final long EMPTY = -1;

    private final DialogId id;
    private final boolean uac;
    private final Address localUri;
    private final Address remoteUri;
    private final boolean secure;
    private DialogState state;
    private Uri localTarget;
    private Uri remoteTarget;
    private List<Address> routeSet;
    private long localSequence;
    private long remoteSequence;

    private Dialog(DialogId id, boolean uac, SipRequest request, SipResponse response, Uri localTarget,
            Uri remoteTarget, List<Address> routeSet) {
        this.id = id;
        this.uac = uac;
        Address from = request.from().withoutParameter("tag");
        Address to = request.to().withoutParameter("tag");
        this.localUri = uac ? from : to;
        this.remoteUri = uac ? to : from;
        // RFC 3261 §12.1.1, §12.1.2: secure when the request came or went over TLS with a SIPS
        // Request-URI; a sips Request-URI is only ever carried over TLS by the transport layer.
        this.secure = request.requestUri() instanceof SipUri u && u.isSecure();
        this.state = response.statusClass() == 2 ? DialogState.CONFIRMED : DialogState.EARLY;
        this.localTarget = localTarget;
        this.remoteTarget = remoteTarget;
        this.routeSet = routeSet;
        long seq = request.cseq().number();
        // RFC 3261 §12.1.2: the UAC's local sequence number is the request's, its remote one empty;
        // §12.1.1: the UAS's remote sequence number is the request's, its local one empty.
        this.localSequence = uac ? seq : EMPTY;
        this.remoteSequence = uac ? EMPTY : seq;
    }

    /**
     * The UAC's dialog from the request it sent and a response that creates a dialog (RFC 3261
     * §12.1.2): a 101-199 with a To tag gives an early dialog, a 2xx a confirmed one. The route set
     * is the response's Record-Route in reverse order; the remote target is the response's Contact,
     * the local target the request's.
     *
     * @throws IllegalArgumentException when the response does not create a dialog (100, 3xx-6xx, no
     *     To tag), does not answer this request (Call-ID, CSeq, From tag), or a Contact is missing
     *     or not exactly one URI
     */
    public static Dialog asUac(SipRequest request, SipResponse response) {
        checkPair(request, response);
        DialogId id = DialogId.ofReceivedResponse(response);
        Uri local = contactUri(request, "the request");
        Uri remote = contactUri(response, "the response");
        return new Dialog(id, true, request, response, local, remote, reversed(response.recordRoutes()));
    }

    /**
     * The UAS's dialog from the request it received and the response it sends that creates a dialog
     * (RFC 3261 §12.1.1): a 101-199 with a To tag gives an early dialog, a 2xx a confirmed one. The
     * route set is the request's Record-Route in order; the remote target is the request's Contact,
     * the local target the response's.
     *
     * @throws IllegalArgumentException as {@link #asUac}
     */
    public static Dialog asUas(SipRequest request, SipResponse response) {
        checkPair(request, response);
        DialogId id = DialogId.ofReceivedResponse(response);
        DialogId uasId = new DialogId(id.callId(), id.remoteTag(), id.localTag());
        Uri local = contactUri(response, "the response");
        Uri remote = contactUri(request, "the request");
        return new Dialog(uasId, false, request, response, local, remote, List.copyOf(request.recordRoutes()));
    }

    private static void checkPair(SipRequest request, SipResponse response) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(response, "response");
        int status = response.statusCode();
        if (status <= 100 || status >= 300) {
            throw new IllegalArgumentException("only a 101-299 response creates a dialog (RFC 3261 §12.1), was "
                    + status);
        }
        if (!response.callId().equals(request.callId()) || !response.cseq().equals(request.cseq())
                || !response.fromTag().equals(request.fromTag())) {
            throw new IllegalArgumentException("the response (" + response.callId() + ", " + response.cseq()
                    + ") does not answer the request (" + request.callId() + ", " + request.cseq() + ")");
        }
    }

    /** The one URI of the message's Contact (RFC 3261 §8.1.1.8: exactly one SIP or SIPS URI). */
    private static Uri contactUri(SipMessage message, String what) {
        List<Contact> contacts;
        try {
            contacts = message.contacts();
        } catch (SipParseException e) {
            throw new IllegalArgumentException("the Contact of " + what + " is malformed: " + e.reason(), e);
        }
        if (contacts.size() != 1 || contacts.get(0).isWildcard()) {
            throw new IllegalArgumentException("a dialog needs exactly one Contact URI in " + what
                    + " (RFC 3261 §12.1), found " + (contacts.isEmpty() ? "none" : contacts));
        }
        return contacts.get(0).address().orElseThrow().uri();
    }

    private static List<Address> reversed(List<Address> recordRoutes) {
        return List.copyOf(recordRoutes.reversed());
    }

    /**
     * Confirms an early dialog with the 2xx that answers its INVITE. On the UAC side the route set
     * is recomputed from the 2xx's Record-Route and the remote target taken from its Contact (RFC
     * 3261 §13.2.2.4, §12.1.2); on the UAS side the 2xx it sends may change its local target.
     *
     * @throws IllegalStateException when the dialog is not early
     * @throws IllegalArgumentException when the response is not a 2xx of this dialog, or (UAC) its
     *     Contact is not exactly one URI
     */
    public void confirm(SipResponse response) {
        Objects.requireNonNull(response, "response");
        if (state != DialogState.EARLY) {
            throw new IllegalStateException("only an early dialog can be confirmed, this one is " + state);
        }
        if (response.statusClass() != 2) {
            throw new IllegalArgumentException("only a 2xx confirms a dialog, was " + response.statusCode());
        }
        checkOwnResponse(response);
        if (uac) {
            remoteTarget = contactUri(response, "the 2xx");
            routeSet = reversed(response.recordRoutes());
        } else if (!response.contacts().isEmpty()) {
            localTarget = contactUri(response, "the 2xx");
        }
        state = DialogState.CONFIRMED;
    }

    /** Checks that a response to a request of this side names this dialog. */
    private void checkOwnResponse(SipResponse response) {
        DialogId named = DialogId.ofReceivedResponse(response);
        DialogId expected = uac ? id : new DialogId(id.callId(), id.remoteTag(), id.localTag());
        if (!named.equals(expected)) {
            throw new IllegalArgumentException("the response names dialog " + named + ", not " + expected);
        }
    }

    /**
     * Starts a request within the dialog (RFC 3261 §12.2.1.1): the next local CSeq number (a UAS
     * that has sent none starts at 1, §8.1.1.5), From and To with the local and remote URIs and
     * tags, the Call-ID, Max-Forwards 70, and the Request-URI and Route from the remote target and
     * route set: with a loose router first (its URI has {@code lr}) the Request-URI is the remote
     * target and the route set is the Route; with a strict router first its URI becomes the
     * Request-URI and the remote target is appended as the last Route. A target refresh (INVITE,
     * UPDATE) carries the local target as Contact (§12.2.1.1, RFC 3311 §5.1). The caller adds a
     * body and other headers; the transaction layer adds the Via.
     *
     * @throws IllegalArgumentException for ACK (use {@link #ack}) and CANCEL (built from the request
     *     it cancels, §9.1)
     * @throws IllegalStateException when the dialog is terminated or the CSeq cannot grow
     */
    public RequestBuilder newRequest(Method method) {
        Objects.requireNonNull(method, "method");
        if (method.equals(Method.ACK) || method.equals(Method.CANCEL)) {
            throw new IllegalArgumentException(method + " is not built with newRequest: ACK comes from ack(2xx),"
                    + " CANCEL from the request it cancels (RFC 3261 §9.1)");
        }
        requireNotTerminated();
        long next;
        if (localSequence == EMPTY) {
            next = INITIAL_LOCAL_SEQUENCE;
        } else {
            next = new CSeq(localSequence, method).next(method).number();
        }
        localSequence = next;
        return build(method, new CSeq(next, method));
    }

    /**
     * Tells the dialog a request of it went out with CSeq {@code number}: an authentication retry
     * of a request made by {@link #newRequest} carries the next number (RFC 3261 §22.2, a new
     * transaction), and the dialog's next request must count on from there (§12.2.1.1: the local
     * sequence number grows by one with each request). A lower number changes nothing.
     */
    public void sentSequence(long number) {
        if (localSequence == EMPTY || number > localSequence) {
            localSequence = number;
        }
    }

    /**
     * The ACK for a 2xx to the INVITE that created or refreshed this dialog (RFC 3261 §13.2.2.4):
     * built as a request within the dialog, but with the INVITE's CSeq number and method ACK, and
     * no body. It does not change the local sequence number. Credentials, when the INVITE carried
     * some, are the caller's to add.
     *
     * @throws IllegalArgumentException when the response is not a 2xx to an INVITE of this dialog
     * @throws IllegalStateException when the dialog is still early (confirm it first)
     */
    public SipRequest ack(SipResponse response) {
        return ackBuilder(response).build();
    }

    /**
     * As {@link #ack(SipResponse)}, carrying a body (the SDP answer when the 2xx held the offer,
     * RFC 3261 §13.2.2.4).
     */
    public SipRequest ack(SipResponse response, String contentType, byte[] body) {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(body, "body");
        return ackBuilder(response).body(contentType, body).build();
    }

    private RequestBuilder ackBuilder(SipResponse response) {
        Objects.requireNonNull(response, "response");
        if (response.statusClass() != 2 || !response.cseq().method().equals(Method.INVITE)) {
            throw new IllegalArgumentException("only a 2xx to an INVITE is ACKed within the dialog, was "
                    + response.statusCode() + " to " + response.cseq().method());
        }
        // The 2xx answers an INVITE this side sent (initial or re-INVITE, from either end of the
        // dialog), so it names the dialog as this side does.
        DialogId named = DialogId.ofReceivedResponse(response);
        if (!named.equals(id)) {
            throw new IllegalArgumentException("the response names dialog " + named + ", not " + id);
        }
        if (state == DialogState.EARLY) {
            // A terminated dialog still ACKs a retransmitted 2xx (RFC 3261 §13.2.2.4).
            throw new IllegalStateException("a 2xx is ACKed once the dialog is confirmed, this one is " + state);
        }
        // RFC 3261 §13.2.2.4: same sequence number as the INVITE, method ACK.
        return build(Method.ACK, new CSeq(response.cseq().number(), Method.ACK));
    }

    private RequestBuilder build(Method method, CSeq cseq) {
        Uri requestUri;
        List<Address> routes;
        Address first = routeSet.isEmpty() ? null : routeSet.get(0);
        if (first == null) {
            // RFC 3261 §12.2.1.1: empty route set: Request-URI is the remote target, no Route.
            requestUri = remoteTarget;
            routes = List.of();
        } else if (first.uri() instanceof SipUri u && u.isLooseRouter()) {
            // RFC 3261 §12.2.1.1: loose router first: Request-URI is the remote target, Route the set.
            requestUri = remoteTarget;
            routes = routeSet;
        } else {
            // RFC 3261 §12.2.1.1: strict router first: its URI (without parameters a Request-URI may
            // not have) is the Request-URI; the rest of the set, then the remote target, is the Route.
            requestUri = first.uri();
            routes = new ArrayList<>(routeSet.subList(1, routeSet.size()));
            routes.add(Address.of(remoteTarget));
        }
        RequestBuilder b = SipRequest.builder(method, forRequestLine(requestUri).toString());
        for (Address route : routes) {
            b.add(HeaderName.ROUTE, route.toString());
        }
        b.add(HeaderName.MAX_FORWARDS, MAX_FORWARDS)
                .add(HeaderName.FROM, localUri.withTag(id.localTag()).toString())
                .add(HeaderName.TO, remoteUri.withTag(id.remoteTag()).toString())
                .add(HeaderName.CALL_ID, id.callId())
                .add(HeaderName.CSEQ, cseq.toString());
        if (isTargetRefresh(method)) {
            b.add(HeaderName.CONTACT, Address.of(localTarget).toString());
        }
        return b;
    }

    /**
     * The URI without what RFC 3261 §19.1.1 (table 1) keeps out of a Request-URI: the method
     * parameter and headers.
     */
    private static Uri forRequestLine(Uri uri) {
        if (uri instanceof SipUri u && (u.methodParam().isPresent() || !u.headers().isEmpty())) {
            return u.toBuilder().removeParameter("method").headers(Parameters.EMPTY).build();
        }
        return uri;
    }

    /** INVITE (RFC 3261 §12.2) and UPDATE (RFC 3311 §5) refresh the target. */
    private static boolean isTargetRefresh(Method method) {
        return method.equals(Method.INVITE) || method.equals(Method.UPDATE);
    }

    /**
     * Checks a request received within this dialog and updates the dialog (RFC 3261 §12.2.2):
     * <ul>
     * <li>a request naming another dialog, or arriving after termination: refused 481;
     * <li>ACK and CANCEL carry the CSeq number of the request they refer to (§13.2.2.4, §9.1) and
     *     are accepted without sequencing;
     * <li>a CSeq number lower than the remote sequence number: refused 500; otherwise it becomes
     *     the remote sequence number;
     * <li>a target refresh (INVITE, UPDATE) with a Contact replaces the remote target; a Contact
     *     that is not exactly one URI is refused 400 (§8.1.1.8);
     * <li>an accepted BYE terminates the dialog (§15.1.2).
     * </ul>
     * A refused request leaves the dialog unchanged.
     */
    public InDialogVerdict onRequest(SipRequest request) {
        Objects.requireNonNull(request, "request");
        if (!request.callId().equals(id.callId()) || !request.toTag().equals(Optional.of(id.localTag()))
                || !request.fromTag().equals(Optional.of(id.remoteTag()))) {
            return new InDialogVerdict.Refuse(481, "Call/Transaction Does Not Exist");
        }
        if (state == DialogState.TERMINATED) {
            return new InDialogVerdict.Refuse(481, "Call/Transaction Does Not Exist");
        }
        Method method = request.method();
        if (method.equals(Method.ACK) || method.equals(Method.CANCEL)) {
            return new InDialogVerdict.Accept();
        }
        long number = request.cseq().number();
        if (remoteSequence != EMPTY && number < remoteSequence) {
            // RFC 3261 §12.2.2: lower than the remote sequence number: out of order, 500.
            return new InDialogVerdict.Refuse(500, "CSeq " + number + " Lower Than " + remoteSequence);
        }
        Uri newTarget = null;
        if (isTargetRefresh(method) && request.hasHeader(HeaderName.CONTACT)) {
            try {
                newTarget = contactUri(request, "the target refresh");
            } catch (IllegalArgumentException e) {
                return new InDialogVerdict.Refuse(400, "Contact Must Hold Exactly One URI");
            }
        }
        remoteSequence = number;
        if (newTarget != null) {
            // RFC 3261 §12.2.2: a target refresh replaces the remote target with its Contact.
            remoteTarget = newTarget;
        }
        if (method.equals(Method.BYE)) {
            state = DialogState.TERMINATED;
        }
        return new InDialogVerdict.Accept();
    }

    /**
     * Follows a final response to a request this side sent within the dialog (RFC 3261 §12.2.1.2):
     * a 2xx to a target refresh with a Contact replaces the remote target; a 481 or 408 terminates
     * the dialog.
     *
     * @throws IllegalArgumentException when the response names another dialog
     */
    public void onResponse(SipResponse response) {
        Objects.requireNonNull(response, "response");
        DialogId named = DialogId.ofReceivedResponse(response);
        if (!named.equals(id)) {
            throw new IllegalArgumentException("the response names dialog " + named + ", not " + id);
        }
        if (state == DialogState.TERMINATED) {
            return;
        }
        int status = response.statusCode();
        if (status == 481 || status == 408) {
            // RFC 3261 §12.2.1.2: the dialog is gone (481) or unreachable (408): terminate it.
            state = DialogState.TERMINATED;
        } else if (response.statusClass() == 2 && isTargetRefresh(response.cseq().method())
                && response.hasHeader(HeaderName.CONTACT)) {
            // RFC 3261 §12.2.1.2: a 2xx to a target refresh replaces the remote target.
            remoteTarget = contactUri(response, "the 2xx to a target refresh");
        }
    }

    /** Ends the dialog (RFC 3261 §12.3): after BYE, or when the call layer gives up on it. */
    public void terminate() {
        state = DialogState.TERMINATED;
    }

    private void requireNotTerminated() {
        if (state == DialogState.TERMINATED) {
            throw new IllegalStateException("dialog " + id + " is terminated (RFC 3261 §12.3)");
        }
    }

    /** The dialog identifier, local and remote tags as this side sees them. */
    public DialogId id() {
        return id;
    }

    /** The state. */
    public DialogState state() {
        return state;
    }

    /** True when this side sent the request that created the dialog. */
    public boolean isUac() {
        return uac;
    }

    /** The local URI (RFC 3261 §12.1): this side's From in requests it sends, without tag. */
    public Address localUri() {
        return localUri;
    }

    /** The remote URI (RFC 3261 §12.1): the peer's address of record, without tag. */
    public Address remoteUri() {
        return remoteUri;
    }

    /** The local target: the Contact this side gave. */
    public Uri localTarget() {
        return localTarget;
    }

    /** The remote target: where requests within the dialog go, the peer's latest Contact. */
    public Uri remoteTarget() {
        return remoteTarget;
    }

    /** The route set, in the order requests carry it (RFC 3261 §12.1.1, §12.1.2); may be empty. */
    public List<Address> routeSet() {
        return routeSet;
    }

    /** The local sequence number: the CSeq of the last request sent; empty when none was. */
    public OptionalLong localSequence() {
        return localSequence == EMPTY ? OptionalLong.empty() : OptionalLong.of(localSequence);
    }

    /** The remote sequence number: the highest CSeq received; empty when none was. */
    public OptionalLong remoteSequence() {
        return remoteSequence == EMPTY ? OptionalLong.empty() : OptionalLong.of(remoteSequence);
    }

    /** The secure flag (RFC 3261 §12.1.1, §12.1.2): the dialog was set up with a SIPS Request-URI. */
    public boolean isSecure() {
        return secure;
    }

    @Override
    public String toString() {
        return "Dialog" + id + " " + state;
    }
}
