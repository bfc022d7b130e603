package org.parley.message;

import java.util.Objects;

/** Builds a {@link SipRequest}. Not thread-safe. */
public final class RequestBuilder extends MessageBuilder<RequestBuilder> {
    private Method method;
    private String requestUri;

    RequestBuilder(Method method, String requestUri) {
        method(method);
        requestUri(requestUri);
    }

    RequestBuilder(SipRequest request) {
        super(request);
        this.method = request.method();
        this.requestUri = request.requestUriText();
    }

    /** Sets the method. */
    public RequestBuilder method(Method newMethod) {
        this.method = Objects.requireNonNull(newMethod, "method");
        return this;
    }

    /**
     * Sets the Request-URI, written as given: a URI with a scheme and no whitespace, not in angle
     * brackets (RFC 3261 §25.1 Request-URI).
     */
    public RequestBuilder requestUri(String uri) {
        Objects.requireNonNull(uri, "uri");
        boolean bad = uri.isEmpty() || uri.indexOf(':') < 1 || uri.charAt(0) == '<';
        for (int i = 0; i < uri.length() && !bad; i++) {
            char c = uri.charAt(i);
            bad = c <= ' ' || c >= 127;
        }
        if (bad) {
            throw new IllegalArgumentException("Request-URI must be a URI with a scheme and no whitespace, was \""
                    + uri + "\"");
        }
        this.requestUri = uri;
        return this;
    }

    @Override
    void writeStartLine(ByteSink out) {
        out.writeAscii(method.name());
        out.write(' ');
        out.writeAscii(requestUri);
        out.writeAscii(" SIP/2.0");
    }

    @Override
    SipMessage create(byte[] bytes, int startLineEnd, int[] index, int count, int bodyStart) {
        int uriStart = method.name().length() + 1;
        return new SipRequest(method, uriStart, uriStart + requestUri.length(), bytes, 0, startLineEnd, index, count,
                bodyStart, bytes.length);
    }

    @Override
    public SipRequest build() {
        return (SipRequest) super.build();
    }
}
