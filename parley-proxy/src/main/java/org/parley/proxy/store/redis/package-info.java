/**
 * The location service in Redis, for several Parley nodes sharing their bindings (issue #6; RFC 3261
 * §10.3 for the rules, which stay in {@link org.parley.proxy.location.BindingChange}).
 *
 * <ul>
 *   <li>{@link org.parley.proxy.store.redis.RedisLocationStore}: one key per address-of-record, the
 *       value every binding in order, the key's TTL ending with the last binding, so Redis's own expiry
 *       does the cleaning; atomic changes by read, decide in Java, compare-and-set in Lua, retry.</li>
 *   <li>{@link org.parley.proxy.store.redis.RedisConfig}: server URI, key prefix, timeout, attempts.</li>
 * </ul>
 *
 * <pre>
 *   apply(change):  GET key ─► decode ─► change.applyTo(bindings) ─► not APPLIED ─► answer
 *                     ▲                                              │ APPLIED
 *                     │ value changed meanwhile (≤ maxAttempts)      ▼
 *                     └────────────── 0 ◄── EVAL compare-and-set(key, read, new, PX ttl) ─► 1 ─► answer
 *
 *   key  parley:location:sip:alice@example.com  ─►  "P1" + bindings   TTL = last expiry − now
 * </pre>
 *
 * <p>Thread model: the store is thread-safe and non-blocking; futures complete on Lettuce's I/O
 * threads. Depends on {@code org.parley.proxy.location}, {@code parley-message}, {@code parley-transport}
 * ({@code Source}, {@code Transport}), Lettuce and SLF4J.
 */
package org.parley.proxy.store.redis;
