package org.parley.transport.resolve;

/**
 * A decoded SRV record (RFC 2782). Immutable.
 *
 * @param priority lower first
 * @param weight   relative chance among equal priorities
 * @param port     the port on the target
 * @param target   the host, lower case without the trailing dot; "" ("." on the wire) means no service
 */
record SrvRecord(int priority, int weight, int port, String target) {
}
