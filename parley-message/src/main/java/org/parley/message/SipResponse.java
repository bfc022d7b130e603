package org.parley.message;

/**
 * A SIP response (RFC 3261 §7.2): status code, reason phrase, headers and body. Immutable and
 * thread-safe (see {@link SipMessage}).
 */
public final class SipResponse extends SipMessage {
    private final int statusCode;
    private final int reasonStart;

    SipResponse(int statusCode, int reasonStart, byte[] buf, int start, int startLineEnd, int[] index,
            int headerCount, int bodyStart, int end) {
        super(buf, start, startLineEnd, index, headerCount, bodyStart, end);
        this.statusCode = statusCode;
        this.reasonStart = reasonStart;
    }

    /** Starts a response with this status code and its default reason phrase. */
    public static ResponseBuilder builder(int statusCode) {
        return new ResponseBuilder(statusCode, StatusCode.reasonPhrase(statusCode));
    }

    /** Starts a response with this status code and reason phrase. */
    public static ResponseBuilder builder(int statusCode, String reasonPhrase) {
        return new ResponseBuilder(statusCode, reasonPhrase);
    }

    /**
     * Starts a response to {@code request}: Via, From, To, Call-ID and CSeq copied from it byte for
     * byte (RFC 3261 §8.2.6.2), and Timestamp when it has one (§8.2.6.1). A UAS adds the To tag; a
     * 100 Trying must not have one (§8.2.6.2).
     */
    public static ResponseBuilder responseTo(SipRequest request, int statusCode) {
        return responseTo(request, statusCode, StatusCode.reasonPhrase(statusCode));
    }

    /** As {@link #responseTo(SipRequest, int)}, with this reason phrase. */
    public static ResponseBuilder responseTo(SipRequest request, int statusCode, String reasonPhrase) {
        ResponseBuilder b = new ResponseBuilder(statusCode, reasonPhrase);
        b.copyLines(request, HeaderName.VIA);
        b.copyLines(request, HeaderName.FROM);
        b.copyLines(request, HeaderName.TO);
        b.copyLines(request, HeaderName.CALL_ID);
        b.copyLines(request, HeaderName.CSEQ);
        b.copyLines(request, HeaderName.TIMESTAMP);
        return b;
    }

    @Override
    public boolean isRequest() {
        return false;
    }

    /** The status code, 100 to 699. */
    public int statusCode() {
        return statusCode;
    }

    /** The status class: 1 for provisional, 2 for success, and so on. */
    public int statusClass() {
        return statusCode / 100;
    }

    /** True for 1xx. */
    public boolean isProvisional() {
        return statusCode < 200;
    }

    /** The reason phrase as written (UTF-8; may be empty, RFC 4475 §3.1.1.13). */
    public String reasonPhrase() {
        return Syntax.utf8(buf, reasonStart, startLineEnd);
    }

    @Override
    public ResponseBuilder toBuilder() {
        return new ResponseBuilder(this);
    }
}
