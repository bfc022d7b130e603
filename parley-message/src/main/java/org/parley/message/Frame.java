package org.parley.message;

/**
 * What a {@link StreamFramer} found next in a stream: a whole message, or a keep-alive between
 * messages (RFC 5626 §3.5.1: a client pings with CRLFCRLF and the server answers with one CRLF).
 * Immutable.
 */
public sealed interface Frame {
    /** A complete message. */
    record Message(SipMessage message) implements Frame {
    }

    /** A double CRLF between messages: a keep-alive ping, to be answered with {@link Pong}. */
    record Ping() implements Frame {
    }

    /** A single CRLF between messages: a keep-alive pong. */
    record Pong() implements Frame {
    }

    /** The one ping value. */
    Ping PING = new Ping();

    /** The one pong value. */
    Pong PONG = new Pong();
}
