package org.parley.proxy.nat;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.parley.message.HeaderName;
import org.parley.message.Method;
import org.parley.message.SipRequest;
import org.parley.proxy.location.AddressOfRecord;
import org.parley.proxy.location.Binding;
import org.parley.transaction.TransactionLayer;
import org.parley.transport.resolve.Target;

/**
 * Builds the keep-alive OPTIONS (RFC 3261 §11.1) for a NAT'd binding, as a request outside any dialog
 * (§8.1.1): Request-URI the registered Contact URI, To the address-of-record without a tag, From the
 * configured keep-alive user at the record's domain with a new tag, a new Call-ID, CSeq 1 OPTIONS,
 * Max-Forwards 70 (§8.1.1.6), and a Via with a fresh branch and {@code rport} (RFC 3581 §3) so the
 * answer comes back through the NAT to the port it was sent from. Thread-safe: immutable.
 */
final class KeepAliveRequests {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String fromUser;

    KeepAliveRequests(String fromUser) {
        this.fromUser = fromUser;
    }

    /** The OPTIONS for {@code binding}, its Via naming {@code local}, the listener it leaves from. */
    SipRequest options(Binding binding, InetSocketAddress local) {
        AddressOfRecord aor = binding.aor();
        String host = hostText(local);
        return SipRequest.builder(Method.OPTIONS, binding.uri().toString())
                .add(HeaderName.VIA, "SIP/2.0/" + binding.source().transport().name() + " " + host + ":"
                        + local.getPort() + ";branch=" + TransactionLayer.newBranch() + ";rport")
                .add(HeaderName.MAX_FORWARDS, "70")
                .add(HeaderName.FROM, "<sip:" + fromUser + "@" + aor.domain() + ">;tag=" + random(6))
                .add(HeaderName.TO, "<sip:" + (aor.user().isEmpty() ? "" : aor.user() + "@") + aor.domain() + ">")
                .add(HeaderName.CALL_ID, random(12) + "@" + host)
                .add(HeaderName.CSEQ, "1 OPTIONS")
                .add(HeaderName.CONTENT_LENGTH, "0")
                .build();
    }

    /** Where the OPTIONS goes: the address and port the REGISTER came from, the NAT's mapping (RFC 3581 §4). */
    static Target target(Binding binding) {
        InetSocketAddress remote = binding.source().remote();
        return new Target(binding.source().transport(), remote, remote.getAddress().getHostAddress());
    }

    private static String hostText(InetSocketAddress a) {
        String text = a.getAddress().getHostAddress();
        return a.getAddress() instanceof Inet6Address ? "[" + text + "]" : text;
    }

    /** RFC 3261 §19.3 tags and §8.1.1.4 Call-IDs: random, at least 32 bits; here 8 bits per byte asked. */
    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
