package org.parley.transport.internal;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.parley.message.HeaderName;
import org.parley.message.ParserConfig;
import org.parley.message.SipParseException;
import org.parley.message.SipParser;
import org.parley.message.SipRequest;
import org.parley.message.SipResponse;

/**
 * The answer to a request that cannot be processed: RFC 3261 §8.2 and §16.3 send a 400 (or the
 * status the parse error names) back when the request carries what a response needs (Via, From,
 * To, Call-ID, CSeq, §8.2.6.2); otherwise nothing can be sent and the message is dropped.
 * Stateless.
 */
public final class BadRequestAnswer {
    private static final SipParser PARSER = new SipParser(ParserConfig.DEFAULT);

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
        SipRequest request;
        try {
            // A framing error (a bad Content-Length, say) leaves the headers readable.
            if (!(PARSER.parseHeaderSection(bytes) instanceof SipRequest r)) {
                return Optional.empty();
            }
            request = r;
        } catch (SipParseException e) {
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
}
