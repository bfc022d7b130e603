package org.parley.transaction;

import java.nio.charset.StandardCharsets;
import org.parley.message.SipRequest;

/**
 * What RFC 3261 §8.2.2.2 compares to find a merged request: the From tag, Call-ID and CSeq (number
 * and method) of a request without a To tag. Two requests with equal keys but different
 * transactions (§17.2.3) are one request that reached this UAS by two paths. Immutable.
 *
 * @param fromTag the From tag, empty for an RFC 2543 request without one
 * @param callId  the Call-ID
 * @param cseq    the CSeq number
 * @param method  the CSeq method
 */
record MergeKey(String fromTag, String callId, long cseq, String method) {
    /** The key of {@code request}. */
    static MergeKey of(SipRequest request) {
        return new MergeKey(request.fromTag().orElse(""), request.callId(), request.cseq().number(),
                request.cseq().method().name());
    }

    /** The key's parts as UTF-8 bytes, which two keys share exactly when they are equal. */
    byte[] toBytes() {
        return (fromTag + '\n' + callId + '\n' + cseq + '\n' + method).getBytes(StandardCharsets.UTF_8);
    }
}
