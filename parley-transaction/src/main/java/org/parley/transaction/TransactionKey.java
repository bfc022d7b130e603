package org.parley.transaction;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.parley.message.Method;
import org.parley.message.SipRequest;
import org.parley.message.SipResponse;
import org.parley.message.header.Via;

/**
 * What identifies a transaction when matching a message to it (RFC 3261 §17.1.3, §17.2.3).
 *
 * <p>For a branch with the {@code z9hG4bK} magic cookie the key is the branch, the sent-by of the top
 * Via (server side only: branches are unique per sender, not across senders) and the method, with
 * ACK counted as INVITE (an ACK for a non-2xx response belongs to the INVITE server transaction).
 * For an RFC 2543 branch (no cookie, or none at all) the server key falls back to the Request-URI,
 * From tag, Call-ID, CSeq number, the whole top Via and the method (ACK again as INVITE); the To tag
 * of §17.2.3 is checked by the transaction itself, since an ACK carries the tag of the response.
 *
 * <p>Immutable; its hash is computed once, so a lookup in the transaction table costs one hash
 * and one comparison of a few strings.
 */
public final class TransactionKey {
    private final String branch;
    private final String sentBy;
    private final String method;
    private final String legacy;
    private final int hash;

    private TransactionKey(String branch, String sentBy, String method, String legacy) {
        this.branch = branch;
        this.sentBy = sentBy;
        this.method = method;
        this.legacy = legacy;
        // Objects.hash's value, without its varargs array: a key is made for every message matched.
        this.hash = ((((31 + branch.hashCode()) * 31 + sentBy.hashCode()) * 31 + method.hashCode()) * 31)
                + legacy.hashCode();
    }

    /**
     * The key of the server transaction a request belongs to (RFC 3261 §17.2.3): for ACK, that of
     * its INVITE; for CANCEL, the CANCEL's own transaction (see {@link #ofCancelledInvite}).
     *
     * @throws org.parley.message.SipParseException when the top Via, CSeq or Call-ID is broken
     */
    public static TransactionKey ofServer(SipRequest request) {
        Via via = request.topVia();
        String method = serverMethod(request.method());
        String branch = via.branch().orElse("");
        if (via.isRfc3261Branch()) {
            return new TransactionKey(branch, sentBy(via), method, "");
        }
        return new TransactionKey("", "", method, legacyKey(request, via));
    }

    /**
     * The key of the INVITE server transaction a CANCEL cancels (RFC 3261 §9.2): the CANCEL's key
     * with method INVITE, since a CANCEL carries its INVITE's branch, Request-URI, From, Call-ID and
     * CSeq number.
     */
    public static TransactionKey ofCancelledInvite(SipRequest cancel) {
        Via via = cancel.topVia();
        if (via.isRfc3261Branch()) {
            return new TransactionKey(via.branch().orElse(""), sentBy(via), Method.INVITE.name(), "");
        }
        return new TransactionKey("", "", Method.INVITE.name(), legacyKey(cancel, via));
    }

    /**
     * The key of the client transaction that sent {@code request}: its branch and method. The branch
     * is ours and unique, so sent-by adds nothing (RFC 3261 §17.1.3).
     */
    public static TransactionKey ofClient(SipRequest request) {
        return new TransactionKey(request.topVia().branch().orElse(""), "", request.method().name(), "");
    }

    /**
     * The key of the client transaction a response belongs to (RFC 3261 §17.1.3): the top Via's
     * branch and the CSeq method, so that the response to a CANCEL never matches its INVITE.
     */
    public static TransactionKey ofResponse(SipResponse response) {
        return new TransactionKey(response.topVia().branch().orElse(""), "", response.cseq().method().name(), "");
    }

    private static String serverMethod(Method method) {
        // RFC 3261 §17.2.3: "the method of the request matches the one that created the
        // transaction, except for ACK, where the method of the request that created the
        // transaction is INVITE".
        return method.equals(Method.ACK) ? Method.INVITE.name() : method.name();
    }

    private static String sentBy(Via via) {
        // Host names are case-insensitive (RFC 3261 §19.1.4 applies the same rule to URIs).
        return via.sentBy().toLowerCase(Locale.ROOT);
    }

    private static String legacyKey(SipRequest request, Via via) {
        // RFC 3261 §17.2.3, RFC 2543 compatibility: Request-URI, From tag, Call-ID, CSeq number and
        // top Via; the To tag is compared by the transaction.
        return request.requestUriText() + '\n' + request.fromTag().orElse("") + '\n' + request.callId() + '\n'
                + request.cseq().number() + '\n' + via;
    }

    /** True for a key made from an RFC 3261 branch; false for the RFC 2543 fallback. */
    public boolean isRfc3261() {
        return legacy.isEmpty();
    }

    /** The branch this key holds, empty for an RFC 2543 key. */
    public String branch() {
        return branch;
    }

    /** The method of the transaction (INVITE for an ACK). */
    public String method() {
        return method;
    }

    /** The key's parts as UTF-8 bytes, which two keys share exactly when they are equal. */
    byte[] toBytes() {
        return (branch + '\n' + sentBy + '\n' + method + '\n' + legacy).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof TransactionKey k && k.hash == hash && k.branch.equals(branch)
                && k.method.equals(method) && k.sentBy.equals(sentBy) && k.legacy.equals(legacy);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return isRfc3261() ? method + " " + branch + (sentBy.isEmpty() ? "" : " from " + sentBy)
                : method + " (RFC 2543) " + legacy.replace('\n', ' ');
    }
}
