/**
 * NAT traversal support of the proxy (issue #7): {@link org.parley.proxy.nat.NatKeepAlive} keeps the
 * NAT mappings of registered clients open with an OPTIONS request (RFC 3261 §11) to UDP bindings
 * whose REGISTER came from another address than their Contact (RFC 3581), and a CRLFCRLF ping
 * (RFC 5626 §4.4.1) on the stream flow a binding registered over; bindings that stop answering are
 * reported and, when configured, removed.
 *
 * <pre>
 *   every interval:  LocationStore pages ─► NAT'd bindings (≤ maxBindings) ─► spread over the interval
 *     UDP:    OPTIONS ─► any response: alive │ 408/503 of the transaction layer: failure
 *     stream: CRLFCRLF on the flow ─► written: alive │ flow closed: failure
 *   maxFailures in a row ─► KeepAliveListener.onUnreachable ─► (removeUnreachable) removed from the store
 * </pre>
 *
 * <p>Thread model: a {@code NatKeepAlive} is confined to one lane of the transaction layer, chosen
 * by {@link org.parley.proxy.nat.NatKeepAlive#LANE_KEY}; store answers and responses are carried to
 * it, and nothing blocks. Depends on {@code proxy.location}, {@code parley-transaction},
 * {@code parley-transport} ({@code TransportLayer.sendKeepAlive}, {@code Target}), {@code parley-message}
 * and SLF4J.
 */
package org.parley.proxy.nat;
