package org.parley.transport.resolve;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.dns.DefaultDnsRecordDecoder;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Decodes the RDATA of the record types RFC 3263 uses. Each method reads from the buffer's reader
 * index and throws {@link IllegalArgumentException} on malformed data, which the caller turns into
 * a skipped record. Stateless.
 */
final class Rdata {
    private Rdata() {
    }

    /** NAPTR RDATA, RFC 3403 §4.1: ORDER, PREFERENCE, FLAGS, SERVICES, REGEXP, REPLACEMENT. */
    static NaptrRecord naptr(ByteBuf in) {
        need(in, 4, "NAPTR");
        int order = in.readUnsignedShort();
        int preference = in.readUnsignedShort();
        String flags = characterString(in);
        String service = characterString(in);
        String regexp = characterString(in);
        return new NaptrRecord(order, preference, flags, service, regexp, name(in));
    }

    /** SRV RDATA, RFC 2782: Priority, Weight, Port, Target. */
    static SrvRecord srv(ByteBuf in) {
        need(in, 6, "SRV");
        int priority = in.readUnsignedShort();
        int weight = in.readUnsignedShort();
        int port = in.readUnsignedShort();
        return new SrvRecord(priority, weight, port, name(in));
    }

    /** A (RFC 1035 §3.4.1, 4 bytes) or AAAA (RFC 3596 §2.2, 16 bytes) RDATA. */
    static InetAddress address(ByteBuf in) {
        int length = in.readableBytes();
        if (length != 4 && length != 16) {
            throw new IllegalArgumentException("Address RDATA must be 4 or 16 bytes, was " + length);
        }
        byte[] bytes = new byte[length];
        in.readBytes(bytes);
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("Bad address RDATA", e);
        }
    }

    /** CNAME RDATA, RFC 1035 §3.3.1: the canonical name. */
    static String cname(ByteBuf in) {
        return name(in);
    }

    /**
     * The MINIMUM field of SOA RDATA (RFC 1035 §3.3.13: MNAME, RNAME, SERIAL, REFRESH, RETRY,
     * EXPIRE, MINIMUM), which RFC 2308 §4 makes the TTL of negative answers; unsigned, in seconds.
     */
    static long soaMinimum(ByteBuf in) {
        name(in);
        name(in);
        need(in, 20, "SOA");
        in.skipBytes(16);
        return in.readUnsignedInt();
    }

        /** A domain name, lower case, without the trailing dot; the root is "". */
    static String name(ByteBuf in) {
        String name;
        try {
            name = DefaultDnsRecordDecoder.decodeName(in);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Bad domain name in RDATA", e);
        }
        return normalize(name);
    }

    /** Lower case, no trailing dot: the form names are compared and cached in. */
    static String normalize(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }

    /** RFC 1035 §3.3 character-string: a length byte and that many bytes. */
    private static String characterString(ByteBuf in) {
        need(in, 1, "character-string");
        int length = in.readUnsignedByte();
        need(in, length, "character-string");
        return in.readCharSequence(length, StandardCharsets.US_ASCII).toString();
    }

    private static void need(ByteBuf in, int bytes, String what) {
        if (in.readableBytes() < bytes) {
            throw new IllegalArgumentException(what + " needs " + bytes + " bytes, " + in.readableBytes() + " left");
        }
    }
}
