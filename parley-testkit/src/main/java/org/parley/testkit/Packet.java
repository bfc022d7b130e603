package org.parley.testkit;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Objects;
import org.parley.message.SipMessage;
import org.parley.message.SipParseException;
import org.parley.message.SipParser;
import org.parley.transport.Transport;

/**
 * One message in flight on a {@link MemoryNetwork}: the bytes a sender's {@code send} or
 * {@code respond} serialized, where they go, over which transport, and when they are due.
 *
 * <p>Immutable, but for the parse of its bytes, made once when first asked for (by a
 * {@link PacketFilter}, a test, or delivery) and shared, like the typed headers of a message.
 */
public final class Packet {
    private final long sequence;
    private final Transport transport;
    private final InetSocketAddress source;
    private final InetSocketAddress destination;
    private final long connectionId;
    private final byte[] bytes;
    private final Instant sentAt;
    private final Instant due;
    private volatile SipMessage message;

    Packet(long sequence, Transport transport, InetSocketAddress source, InetSocketAddress destination,
            long connectionId, byte[] bytes, Instant sentAt, Instant due) {
        this.sequence = sequence;
        this.transport = Objects.requireNonNull(transport, "transport");
        this.source = Objects.requireNonNull(source, "source");
        this.destination = Objects.requireNonNull(destination, "destination");
        this.connectionId = connectionId;
        this.bytes = Objects.requireNonNull(bytes, "bytes");
        this.sentAt = Objects.requireNonNull(sentAt, "sentAt");
        this.due = Objects.requireNonNull(due, "due");
    }

    /** The same packet under a new sequence number and due instant (a duplicate, or a delayed one). */
    Packet copy(long newSequence, Instant newDue) {
        Packet p = new Packet(newSequence, transport, source, destination, connectionId, bytes, sentAt, newDue);
        p.message = message;
        return p;
    }

    /** The network's send order, from 1: among packets due at the same instant, the lower goes first. */
    public long sequence() {
        return sequence;
    }

    /** The transport it travels over. */
    public Transport transport() {
        return transport;
    }

    /** The sending endpoint's address: the delivered {@code Source.remote()}. */
    public InetSocketAddress source() {
        return source;
    }

    /** The address it was sent to. */
    public InetSocketAddress destination() {
        return destination;
    }

    /** The connection it travels on, for a reliable transport; 0 for a datagram. */
    public long connectionId() {
        return connectionId;
    }

    /** The bytes as sent (a copy). */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The size in bytes. */
    public int size() {
        return bytes.length;
    }

    /** The virtual instant it was sent at. */
    public Instant sentAt() {
        return sentAt;
    }

    /** The virtual instant from which it may be delivered. */
    public Instant due() {
        return due;
    }

    /**
     * The message its bytes parse to, before the receiver's Via stamp (RFC 3261 §18.2.1).
     *
     * @throws SipParseException when the bytes are not a SIP message
     */
    public SipMessage message() {
        SipMessage m = message;
        if (m == null) {
            // The parser keeps the array it is given; this one is never handed out or changed.
            m = SipParser.parse(bytes);
            message = m;
        }
        return m;
    }

    /** True when the bytes parse to a request. */
    public boolean isRequest() {
        return message().isRequest();
    }

    @Override
    public String toString() {
        String first;
        try {
            first = message().startLine();
        } catch (SipParseException e) {
            first = "unparseable (" + e.reason() + ")";
        }
        return "#" + sequence + " " + transport + " " + source + " -> " + destination + " due " + due + ": " + first;
    }
}
