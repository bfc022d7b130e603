/**
 * Typed values of the SIP header fields the stack reads and writes: Via, CSeq, Max-Forwards,
 * delta-seconds (Expires, Min-Expires, Retry-After), media types (Content-Type, Accept),
 * WWW-Authenticate / Proxy-Authenticate challenges and Authorization / Proxy-Authorization
 * credentials, option tags (Require, Proxy-Require, Supported, Unsupported), Allow, Event,
 * Subscription-State and Timestamp; addresses ({@link org.parley.message.header.Address}: From, To,
 * Route, Record-Route, Path, Refer-To, ...) and {@link org.parley.message.header.Contact} elements;
 * and {@link org.parley.message.header.HeaderScanner}, the cursor their parsers (and Parley's
 * message parser) are built on.
 *
 * <p>Grammar: RFC 3261 §20 and §25.1, with RFC 3581 (rport), RFC 5118 (IPv6 in Via), RFC 6665
 * §8.2 (Event, Subscription-State), RFC 7235 §2 and RFC 7616 §3.3-3.4 (authentication), RFC 8760
 * (SHA-2 digest algorithms), RFC 3327 (Path), RFC 3515 (Refer-To), RFC 5626 (+sip.instance,
 * reg-id). Leniencies follow the torture tests of RFC 4475 and RFC 5118.
 *
 * <p>Each type is an immutable value with a {@code parse(String)} factory (for
 * {@code Address}, {@code parse(headerName, element)}) that reads ONE element
 * of a header field value: the caller has already unfolded the line and split comma-separated
 * lists with {@link org.parley.message.HeaderValues#split}. The authentication headers are the
 * exception: their commas separate parameters of one value, which is parsed whole. Bad input
 * raises {@link org.parley.message.SipParseException} with a 400 whose reason phrase names the
 * header and the problem; {@code toString()} gives the canonical wire form, which parses back
 * to an equal value. Values are checked when constructed (API misuse is an
 * {@link java.lang.IllegalArgumentException} quoting the value); types with many optional parts
 * have builders and {@code toBuilder()}. Public methods never return null.
 *
 * <p>Thread model: every value is immutable and thread-safe; builders and
 * {@code HeaderScanner} are confined to the thread using them.
 *
 * <p>Dependencies: {@code org.parley.message} (Parameters, Syntax, Method, SipParseException),
 * {@code org.parley.message.uri} (the URIs of addresses) and the JDK only. Via hosts are kept as
 * strings, not as the URI package's types.
 */
package org.parley.message.header;
