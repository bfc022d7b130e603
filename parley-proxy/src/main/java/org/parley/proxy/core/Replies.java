package org.parley.proxy.core;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.parley.message.HeaderName;
import org.parley.message.ResponseBuilder;
import org.parley.message.SipRequest;
import org.parley.message.SipResponse;

/**
 * Responses the proxy makes itself (RFC 3261 §16.3, §8.2.6): copied from the request as §8.2.6.2
 * says, with a To tag unless the request already has one or the response is a 100. Stateless.
 */
final class Replies {
    /** What the proxy allows, accepts and supports, for OPTIONS answered locally (§11.2, §16.3 step 3). */
    static final String ALLOW = "INVITE, ACK, CANCEL, BYE, OPTIONS, REGISTER, MESSAGE, SUBSCRIBE, NOTIFY, REFER, "
            + "INFO, UPDATE, PRACK, PUBLISH";
    static final String ACCEPT = "application/sdp";
    static final String SUPPORTED = "path, outbound";

    private Replies() {
    }

    /** A response to {@code request} with {@code status} and its usual reason phrase. */
    static ResponseBuilder to(SipRequest request, int status) {
        return tagged(request, SipResponse.responseTo(request, status));
    }

    /** A response to {@code request} with {@code status} and {@code reason}. */
    static ResponseBuilder to(SipRequest request, int status, String reason) {
        return tagged(request, SipResponse.responseTo(request, status, reason));
    }

    private static ResponseBuilder tagged(SipRequest request, ResponseBuilder b) {
        if (request.toTag().isEmpty()) {
            b.set(HeaderName.TO, request.header(HeaderName.TO).orElse("<" + request.requestUriText() + ">")
                    + ";tag=" + newTag());
        }
        return b;
    }

    /** A To tag (RFC 3261 §19.3: at least 32 random bits). */
    static String newTag() {
        byte[] b = new byte[6];
        ThreadLocalRandom.current().nextBytes(b);
        return "p" + HexFormat.of().formatHex(b);
    }

    /** A reason phrase made safe for the status line: no CR, LF or control characters, at most 160 characters. */
    static String reason(String base, String detail) {
        String d = detail == null ? "" : detail.replaceAll("[\\p{Cntrl}]", " ");
        String full = d.isBlank() ? base : base + " (" + d + ")";
        return full.length() > 160 ? full.substring(0, 157) + "..." : full;
    }
}
