package org.parley.proxy.core;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.parley.message.HeaderName;
import org.parley.message.Method;
import org.parley.message.RequestBuilder;
import org.parley.message.SipParseException;
import org.parley.message.SipRequest;
import org.parley.message.header.Address;
import org.parley.message.header.Contact;
import org.parley.message.header.Via;
import org.parley.message.uri.SipUri;
import org.parley.message.uri.Uri;
import org.parley.transport.Source;
import org.parley.transport.Transport;
import org.parley.transport.resolve.Target;

/**
 * The copy of a request sent to one target, RFC 3261 §16.6 steps 1–8: the Request-URI set to the
 * target (step 2), Max-Forwards decremented or set to 70 (step 3), our Record-Route (step 4; two of
 * them when the request leaves by another transport or interface than it came in, RFC 5658 §3.2),
 * the target's Path pushed as Route (step 6, RFC 3327 §5.3; a strict-routing next hop gets the
 * request addressed to itself, step 6), and our Via with the fork's branch on top (step 8). The next
 * hop (step 7) is the top Route after that, else the Request-URI.
 *
 * <p>Built with the message builder's copy-with-changes path: untouched header lines are copied as
 * bytes. Stateless.
 */
final class Forwarding {
    /** §16.6 step 3: the Max-Forwards a request without one gets. */
    static final int DEFAULT_MAX_FORWARDS = 70;

    private Forwarding() {
    }

    /** The URI whose RFC 3263 location gives the next hop of the copy for {@code d} (§16.6 step 7). */
    static Uri nextHop(SipRequest request, Destination d) {
        if (!d.path().isEmpty()) {
            return d.path().get(0).uri();
        }
        List<Address> routes = request.routes();
        return routes.isEmpty() ? d.requestUri() : routes.get(0).uri();
    }

    /** Whether the copy carries our Record-Route: dialog-creating requests outside a dialog (§16.6 step 4, §12.1). */
    static boolean recordRoutes(SipRequest request, boolean configured) {
        if (!configured || request.toTag().isPresent()) {
            return false;
        }
        Method m = request.method();
        return m.equals(Method.INVITE) || m.equals(Method.SUBSCRIBE) || m.equals(Method.REFER)
                || m.equals(Method.NOTIFY);
    }

    /**
     * The copy of {@code request} for {@code d}, sent to {@code target}.
     *
     * @param request the request after validation, route pre-processing and authentication
     * @param source where the request came from (for the incoming Record-Route and the caller's flow)
     * @param branch the branch of our Via
     * @param recordRoute whether to record-route (see {@link #recordRoutes})
     */
    static SipRequest copy(SipRequest request, Source source, Destination d, Target target, String branch,
            Interfaces self, boolean recordRoute) {
        RequestBuilder b = request.toBuilder();
        if (!d.requestUri().equals(request.requestUri())) {
            b.requestUri(d.requestUri().toString());
        }
        int mf = request.maxForwards().orElse(DEFAULT_MAX_FORWARDS + 1);
        b.set(HeaderName.MAX_FORWARDS, Integer.toString(mf - 1));
        InetSocketAddress out = self.sentBy(target.transport(), target.address());
        if (recordRoute) {
            recordRoute(b, request, source, d, target, out, self);
        }
        for (int i = d.path().size() - 1; i >= 0; i--) {
            b.addFirst(HeaderName.ROUTE, d.path().get(i).toString());
        }
        Uri hop = nextHop(request, d);
        if (hop != d.requestUri() && hop instanceof SipUri sip && !sip.isLooseRouter()) {
            // §16.6 step 6: the next hop is a strict router: it gets the request addressed to itself, and
            // the Request-URI goes to the end of the Route (§12.2.1.1's rule, as a proxy applies it).
            b.requestUri(sip.toString()).removeFirst(HeaderName.ROUTE)
                    .add(HeaderName.ROUTE, "<" + d.requestUri() + ">");
        }
        b.addFirst(HeaderName.VIA, via(target.transport(), out, branch));
        return b.build();
    }

    /** Our Via: the transport of the target, our address for it, the branch (§16.6 step 8, §18.1.1). */
    static String via(Transport transport, InetSocketAddress out, String branch) {
        return "SIP/2.0/" + transport.name() + " " + Interfaces.hostText(out.getAddress()) + ":" + out.getPort()
                + ";branch=" + branch;
    }

    private static void recordRoute(RequestBuilder b, SipRequest request, Source source, Destination d,
            Target target, InetSocketAddress out, Interfaces self) {
        List<Flow> flows = new ArrayList<>(2);
        if (isBehindNat(request, source)) {
            flows.add(Flow.of(source));
        }
        d.flow().ifPresent(flows::add);
        Optional<String> user = Flow.userPart(flows);
        // §16.6 step 4: a SIPS Request-URI or top Route asks for a SIPS Record-Route.
        boolean secure = request.requestUri() instanceof SipUri sips && sips.isSecure()
                || !request.routes().isEmpty() && request.routes().get(0).uri() instanceof SipUri top
                && top.isSecure();
        InetSocketAddress in = self.named(source.local(), source.remote());
        String outgoing = Interfaces.recordRoute(target.transport(), out, user, secure);
        if (target.transport().equals(source.transport()) && in.equals(out)) {
            b.addFirst(HeaderName.RECORD_ROUTE, outgoing);
            return;
        }
        // RFC 5658 §3.2: one value for each side, the outgoing one on top (what the callee sees first).
        b.addFirst(HeaderName.RECORD_ROUTE, Interfaces.recordRoute(source.transport(), in, user, secure));
        b.addFirst(HeaderName.RECORD_ROUTE, outgoing);
    }

    /**
     * True when requests cannot reach the sender at its Contact: it used a connection (which only
     * its side can open, e.g. through a NAT or from a browser), or its Via or Contact names another
     * address than the packet came from (RFC 3581 received/rport, RFC 5626 §5.3).
     */
    static boolean isBehindNat(SipRequest request, Source source) {
        if (source.transport().isReliable()) {
            return true;
        }
        Via top = request.topVia();
        int port = top.port().orElse(Transport.SIP_PORT);
        if (top.received().isPresent() || top.rport().isPresent() && top.rport().getAsInt() != port) {
            return true;
        }
        List<Contact> contacts;
        try {
            contacts = request.contacts();
        } catch (SipParseException e) {
            return false;
        }
        if (contacts.isEmpty() || contacts.get(0).address().isEmpty()) {
            return false;
        }
        Uri contact = contacts.get(0).address().get().uri();
        if (!(contact instanceof SipUri sip) || !sip.host().isIpAddress()) {
            return false;
        }
        String host = sip.host().text();
        String remote = Interfaces.hostText(source.remote().getAddress());
        int contactPort = sip.port().orElse(Transport.SIP_PORT);
        return !host.equalsIgnoreCase(remote) || contactPort != source.remote().getPort();
    }
}
