package org.parley.transport.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.parley.message.HeaderName;
import org.parley.message.ParserConfig;
import org.parley.message.SipParseException;
import org.parley.message.SipParser;
import org.parley.message.SipRequest;
import org.parley.message.SipResponse;
import org.parley.message.Syntax;

/**
 * The answer to a request that cannot be processed: RFC 3261 §8.2 and §16.3 send a 400 (or the
 * status the parse error names) back when the request carries what a response needs (Via, From,
 * To, Call-ID, CSeq, §8.2.6.2); otherwise nothing can be sent and the message is dropped.
 * Stateless.
 */
public final class BadRequestAnswer {
    private static final SipParser PARSER = new SipParser(ParserConfig.DEFAULT);
    /** Replaces a Request-Line that failed, only to read the headers after it; never sent. */
    private static final String STAND_IN = "OPTIONS sip:invalid SIP/2.0\r\n";

    private BadRequestAnswer() {
    }

    /**
     * The response bytes for {@code bytes}, which failed with {@code error}, or empty when no
     * response can be addressed: a response, a start line that is not a Request-Line, or a request
     * missing the headers a response copies.
     */
    public static Optional<byte[]> of(byte[] bytes, SipParseException error) {
        if (bytes.length < 4 || new String(bytes, 0, 4, StandardCharsets.US_ASCII).equalsIgnoreCase("SIP/")) {
            return Optional.empty();
        }
        SipRequest request = headers(bytes);
        if (request == null) {
            return Optional.empty();
        }
        for (HeaderName h : new HeaderName[] {HeaderName.VIA, HeaderName.FROM, HeaderName.TO, HeaderName.CALL_ID,
            HeaderName.CSEQ}) {
            if (!request.hasHeader(h)) {
                return Optional.empty();
            }
        }
        try {
            request.topVia();
        } catch (SipParseException e) {
            // No usable Via: there is nowhere to send a response (RFC 3261 §18.2.2).
            return Optional.empty();
        }
        SipResponse response = SipResponse.responseTo(request, error.statusCode(), error.reasonPhrase()).build();
        return Optional.of(response.toBytes());
    }

    /**
     * The request's headers, for copying into the answer: read without the body, since a framing
     * error (a bad Content-Length) leaves them readable; and, when the Request-Line itself is what
     * failed (an unknown SIP version gets 505, RFC 3261 §21.5.6), with that line set aside.
     */
    private static SipRequest headers(byte[] bytes) {
        try {
            return PARSER.parseHeaderSection(bytes) instanceof SipRequest r ? r : null;
        } catch (SipParseException e) {
            int lf = Syntax.indexOf(bytes, 0, bytes.length, (byte) '\n');
            if (lf < 0) {
                return null;
            }
            byte[] stand = STAND_IN.getBytes(StandardCharsets.US_ASCII);
            byte[] copy = Arrays.copyOf(stand, stand.length + bytes.length - lf - 1);
            System.arraycopy(bytes, lf + 1, copy, stand.length, bytes.length - lf - 1);
            try {
                return PARSER.parseHeaderSection(copy) instanceof SipRequest r ? r : null;
            } catch (SipParseException again) {
                return null;
            }
        }
    }
}
