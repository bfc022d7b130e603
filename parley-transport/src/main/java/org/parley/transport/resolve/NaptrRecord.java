package org.parley.transport.resolve;

/**
 * A decoded NAPTR record (RFC 3403 §4.1). Immutable.
 *
 * @param order       lower first
 * @param preference  lower first among equal orders
 * @param flags       e.g. "s": the next lookup is SRV (RFC 3404 §4.3)
 * @param service     e.g. "SIP+D2U" (RFC 3263 §4.1)
 * @param regexp      unused by RFC 3263, which sets replacement instead
 * @param replacement the SRV name to look up, lower case without the trailing dot; "" for the root
 */
record NaptrRecord(int order, int preference, String flags, String service, String regexp, String replacement) {
}
