package org.parley.proxy.core;

import java.util.List;
import java.util.Optional;
import org.parley.message.HeaderName;
import org.parley.message.Method;
import org.parley.message.SipParseException;
import org.parley.message.SipRequest;
import org.parley.message.SipResponse;
import org.parley.message.header.Via;
import org.parley.message.uri.SipUri;
import org.parley.message.uri.Uri;

/**
 * Request validation, RFC 3261 §16.3: what the proxy checks before it routes a request, and the
 * response that refuses a request that fails.
 *
 * <ol>
 *   <li>Reasonable syntax: the header fields the proxy reads (Via, From, To, Call-ID, CSeq,
 *       Max-Forwards, Route, Proxy-Require) parse; else 400 naming the problem.</li>
 *   <li>URI scheme: sip or sips; anything else 416 (we have no way to route a tel or other URI).</li>
 *   <li>Max-Forwards: 0 gets 483, except an OPTIONS for the proxy itself, answered 200 (§16.3 step 3,
 *       §11).</li>
 *   <li>Loop detection: a Via of ours whose branch carries the hash of the request as it is now
 *       ({@link LoopHash}) means the request came back unchanged: 482.</li>
 *   <li>Proxy-Require: the proxy supports no extension that needs it: 420 with Unsupported listing
 *       every tag (§16.3 step 5, §8.2.2.3).</li>
 * </ol>
 *
 * <p>Stateless; called on the request's lane.
 */
final class RequestChecks {
    private RequestChecks() {
    }

    /**
     * The response refusing {@code request}, or empty when it may be routed.
     *
     * @param hash the request's {@link LoopHash}, computed by the caller (it names the branches too)
     * @param forUs whether the Request-URI names this proxy (for the OPTIONS of step 3)
     */
    static Optional<SipResponse> check(SipRequest request, Interfaces self, String hash, boolean forUs) {
        // Step 1: reasonable syntax of what the proxy reads.
        List<Via> vias;
        try {
            vias = request.vias();
            request.from();
            request.to();
            request.cseq();
            request.maxForwards();
            request.routes();
            request.proxyRequire();
            request.requestUri();
        } catch (SipParseException e) {
            return Optional.of(Replies.to(request, 400, Replies.reason("Bad Request", e.reason())).build());
        }
        // Step 2: the URI scheme.
        Uri uri = request.requestUri();
        if (!(uri instanceof SipUri)) {
            return Optional.of(Replies.to(request, 416, "Unsupported URI Scheme (" + uri.scheme() + ")").build());
        }
        // Step 3: Max-Forwards.
        if (request.maxForwards().orElse(70) == 0) {
            if (request.method().equals(Method.OPTIONS) && forUs) {
                return Optional.of(options(request));
            }
            return Optional.of(Replies.to(request, 483).build());
        }
        // Step 4: loop detection.
        for (Via v : vias) {
            Optional<String> ours = v.branch().flatMap(LoopHash::hashOf);
            if (ours.isPresent() && ours.get().equals(hash) && self.isUs(v)) {
                return Optional.of(Replies.to(request, 482).build());
            }
        }
        // Step 5: Proxy-Require.
        List<String> required = request.proxyRequire();
        if (!required.isEmpty()) {
            return Optional.of(Replies.to(request, 420).add(HeaderName.UNSUPPORTED, String.join(", ", required))
                    .build());
        }
        return Optional.empty();
    }

    /** The proxy's answer to an OPTIONS for itself (RFC 3261 §11.2). */
    static SipResponse options(SipRequest request) {
        return Replies.to(request, 200).add(HeaderName.ALLOW, Replies.ALLOW).add(HeaderName.ACCEPT, Replies.ACCEPT)
                .add(HeaderName.SUPPORTED, Replies.SUPPORTED).build();
    }
}
