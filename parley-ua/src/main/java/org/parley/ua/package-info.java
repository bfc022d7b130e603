/**
 * The SIP user agent (issue #5): what users call to register, call, answer, send messages and
 * subscribe, built on {@code parley-transaction} and {@code parley-sdp}. Sub-packages follow the
 * protocol: {@code ua.auth} (digest authentication client, RFC 3261 §22, RFC 7616, RFC 8760) and
 * {@code ua.dialog} (dialogs, RFC 3261 §12). Built so far: those two packages; the call,
 * registration and messaging API of this package comes next.
 *
 * <p>Thread model: values are immutable; stateful classes say in their Javadoc whether they are
 * confined to a transaction lane or thread-safe. Depends on {@code parley-transaction},
 * {@code parley-transport}, {@code parley-sdp}, {@code parley-message} and SLF4J; no Netty type
 * appears in this module's public API (STYLE.md §1).
 */
package org.parley.ua;
