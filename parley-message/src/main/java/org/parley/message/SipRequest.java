package org.parley.message;

import org.parley.message.uri.Uri;

/**
 * A SIP request (RFC 3261 §7.1): method, Request-URI, headers and body. Immutable and thread-safe
 * (see {@link SipMessage}).
 */
public final class SipRequest extends SipMessage {
    private final Method method;
    /** Where the Request-URI lies in the bytes (read by {@link NonInviteAck}). */
    final int uriStart;
    final int uriEnd;

    SipRequest(Method method, int uriStart, int uriEnd, byte[] buf, int start, int startLineEnd, int[] index,
            int headerCount, int bodyStart, int end) {
        super(buf, start, startLineEnd, index, headerCount, bodyStart, end);
        this.method = method;
        this.uriStart = uriStart;
        this.uriEnd = uriEnd;
    }

    /** Starts a request with this method and Request-URI. */
    public static RequestBuilder builder(Method method, String requestUri) {
        return new RequestBuilder(method, requestUri);
    }

    /**
     * The ACK an INVITE client transaction sends for a non-2xx final response (RFC 3261 §17.1.1.3):
     * the INVITE's Request-URI, its top Via alone (so that it matches the server transaction), its
     * Route lines, From, Call-ID and CSeq number with method ACK, the To of {@code response} (with
     * the tag the server added), Max-Forwards 70 and no body. Lines are copied byte for byte. Not for
     * a 2xx: that ACK is a request of the dialog, with a new branch (§13.2.2.4).
     *
     * @throws IllegalArgumentException when the INVITE lacks a Via, From or Call-ID, or the response a To
     * @throws SipParseException when the INVITE's CSeq, or its top Via written as a list, is malformed
     */
    public static SipRequest ackFor(SipRequest invite, SipResponse response) {
        return NonInviteAck.of(invite, response);
    }

    @Override
    public boolean isRequest() {
        return true;
    }

    /** The method of the Request-Line. */
    public Method method() {
        return method;
    }

    /** The Request-URI exactly as written in the Request-Line. */
    public String requestUriText() {
        return Syntax.latin1(buf, uriStart, uriEnd);
    }

    /**
     * The Request-URI, parsed (RFC 3261 §19.1; any other scheme as an absolute URI).
     *
     * @throws SipParseException when it breaks the URI grammar (400)
     */
    public Uri requestUri() {
        Object c = cached(TypedSlot.REQUEST_URI);
        if (c != null) {
            return (Uri) c;
        }
        return cache(TypedSlot.REQUEST_URI, Uri.parse(requestUriText()));
    }

    @Override
    public RequestBuilder toBuilder() {
        return new RequestBuilder(this);
    }
}
