package org.parley.message;

/** Builds a {@link SipResponse}. Not thread-safe. */
public final class ResponseBuilder extends MessageBuilder<ResponseBuilder> {
    private int statusCode;
    private String reasonPhrase;

    ResponseBuilder(int statusCode, String reasonPhrase) {
        status(statusCode, reasonPhrase);
    }

    ResponseBuilder(SipResponse response) {
        super(response);
        this.statusCode = response.statusCode();
        this.reasonPhrase = response.reasonPhrase();
    }

    /** Sets the status code and reason phrase (any text without CR or LF, RFC 3261 §25.1). */
    public ResponseBuilder status(int code, String phrase) {
        if (!StatusCode.isValid(code)) {
            throw new IllegalArgumentException("status code must be 100..699, was " + code);
        }
        if (phrase.indexOf('\r') >= 0 || phrase.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("reason phrase must not contain CR or LF, was \"" + phrase + "\"");
        }
        this.statusCode = code;
        this.reasonPhrase = phrase;
        return this;
    }

    @Override
    void writeStartLine(ByteSink out) {
        out.writeAscii("SIP/2.0 ");
        out.writeAscii(Integer.toString(statusCode));
        out.write(' ');
        out.writeUtf8(reasonPhrase);
    }

    @Override
    SipMessage create(byte[] bytes, int startLineEnd, int[] index, int count, int bodyStart) {
        return new SipResponse(statusCode, "SIP/2.0 ".length() + 4, bytes, 0, startLineEnd, index, count, bodyStart,
                bytes.length);
    }

    @Override
    public SipResponse build() {
        return (SipResponse) super.build();
    }
}
