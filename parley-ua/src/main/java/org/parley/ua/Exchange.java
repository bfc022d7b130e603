package org.parley.ua;

import java.util.List;
import org.parley.message.SipRequest;
import org.parley.transaction.ClientTransaction;
import org.parley.transport.resolve.Target;

/**
 * One request as {@link Outbound} sent it, followed across authentication retries: the request
 * actually on the wire now (with its Via, Contact and credentials; CSeq and branch change on each
 * retry, RFC 3261 §22.2), its client transaction, and the located targets of its next hop.
 *
 * <p>Confined to the lane of the request's Call-ID, where it is updated and where the handler
 * reads it.
 */
final class Exchange {
    private final List<Target> targets;
    private final boolean secure;
    private SipRequest request;
    private ClientTransaction transaction;
    private int retries;

    Exchange(SipRequest request, List<Target> targets, boolean secure) {
        this.request = request;
        this.targets = List.copyOf(targets);
        this.secure = secure;
    }

    /** The request as last sent. */
    SipRequest request() {
        return request;
    }

    /** Its client transaction. */
    ClientTransaction transaction() {
        return transaction;
    }

    /** Where the next hop resolved to, in RFC 3263 order. */
    List<Target> targets() {
        return targets;
    }

    /** True when the next hop was a sips URI (RFC 3261 §26.2.2: TLS all the way). */
    boolean isSecure() {
        return secure;
    }

    int retries() {
        return retries;
    }

    void sent(SipRequest sentRequest, ClientTransaction tx, boolean retry) {
        this.request = sentRequest;
        this.transaction = tx;
        if (retry) {
            retries++;
        }
    }
}
