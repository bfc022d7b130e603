package org.parley.transport;

/**
 * Receives the messages the transport layer parsed (SPI). It is called on a network event loop:
 * it must return quickly and never block (STYLE.md §6); the transaction layer is its user.
 */
@FunctionalInterface
public interface InboundHandler {
    /** Handles one message. An exception it throws is logged and counted, never sent to the peer. */
    void onMessage(Inbound inbound);
}
