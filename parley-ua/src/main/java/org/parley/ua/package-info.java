/**
 * The SIP user agent (issue #5): what users call to register, call, answer, send messages and
 * subscribe, built on {@code parley-transaction} and {@code parley-sdp}. Sub-packages follow the
 * protocol: {@code ua.auth} (digest authentication client, RFC 3261 §22, RFC 7616, RFC 8760) and
 * {@code ua.dialog} (dialogs, RFC 3261 §12). In this package: {@link org.parley.ua.UserAgent} (the
 * request path of RFC 3261 §8, OPTIONS and MESSAGE of RFC 3428), {@link org.parley.ua.Registration}
 * (RFC 3261 §10.2: refresh, 423 Min-Expires, removal) and {@link org.parley.ua.Subscription}
 * (RFC 6665 subscriber: NOTIFY before the 2xx, refresh, unsubscribe).
 *
 * <p>Thread model: values are immutable; stateful classes say in their Javadoc whether they are
 * confined to a transaction lane or thread-safe. Depends on {@code parley-transaction},
 * {@code parley-transport}, {@code parley-sdp}, {@code parley-message} and SLF4J; no Netty type
 * appears in this module's public API (STYLE.md §1).
 */
package org.parley.ua;
