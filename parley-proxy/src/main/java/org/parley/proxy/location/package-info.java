/**
 * The location service (RFC 3261 §10, §16.5): bindings of an address-of-record to contacts, written
 * by the registrar and read by the proxy.
 *
 * <ul>
 *   <li>{@link org.parley.proxy.location.LocationStore} (SPI): asynchronous lookup, atomic change,
 *       paging and counts; {@link org.parley.proxy.location.MemoryLocationStore} keeps bindings in a
 *       concurrent map with an expiry index, bounded.</li>
 *   <li>{@link org.parley.proxy.location.Binding}: a contact with its expiry, q, Call-ID/CSeq,
 *       Path (RFC 3327), {@code +sip.instance}/{@code reg-id} (RFC 5626) and source (transport,
 *       addresses, connection) for NAT traversal.</li>
 *   <li>{@link org.parley.proxy.location.BindingChange}: one REGISTER's changes as a pure function of
 *       the current bindings (§10.3 steps 6 and 7), which every store runs inside its atomic
 *       read-modify-write.</li>
 * </ul>
 *
 * <pre>
 *   REGISTER ─► Registrar ─► BindingChange ─► store.apply: [read record ─► applyTo ─► write if APPLIED]
 *                                                              atomic per address-of-record
 *   expiry index (deadline order) ─► removeExpired(): only the due bindings are visited
 * </pre>
 *
 * <p>Thread model: values are immutable; stores are thread-safe and never block the caller (futures).
 * Depends on {@code parley-message} (Contact, Address, URIs), {@code parley-transport} ({@code Source})
 * and the JDK.
 */
package org.parley.proxy.location;
