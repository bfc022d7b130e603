/**
 * Pieces of the transport layer that are not API: the §18.2.1 Via stamp, the answer to a
 * malformed request, and write access to {@code TransportStats} counters for other transport
 * implementations. Users never should use them (STYLE.md §2). Stateless but for the access
 * function {@code TransportCounters} is given once.
 *
 * <p>Used by {@code org.parley.transport}, and along the dependency arrow by {@code parley-testkit}:
 * {@code org.parley.testkit.MemoryEndpoint} stamps delivered requests with {@code ViaStamp} (so upper
 * layers see what the real layer gives them) and counts with {@code TransportCounters}.
 */
package org.parley.transport.internal;
