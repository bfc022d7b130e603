package org.parley.proxy.core;

import java.util.ArrayList;
import java.util.List;
import org.parley.message.HeaderName;
import org.parley.message.RequestBuilder;
import org.parley.message.SipRequest;
import org.parley.message.header.Address;
import org.parley.message.uri.SipUri;
import org.parley.message.uri.Uri;

/**
 * Route information pre-processing, RFC 3261 §16.4 (with RFC 5658's double Record-Route):
 *
 * <ol>
 *   <li>A Request-URI that is a Record-Route value of ours (our address with {@code lr}) came from a
 *       strict router upstream: the last Route value becomes the Request-URI and is removed.</li>
 *   <li>Every Route value on top that names us is removed (two of them after a double Record-Route).</li>
 * </ol>
 *
 * <p>The flows named in the user parts of the values removed ({@link Flow}) are kept: they say over
 * which flow an in-dialog request must leave. Stateless.
 */
final class RoutePreprocessing {
    /**
     * The request after pre-processing.
     *
     * @param request the request with our entries removed (the same object when nothing changed)
     * @param flows the flows named by the values removed, in order
     */
    record Result(SipRequest request, List<Flow> flows) {
    }

    private RoutePreprocessing() {
    }

    static Result process(SipRequest request, Interfaces self) {
        List<Address> routes = request.routes();
        Uri uri = request.requestUri();
        List<Flow> flows = new ArrayList<>(2);
        RequestBuilder b = null;
        int from = 0;
        int to = routes.size();
        if (uri instanceof SipUri sip && sip.isLooseRouter() && self.isUs(sip) && !routes.isEmpty()) {
            // Step 1: a strict router put our Record-Route value into the Request-URI.
            flows.addAll(Flow.parse(sip.user().orElse(null)));
            to--;
            b = request.toBuilder().requestUri(routes.get(to).uri().toString());
        }
        while (from < to && self.isUs(routes.get(from).uri())) {
            // Step 2: the top Route names us.
            if (routes.get(from).uri() instanceof SipUri sip) {
                flows.addAll(Flow.parse(sip.user().orElse(null)));
            }
            from++;
        }
        if (b == null && from == 0) {
            return new Result(request, List.of());
        }
        if (b == null) {
            b = request.toBuilder();
        }
        if (to == routes.size()) {
            for (int i = 0; i < from; i++) {
                b.removeFirst(HeaderName.ROUTE);
            }
        } else {
            b.remove(HeaderName.ROUTE);
            for (int i = from; i < to; i++) {
                b.add(HeaderName.ROUTE, routes.get(i).toString());
            }
        }
        return new Result(b.build(), List.copyOf(flows));
    }
}
