package org.parley.proxy.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.parley.message.uri.SipUri;
import org.parley.message.uri.Uri;
import org.parley.proxy.location.Binding;

/**
 * The target set of an address-of-record (RFC 3261 §16.5) in fork order (§16.6, RFC 3261 §16.6
 * step 1 and RFC 3841's reading of q): bindings grouped by q-value, highest first; a group is tried
 * in parallel, the next one only when every branch of the previous failed. A binding that registered
 * over a connection, or from an address other than its Contact's (a NAT), is reached over its flow
 * (RFC 5626 §5.3), unless it has a Path, whose first hop then carries it. Stateless.
 */
final class Targets {
    private Targets() {
    }

    static List<List<Destination>> groups(List<Binding> bindings) {
        List<Binding> sorted = new ArrayList<>(bindings);
        sorted.sort(Comparator.comparingInt(Binding::qThousandths).reversed());
        List<List<Destination>> groups = new ArrayList<>();
        List<Destination> group = new ArrayList<>();
        int q = -1;
        for (Binding b : sorted) {
            if (b.qThousandths() != q && !group.isEmpty()) {
                groups.add(List.copyOf(group));
                group.clear();
            }
            q = b.qThousandths();
            group.add(destination(b));
        }
        groups.add(List.copyOf(group));
        return List.copyOf(groups);
    }

    static Destination destination(Binding b) {
        // With a Path, the first hop of the Path keeps the flow (RFC 5626 §5.3 at the edge proxy), not us.
        Optional<Flow> flow = b.path().isEmpty() && needsFlow(b) ? Optional.of(Flow.of(b.source()))
                : Optional.empty();
        return new Destination(b.uri(), b.path(), flow, b.qThousandths());
    }

    /** True when the Contact cannot be reached directly: a stream, outbound, or another address than the source. */
    static boolean needsFlow(Binding b) {
        if (b.source().transport().isReliable() || b.isOutbound()) {
            return true;
        }
        Uri uri = b.uri();
        if (!(uri instanceof SipUri sip) || !sip.host().isIpAddress()) {
            return true;
        }
        String remote = Interfaces.hostText(b.source().remote().getAddress());
        int port = sip.port().orElse(b.source().transport().defaultPort());
        return !sip.host().text().equalsIgnoreCase(remote) || port != b.source().remote().getPort();
    }
}
