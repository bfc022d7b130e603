package org.parley.testkit;

import java.net.InetSocketAddress;
import java.util.Objects;
import org.parley.message.Method;
import org.parley.message.SipRequest;
import org.parley.message.SipResponse;
import org.parley.transport.Transport;

/**
 * Selects packets for a fault rule of the {@link MemoryNetwork} or for {@link MemoryNetwork#release}:
 * "from A to B", "every INVITE", "200 responses to INVITE". Combine with {@link #and}, {@link #or},
 * {@link #negate}; pick "the 2nd ACK" with the rule's {@link FaultRule#afterSkipping(int)}.
 *
 * <p>A filter should be a pure function of the packet; the network evaluates it on the test thread.
 */
@FunctionalInterface
public interface PacketFilter {
    /** True when the rule applies to {@code packet}. */
    boolean matches(Packet packet);

    /** Both this and {@code other}. */
    default PacketFilter and(PacketFilter other) {
        Objects.requireNonNull(other, "other");
        return p -> matches(p) && other.matches(p);
    }

    /** This or {@code other}. */
    default PacketFilter or(PacketFilter other) {
        Objects.requireNonNull(other, "other");
        return p -> matches(p) || other.matches(p);
    }

    /** Not this. */
    default PacketFilter negate() {
        return p -> !matches(p);
    }

    /** Every packet. */
    static PacketFilter any() {
        return p -> true;
    }

    /** Packets sent by the endpoint at {@code address}. */
    static PacketFilter from(InetSocketAddress address) {
        Objects.requireNonNull(address, "address");
        return p -> p.source().equals(address);
    }

    /** Packets sent to {@code address}. */
    static PacketFilter to(InetSocketAddress address) {
        Objects.requireNonNull(address, "address");
        return p -> p.destination().equals(address);
    }

    /** Packets from {@code source} to {@code destination}, one direction only. */
    static PacketFilter between(InetSocketAddress source, InetSocketAddress destination) {
        return from(source).and(to(destination));
    }

    /** Packets over {@code transport}. */
    static PacketFilter over(Transport transport) {
        Objects.requireNonNull(transport, "transport");
        return p -> p.transport().equals(transport);
    }

    /** Requests of {@code method}. */
    static PacketFilter request(Method method) {
        Objects.requireNonNull(method, "method");
        return p -> p.message() instanceof SipRequest r && r.method().equals(method);
    }

    /** Every request. */
    static PacketFilter requests() {
        return Packet::isRequest;
    }

    /** Every response. */
    static PacketFilter responses() {
        return p -> !p.isRequest();
    }

    /** Responses with {@code statusCode}. */
    static PacketFilter response(int statusCode) {
        return p -> p.message() instanceof SipResponse r && r.statusCode() == statusCode;
    }

    /** Responses with {@code statusCode} whose CSeq names {@code method} (RFC 3261 §8.1.3.3). */
    static PacketFilter response(int statusCode, Method method) {
        Objects.requireNonNull(method, "method");
        return p -> p.message() instanceof SipResponse r && r.statusCode() == statusCode
                && r.cseq().method().equals(method);
    }
}
