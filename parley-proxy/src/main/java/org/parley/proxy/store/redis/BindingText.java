package org.parley.proxy.store.redis;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import org.parley.message.SipParseException;
import org.parley.message.header.Address;
import org.parley.message.header.Contact;
import org.parley.proxy.location.AddressOfRecord;
import org.parley.proxy.location.Binding;
import org.parley.transport.Source;
import org.parley.transport.Transport;

/**
 * The text one Redis value holds: every binding of one address-of-record, in order, each field
 * length-prefixed ({@code <length>:<characters>}) so that any character a SIP header may carry (a
 * User-Agent with tabs or colons, a quoted display name) survives unescaped. Layout:
 *
 * <pre>
 *   "P1" count { contact expiresAtMillis callId cseq pathCount {path} instance regId
 *                transport remoteIp remotePort localIp localPort connectionId identityCount {identity}
 *                userAgent }
 * </pre>
 *
 * Optional fields are "" when absent and "=" followed by the value when present. The address-of-record
 * is the key, so it is not repeated. Decoding never trusts the text: every length is checked against
 * what is left, addresses must be IP literals (no name lookup), and any flaw is an
 * {@link IllegalArgumentException} saying where. Immutable (static methods only).
 */
final class BindingText {
    /** The format tag; a later layout gets a new one and the decoder keeps reading this one. */
    static final String VERSION = "P1";
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private BindingText() {
    }

    /** The value for {@code bindings} (not empty). */
    static String encode(List<Binding> bindings) {
        StringBuilder b = new StringBuilder(256 * bindings.size());
        field(b, VERSION);
        field(b, Integer.toString(bindings.size()));
        for (Binding binding : bindings) {
            field(b, binding.contact().toString());
            field(b, Long.toString(binding.expiresAt().toEpochMilli()));
            field(b, binding.callId());
            field(b, Long.toString(binding.cseq()));
            field(b, Integer.toString(binding.path().size()));
            for (Address hop : binding.path()) {
                field(b, hop.toString());
            }
            optional(b, binding.instanceId());
            field(b, binding.regId().isPresent() ? Integer.toString(binding.regId().getAsInt()) : "");
            Source s = binding.source();
            field(b, s.transport().name());
            address(b, s.remote());
            address(b, s.local());
            field(b, Long.toString(s.connectionId()));
            field(b, Integer.toString(s.peerIdentities().size()));
            for (String identity : s.peerIdentities()) {
                field(b, identity);
            }
            optional(b, binding.userAgent());
        }
        return b.toString();
    }

    /**
     * The bindings {@code text} holds, for {@code aor}.
     *
     * @throws IllegalArgumentException naming the flaw when the text is not a value {@link #encode} wrote
     */
    static List<Binding> decode(AddressOfRecord aor, String text) {
        Reader r = new Reader(text);
        String version = r.next();
        if (!version.equals(VERSION)) {
            throw new IllegalArgumentException("unknown binding format \"" + version + "\", expected " + VERSION);
        }
        int count = r.count();
        List<Binding> bindings = new ArrayList<>(count);
        try {
            for (int i = 0; i < count; i++) {
                bindings.add(binding(aor, r));
            }
        } catch (SipParseException e) {
            throw new IllegalArgumentException("a stored header does not parse: " + e.getMessage(), e);
        }
        if (!r.atEnd()) {
            throw new IllegalArgumentException("text after the last binding at offset " + r.position);
        }
        return bindings;
    }

    private static Binding binding(AddressOfRecord aor, Reader r) {
        Contact contact = Contact.parse(r.next());
        Instant expiresAt = Instant.ofEpochMilli(r.number());
        String callId = r.next();
        long cseq = r.number();
        int hops = r.count();
        List<Address> path = new ArrayList<>(hops);
        for (int i = 0; i < hops; i++) {
            path.add(Address.parse("Path", r.next()));
        }
        Optional<String> instance = r.optional();
        String regIdText = r.next();
        OptionalInt regId = regIdText.isEmpty() ? OptionalInt.empty() : OptionalInt.of(Math.toIntExact(
                parseLong(regIdText)));
        Transport transport = Transport.of(r.next());
        InetSocketAddress remote = r.address();
        InetSocketAddress local = r.address();
        long connectionId = r.number();
        int identityCount = r.count();
        List<String> identities = new ArrayList<>(identityCount);
        for (int i = 0; i < identityCount; i++) {
            identities.add(r.next());
        }
        Optional<String> userAgent = r.optional();
        return new Binding(aor, contact, expiresAt, callId, cseq, path, instance, regId,
                new Source(transport, remote, local, connectionId, identities), userAgent);
    }

    private static void field(StringBuilder b, String value) {
        b.append(value.length()).append(':').append(value);
    }

    private static void optional(StringBuilder b, Optional<String> value) {
        field(b, value.map(v -> "=" + v).orElse(""));
    }

    private static void address(StringBuilder b, InetSocketAddress a) {
        InetAddress ip = a.getAddress();
        if (ip == null) {
            throw new IllegalArgumentException("a binding's source needs resolved addresses, was " + a);
        }
        field(b, ip.getHostAddress());
        field(b, Integer.toString(a.getPort()));
    }

    private static long parseLong(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a number, was \"" + text + "\"", e);
        }
    }

    /** A cursor over the fields of one value. Confined to the decoding thread. */
    private static final class Reader {
        private final String text;
        private int position;

        Reader(String text) {
            this.text = text;
        }

        boolean atEnd() {
            return position == text.length();
        }

        String next() {
            int colon = text.indexOf(':', position);
            // A length has at most 9 digits: no field of a bounded SIP message is longer.
            if (colon < 0 || colon == position || colon - position > 9) {
                throw new IllegalArgumentException("expected <length>: at offset " + position);
            }
            int length = 0;
            for (int i = position; i < colon; i++) {
                char c = text.charAt(i);
                if (c < '0' || c > '9') {
                    throw new IllegalArgumentException("expected a length at offset " + position + ", found '" + c
                            + "'");
                }
                length = length * 10 + (c - '0');
            }
            int end = colon + 1 + length;
            if (length > text.length() - colon - 1) {
                throw new IllegalArgumentException("field at offset " + position + " claims " + length
                        + " characters, only " + (text.length() - colon - 1) + " left");
            }
            String value = text.substring(colon + 1, end);
            position = end;
            return value;
        }

        long number() {
            return parseLong(next());
        }

        /** A count of following fields: never more than the characters left, so a lie cannot allocate. */
        int count() {
            long n = number();
            if (n < 0 || n > text.length() - position) {
                throw new IllegalArgumentException("count " + n + " at offset " + position + " exceeds the text");
            }
            return (int) n;
        }

        Optional<String> optional() {
            String v = next();
            if (v.isEmpty()) {
                return Optional.empty();
            }
            if (v.charAt(0) != '=') {
                throw new IllegalArgumentException("expected an optional field at offset " + position);
            }
            return Optional.of(v.substring(1));
        }

        InetSocketAddress address() {
            String ip = next();
            long port = number();
            // Only literals: InetAddress.getByName must not turn a stored name into a DNS lookup.
            if (!(IPV4.matcher(ip).matches() || ip.indexOf(':') >= 0) || port < 0 || port > 0xFFFF) {
                throw new IllegalArgumentException("expected an IP literal and a port, was " + ip + " " + port);
            }
            try {
                return new InetSocketAddress(InetAddress.getByName(ip), (int) port);
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("not an IP literal: " + ip, e);
            }
        }
    }
}
